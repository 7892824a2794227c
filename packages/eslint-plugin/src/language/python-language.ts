// The `@flyte-secrets/python` language: parses with tree-sitter, builds the flyte-secrets analysis
// while the tree is alive, and gives ESLint a small AST (the module and its `# eslint` comments).
// Converting the whole tree to JS objects would cost more than parsing it (see bench/RESULTS.md).
// A file in which no rule can find anything (decided from its text) is not parsed at all.
import path from 'node:path';
import type { File, Language, OkParseResult, ParseResult, SourceLocation } from '@eslint/core';
import { analyzeTree, defaultModuleLoader, endPosition, findDirectiveComments, firstSyntaxError, lineLocator, mayHoldDirectives, mayHoldFindings, parsePython, summarizeTree, UnparsablePythonError, unparsedAnalysis, withParserRecovery, type FileAnalysis, type SyntaxTree } from '@flyte-secrets/core';
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

/**
 * A file that no rule can report on: a read and a text scan, no parse (so a syntax error in it is
 * not reported). A rule configured with an env prefix or secrets folder the file mentions parses it on need.
 */
function unparsed(file: File, text: string): PythonParseResult {
  const ast: PythonRoot = { type: 'module', range: [0, text.length], loc: { start: { line: 1, column: 0 }, end: endPosition(text) }, comments: [] };
  return { ok: true, ast, analysis: unparsedAnalysis(text, file.physicalPath || file.path) };
}

export class PythonLanguage implements Language {
  readonly fileType = 'text' as const;
  readonly lineStart = 1 as const;
  readonly columnStart = 0 as const;
  readonly nodeTypeKey = 'type';
  readonly visitorKeys = { module: [], comment: [] };
  readonly defaultLanguageOptions = {};

  validateLanguageOptions(options: Record<string, unknown>): void {
    const unknown = Object.keys(options ?? {}).filter((key) => key !== 'parseEveryFile');
    if (unknown.length) throw new TypeError(`Unexpected key "${unknown[0]}" in languageOptions: the Python language takes only "parseEveryFile".`);
    if (options?.parseEveryFile !== undefined && typeof options.parseEveryFile !== 'boolean') throw new TypeError('languageOptions.parseEveryFile must be true or false.');
  }

  /** Adds the inventory fingerprint to what ESLint's --cache hashes (see util/inventory-cache-key.ts). */
  normalizeLanguageOptions(options: Record<string, unknown>): Record<string, unknown> {
    return withFingerprint({ ...options });
  }

  parse(file: File, context?: { languageOptions?: Record<string, unknown> }): ParseResult<PythonRoot> {
    const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
    if (!context?.languageOptions?.parseEveryFile && !mayHoldFindings(text) && !mayHoldDirectives(text)) return unparsed(file, text);
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
      const filePath = file.physicalPath || file.path;
      const analysis = analyzeTree(tree, text, { filePath });
      // The files that import a helper module use its summary from this tree, so it is parsed once per run. A task
      // module is rarely imported (a workflow module may): its summary is left to the first importer, which parses it.
      if (path.isAbsolute(filePath) && !analysis.module.tasks.length) defaultModuleLoader.remember(filePath, text, (loader) => summarizeTree(tree.rootNode, text, filePath, loader));
      return { ok: true, ast, analysis };
    } finally {
      tree.delete();
    }
  }

  createSourceCode(file: File, result: OkParseResult<PythonRoot>): PythonSourceCode {
    const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
    return new PythonSourceCode({ text, ast: result.ast, analysis: (result as PythonParseResult).analysis });
  }
}
