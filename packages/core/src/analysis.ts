// Everything the rules need from one Python file, computed once per parse. The tree is freed
// right after (wasm memory is not garbage-collected), so rules work on plain data.
import { scanPythonCredentials } from './credentials/python.js';
import type { CredentialFinding } from './credentials/finding.js';
import { analyzeModule, type AnalyzeOptions } from './model/analyze.js';
import type { ModuleModel } from './model/types.js';
import { firstSyntaxError, parsePython, type SyntaxTree } from './python/parser.js';

export interface FileAnalysis {
  text: string;
  filePath?: string;
  module: ModuleModel;
  /** Credential literals, found in every file (not only those that mention secrets). */
  credentials: CredentialFinding[];
}

export interface SyntaxErrorInfo {
  index: number;
  message: string;
}

export type ParsedFile = { ok: true; analysis: FileAnalysis } | { ok: false; error: SyntaxErrorInfo };

/** Builds the analysis from a tree the caller keeps (the language server reparses incrementally). */
export function analyzeTree(tree: SyntaxTree, text: string, options: AnalyzeOptions = {}): FileAnalysis {
  return {
    text,
    filePath: options.filePath,
    module: analyzeModule(tree.rootNode, text, options),
    credentials: scanPythonCredentials(tree.rootNode, text),
  };
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
