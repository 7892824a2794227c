// Everything the rules need from one Python file, computed once per parse. The tree is freed
// right after (wasm memory is not garbage-collected), so rules work on plain data.
import { scanPythonCredentials, type CredentialScanCache } from './credentials/python.js';
import type { CredentialFinding } from './credentials/finding.js';
import { analyzeModule, irrelevantModule, type AnalyzeOptions } from './model/analyze.js';
import type { IncrementalAnalysis, IncrementalOptions } from './model/incremental.js';
import { tolerateSyntaxErrors } from './model/syntax-tolerance.js';
import type { ModuleModel, Span } from './model/types.js';
import { firstSyntaxError, parsePython, syntaxErrorSpans, UnparsablePythonError, withParserRecovery, type SyntaxTree } from './python/parser.js';

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

export interface TreeAnalysisOptions extends IncrementalOptions {
  /** An editor's per-document cache: only the statements an edit changed are scanned for credentials. */
  credentialCache?: CredentialScanCache;
  /** An editor's per-document analysis: only the functions an edit changed are analysed again. */
  incremental?: IncrementalAnalysis;
}

/** Builds the analysis from a tree the caller keeps (the language server reparses incrementally). */
export function analyzeTree(tree: SyntaxTree, text: string, options: TreeAnalysisOptions = {}): FileAnalysis {
  return {
    text,
    filePath: options.filePath,
    module: options.incremental ? options.incremental.analyze(tree.rootNode, text, options) : analyzeModule(tree.rootNode, text, options),
    credentials: options.credentialCache
      ? options.credentialCache.scan(tree.rootNode, text, options.filePath)
      : scanPythonCredentials(tree.rootNode, text, options.filePath),
  };
}

/**
 * The analysis of a file that the pre-filter (`mayHoldFindings`) rejected, without parsing it: no
 * rule finds anything in it. A rule configured with other anchors parses it on need (`analysisWithAnchors`).
 */
export function unparsedAnalysis(text: string, filePath?: string): FileAnalysis {
  return { text, filePath, module: irrelevantModule(), credentials: [] };
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
export function analyzeTolerant(tree: SyntaxTree, text: string, options: TreeAnalysisOptions = {}): TolerantAnalysis {
  const analysis = analyzeTree(tree, text, options);
  const syntaxErrors = syntaxErrorSpans(tree);
  tolerateSyntaxErrors(analysis.module, syntaxErrors);
  return { analysis, syntaxErrors };
}

/** Parses and analyses a file in one go; a syntax error is returned, not thrown. */
export function analyzeSource(text: string, options: AnalyzeOptions = {}): ParsedFile {
  try {
    return withParserRecovery((): ParsedFile => {
      const tree = parsePython(text);
      try {
        const error = firstSyntaxError(tree);
        if (error) return { ok: false, error };
        return { ok: true, analysis: analyzeTree(tree, text, options) };
      } finally {
        tree.delete();
      }
    });
  } catch (error) {
    if (error instanceof UnparsablePythonError) return { ok: false, error: { index: error.index, message: error.message } };
    throw error;
  }
}

const reanalysed = new WeakMap<FileAnalysis, Map<string, FileAnalysis>>();

/**
 * The analysis of a file that the relevance filter skipped, when a rule's configuration makes it
 * relevant (an env prefix or secrets folder that the file mentions). Parses the file once more,
 * only in that case; cached per analysis.
 */
export function analysisWithAnchors(analysis: FileAnalysis, anchors: string[]): FileAnalysis {
  const present = anchors.filter((anchor) => anchor && analysis.text.includes(anchor));
  if (analysis.module.relevant || !present.length) return analysis;
  let byAnchors = reanalysed.get(analysis);
  if (!byAnchors) reanalysed.set(analysis, (byAnchors = new Map()));
  const key = present.join('\u0000');
  let result = byAnchors.get(key);
  if (!result) {
    const parsed = analyzeSource(analysis.text, { filePath: analysis.filePath, anchors: present });
    result = parsed.ok ? parsed.analysis : analysis;
    byAnchors.set(key, result);
  }
  return result;
}
