// Findings as LSP diagnostics, the same ids and messages as ESLint prints.
import { ruleDocsUrl, type UnparsablePythonError } from '@flyte-secrets/core';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintedFinding, LintResult } from './lint.js';
import { toRange } from './positions.js';

export const DIAGNOSTIC_SOURCE = 'flyte-secrets';

const SEVERITY: Record<LintedFinding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warn: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(document: TextDocument, linted: LintedFinding): Diagnostic {
  return {
    range: toRange(document, linted.finding.span),
    severity: SEVERITY[linted.severity],
    source: DIAGNOSTIC_SOURCE,
    code: linted.ruleId,
    codeDescription: { href: ruleDocsUrl(linted.rule.name) },
    message: linted.message,
  };
}

export function toDirectiveDiagnostic(document: TextDocument, unused: LintResult['unusedDirectives'][number]): Diagnostic {
  return {
    range: toRange(document, unused.span),
    severity: SEVERITY[unused.severity],
    source: DIAGNOSTIC_SOURCE,
    message: unused.message,
    tags: [DiagnosticTag.Unnecessary],
  };
}

/** A file the parser refuses (CPython's nesting limits, a parser trap): its one diagnostic, ESLint's `Parsing error`. */
export function parsingErrorDiagnostic(document: TextDocument, error: UnparsablePythonError): Diagnostic {
  return {
    range: toRange(document, { start: error.index, end: error.index }),
    severity: DiagnosticSeverity.Error,
    source: DIAGNOSTIC_SOURCE,
    message: `Parsing error: ${error.message}`,
  };
}

/** Every diagnostic of a lint result, in the order of the text. */
export function diagnosticsOf(document: TextDocument, result: LintResult): Diagnostic[] {
  return [...result.findings.map((linted) => toDiagnostic(document, linted)), ...result.unusedDirectives.map((unused) => toDirectiveDiagnostic(document, unused))].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}
