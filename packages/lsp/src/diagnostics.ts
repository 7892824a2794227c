// Findings as LSP diagnostics, the same ids and messages as ESLint prints.
import { ruleDocsUrl } from '@flyte-secrets/core';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintedFinding } from './lint.js';
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
