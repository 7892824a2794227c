// Everything the rules need from one Python file, computed once per parse. The tree is freed
// right after (wasm memory is not garbage-collected), so rules work on plain data.
import { analyzeModule, type AnalyzeOptions } from './model/analyze.js';
import { tolerateSyntaxErrors } from './model/syntax-tolerance.js';
import type { ModuleModel, Span } from './model/types.js';
import { firstSyntaxError, parsePython, syntaxErrorSpans, type SyntaxTree } from './python/parser.js';

export interface FileAnalysis {
  text: string;
  filePath?: string;
  module: ModuleModel;
}

export interface SyntaxErrorInfo {
  index: number;
  message: string;
}

export type ParsedFile = { ok: true; analysis: FileAnalysis } | { ok: false; error: SyntaxErrorInfo };

/** Builds the analysis from a tree the caller keeps (the language server reparses incrementally). */
export function analyzeTree(tree: SyntaxTree, text: string, options: AnalyzeOptions = {}): FileAnalysis {
  return { text, filePath: options.filePath, module: analyzeModule(tree.rootNode, text, options) };
}

export interface TolerantAnalysis {
  analysis: FileAnalysis;
  /** Spans of the tree's syntax errors; rules' findings that touch one should be dropped. */
  syntaxErrors: Span[];
}

/**
 * Analyses a tree that may have syntax errors (an editor's buffer while typing): tasks and
 * functions that contain an error are treated as code the rules cannot see.
 */
export function analyzeTolerant(tree: SyntaxTree, text: string, options: AnalyzeOptions = {}): TolerantAnalysis {
  const analysis = analyzeTree(tree, text, options);
  const syntaxErrors = syntaxErrorSpans(tree);
  tolerateSyntaxErrors(analysis.module, syntaxErrors);
  return { analysis, syntaxErrors };
}

/** Parses and analyses a file in one go; a syntax error is returned, not thrown. */
export function analyzeSource(text: string, options: AnalyzeOptions = {}): ParsedFile {
  const tree = parsePython(text);
  try {
    const error = firstSyntaxError(tree);
    if (error) return { ok: false, error };
    return { ok: true, analysis: analyzeTree(tree, text, options) };
  } finally {
    tree.delete();
  }
}
