// The `@flyte-secrets/python` language: parses with tree-sitter, builds the flyte-secrets analysis
// while the tree is alive, and gives ESLint a small AST (the module and its `# eslint` comments).
// Converting the whole tree to JS objects would cost more than parsing it (see bench/RESULTS.md).
import type { File, Language, OkParseResult, ParseResult, SourceLocation } from '@eslint/core';
import { analyzeTree, findDirectiveComments, firstSyntaxError, lineLocator, parsePython, UnparsablePythonError, withParserRecovery, type FileAnalysis, type SyntaxTree } from '@flyte-secrets/core';
import { withFingerprint } from '../util/inventory-cache-key.js';
import { PythonSourceCode, type PythonComment, type PythonRoot } from './python-source-code.js';

type PythonParseResult = OkParseResult<PythonRoot> & { analysis: FileAnalysis };


function directiveComments(tree: SyntaxTree, text: string, at: (index: number) => { line: number; column: number }): PythonComment[] {
  return findDirectiveComments(tree, text).map(({ span, value }) => ({
    type: 'comment',
    range: [span.start, span.end],
    loc: { start: at(span.start), end: at(span.end) },
    value,
  }));
}

export class PythonLanguage implements Language {
  readonly fileType = 'text' as const;
  readonly lineStart = 1 as const;
  readonly columnStart = 0 as const;
  readonly nodeTypeKey = 'type';
  readonly visitorKeys = { module: [], comment: [] };
  readonly defaultLanguageOptions = {};

  validateLanguageOptions(options: Record<string, unknown>): void {
    const unknown = Object.keys(options ?? {});
    if (unknown.length) throw new TypeError(`Unexpected key "${unknown[0]}" in languageOptions: the Python language takes no options.`);
  }

  /** Adds the inventory fingerprint to what ESLint's --cache hashes (see util/inventory-cache-key.ts). */
  normalizeLanguageOptions(options: Record<string, unknown>): Record<string, unknown> {
    return withFingerprint({ ...options });
  }

  parse(file: File): ParseResult<PythonRoot> {
    const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
    const at = lineLocator(text);
    try {
      return withParserRecovery(() => this.#parse(file, text, at));
    } catch (error) {
      if (!(error instanceof UnparsablePythonError)) throw error;
      // One file's problem: ESLint reports it as this file's `Parsing error` and lints the others.
      const { line, column } = at(error.index);
      return { ok: false, errors: [{ message: `${error.message} (Python)`, line, column: column + 1 }] };
    }
  }

  #parse(file: File, text: string, at: (index: number) => { line: number; column: number }): ParseResult<PythonRoot> {
    const tree = parsePython(text);
    try {
      const error = firstSyntaxError(tree);
      if (error) {
        const { line, column } = at(error.index);
        return { ok: false, errors: [{ message: `${error.message} (Python)`, line, column: column + 1 }] };
      }
      const end = at(text.length);
      const loc: SourceLocation = { start: { line: 1, column: 0 }, end };
      const ast: PythonRoot = { type: 'module', range: [0, text.length], loc, comments: directiveComments(tree, text, at) };
      const analysis = analyzeTree(tree, text, { filePath: file.physicalPath || file.path });
      const result: PythonParseResult = { ok: true, ast, analysis };
      return result;
    } finally {
      tree.delete();
    }
  }

  createSourceCode(file: File, result: OkParseResult<PythonRoot>): PythonSourceCode {
    const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
    return new PythonSourceCode({ text, ast: result.ast, analysis: (result as PythonParseResult).analysis });
  }
}
