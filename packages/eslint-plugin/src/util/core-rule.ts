// Turns a core rule into an ESLint rule: the rule's logic stays in @flyte-secrets/core, so the
// language server reports exactly the same findings.
import type { CoreRule, Finding, TextEdit } from '@flyte-secrets/core';
import type { TSESLint } from '@typescript-eslint/utils';
import { PythonSourceCode } from '../language/python-source-code.js';
import { createRule } from './create-rule.js';
import { warnOnce } from './warn-once.js';

export const PYTHON_LANGUAGE = '@flyte-secrets/python';

type Fixer = TSESLint.RuleFixer;

function toFix(edits: TextEdit[]): (fixer: Fixer) => TSESLint.RuleFix[] {
  return (fixer) => edits.map((edit) => fixer.replaceTextRange([edit.span.start, edit.span.end], edit.text));
}

export function report(context: Readonly<TSESLint.RuleContext<string, unknown[]>>, source: { getLocFromIndex(i: number): { line: number; column: number } }, finding: Finding): void {
  context.report({
    loc: { start: source.getLocFromIndex(finding.span.start), end: source.getLocFromIndex(finding.span.end) },
    messageId: finding.messageId,
    data: finding.data,
    fix: finding.fix ? toFix(finding.fix) : undefined,
    suggest: finding.suggestions?.map((s) => ({ messageId: s.messageId, data: s.data, fix: toFix(s.edits) })),
  });
}

/** The ESLint rule for a Python core rule. */
export function pythonRule(rule: CoreRule) {
  return createRule<unknown[], string>({
    name: rule.name,
    meta: {
      type: rule.meta.type,
      docs: { description: rule.meta.description, ...(rule.meta.recommended ? { recommended: rule.meta.recommended } : {}) },
      messages: rule.meta.messages,
      schema: rule.meta.schema as never,
      ...(rule.meta.fixable ? { fixable: rule.meta.fixable } : {}),
      ...(rule.meta.hasSuggestions ? { hasSuggestions: true } : {}),
      defaultOptions: rule.meta.defaultOptions,
      languages: [PYTHON_LANGUAGE],
    } as never,
    create(context, options) {
      const source = context.sourceCode as unknown;
      if (!(source instanceof PythonSourceCode)) return {};
      return {
        module() {
          const config = source.configFor(context.settings['@flyte-secrets'] as Record<string, unknown> | undefined);
          for (const finding of rule.check({ analysis: source.analysis, config, options: [...options], warn: warnOnce })) report(context, source, finding);
        },
      } as never;
    },
  });
}
