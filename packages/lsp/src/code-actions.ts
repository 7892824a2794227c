// Quick fixes for the findings under the cursor (the rules' fixes and suggestions, "disable for
// this line", "disable for this file") and `source.fixAll.flyteSecrets` for the whole file.
import { disableFileEdit, disableLineEdit, formatMessage, type TextEdit as CoreTextEdit } from '@flyte-secrets/core';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver';
import { FIX_ALL_KIND } from './capabilities.js';
import { toDiagnostic, toDirectiveDiagnostic } from './diagnostics.js';
import type { PythonDocument } from './documents.js';
import type { LintResult } from './lint.js';
import { rangesTouch, toRange, toTextEdits } from './positions.js';

/** `only: ["source"]` asks for `source.fixAll.flyteSecrets` too. */
function wanted(kind: string, only: string[] | undefined): boolean {
  return !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}

/** Fix edits of several findings that do not overlap one another (the first wins, as in ESLint). */
function nonOverlapping(fixes: CoreTextEdit[][]): CoreTextEdit[] {
  const chosen: CoreTextEdit[] = [];
  for (const edits of fixes) {
    const clashes = edits.some((edit) => chosen.some((other) => edit.span.start < other.span.end && other.span.start < edit.span.end));
    if (!clashes) chosen.push(...edits);
  }
  return chosen.sort((a, b) => a.span.start - b.span.start);
}

export function codeActions(params: CodeActionParams, document: PythonDocument, result: LintResult): CodeAction[] {
  const only = params.context.only;
  const uri = document.uri;
  const text = document.document;
  const actions: CodeAction[] = [];
  const edit = (edits: CoreTextEdit[]) => ({ changes: { [uri]: toTextEdits(text, edits) } });

  if (wanted(CodeActionKind.QuickFix, only)) {
    const disabled = new Set<string>();
    const disableActions: CodeAction[] = [];
    for (const linted of result.findings) {
      if (!rangesTouch(toRange(text, linted.finding.span), params.range)) continue;
      const diagnostics: Diagnostic[] = [toDiagnostic(text, linted)];
      const { finding, rule, ruleId } = linted;
      if (finding.fix) {
        actions.push({ title: `Fix this ${ruleId} problem`, kind: CodeActionKind.QuickFix, diagnostics, isPreferred: true, edit: edit(finding.fix) });
      }
      for (const suggestion of finding.suggestions ?? []) {
        const title = formatMessage(rule.meta.messages[suggestion.messageId] ?? suggestion.messageId, suggestion.data);
        actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics, edit: edit(suggestion.edits) });
      }
      const line = `${ruleId}@${text.positionAt(finding.span.start).line}`;
      if (!disabled.has(line)) {
        disabled.add(line);
        const lineEdit = disableLineEdit(document.tree(), document.text, finding.span.start, ruleId);
        if (lineEdit) disableActions.push({ title: `Disable ${ruleId} for this line`, kind: CodeActionKind.QuickFix, diagnostics, edit: edit([lineEdit]) });
      }
      if (!disabled.has(ruleId)) {
        disabled.add(ruleId);
        disableActions.push({ title: `Disable ${ruleId} for the entire file`, kind: CodeActionKind.QuickFix, diagnostics, edit: edit([disableFileEdit(document.text, ruleId)]) });
      }
    }
    actions.push(...disableActions);
    for (const unused of result.unusedDirectives) {
      if (!rangesTouch(toRange(text, unused.span), params.range)) continue;
      actions.push({ title: 'Remove unused eslint-disable directive', kind: CodeActionKind.QuickFix, diagnostics: [toDirectiveDiagnostic(text, unused)], isPreferred: true, edit: edit([unused.removal]) });
    }
  }

  if (wanted(FIX_ALL_KIND, only)) {
    // What `eslint --fix` changes: the rules' autofixes and the removal of unused disable comments.
    const fixes = [...result.findings.flatMap((linted) => (linted.finding.fix ? [linted.finding.fix] : [])), ...result.unusedDirectives.map((unused) => [unused.removal])];
    if (fixes.length) actions.push({ title: 'Fix all auto-fixable flyte-secrets problems', kind: FIX_ALL_KIND, edit: edit(nonOverlapping(fixes)) });
  }
  return actions;
}
