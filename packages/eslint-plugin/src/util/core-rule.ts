// Turns a core rule into an ESLint rule: the rule's logic stays in @flyte-secrets/core, so the
// language server reports exactly the same findings.
import type { CoreRule, Finding, TextEdit } from '@flyte-secrets/core';
import type { Rule } from 'eslint';
import { PythonSourceCode } from '../language/python-source-code.js';
import { createRule } from './create-rule.js';
import { warnOnce } from './warn-once.js';

export const PYTHON_LANGUAGE = '@flyte-secrets/python';

function toFix(edits: TextEdit[]): (fixer: Rule.RuleFixer) => Rule.Fix[] {
  return (fixer) => edits.map((edit) => fixer.replaceTextRange([edit.span.start, edit.span.end], edit.text));
}

export function report(context: Rule.RuleContext, source: { getLocFromIndex(i: number): { line: number; column: number } }, finding: Finding): void {
  context.report({
    loc: { start: source.getLocFromIndex(finding.span.start), end: source.getLocFromIndex(finding.span.end) },
    messageId: finding.messageId,
    data: finding.data,
    fix: finding.fix ? toFix(finding.fix) : undefined,
    suggest: finding.suggestions?.map((s) => ({ messageId: s.messageId, data: s.data, fix: toFix(s.edits) })),
  });
}

/** ESLint language ids for the core's rule languages. */
const LANGUAGE_IDS = { python: PYTHON_LANGUAGE, javascript: 'js/js' } as const;

/** ESLint `meta` of a core rule. */
export function ruleMeta(rule: CoreRule): Rule.RuleMetaData {
  return {
    type: rule.meta.type,
    docs: { description: rule.meta.description, ...(rule.meta.recommended ? { recommended: rule.meta.recommended } : {}) },
    messages: rule.meta.messages,
    schema: rule.meta.schema as never,
    ...(rule.meta.fixable ? { fixable: rule.meta.fixable } : {}),
    ...(rule.meta.hasSuggestions ? { hasSuggestions: true } : {}),
    defaultOptions: rule.meta.defaultOptions,
    languages: rule.meta.languages.map((l) => LANGUAGE_IDS[l]),
  } as Rule.RuleMetaData;
}

type Context = Rule.RuleContext;

/** Runs a core rule on a Python file: its findings are reported when ESLint visits the module. */
export function pythonListener(rule: CoreRule, context: Context, options: readonly unknown[]): Rule.RuleListener {
  const source = context.sourceCode as unknown;
  if (!(source instanceof PythonSourceCode)) return {};
  return {
    module() {
      const config = source.configFor(context.settings['@flyte-secrets'] as Record<string, unknown> | undefined);
      for (const finding of rule.check({ analysis: source.analysis, config, options: [...options], warn: warnOnce })) report(context, source, finding);
    },
  } as Rule.RuleListener;
}

/** The ESLint rule for a Python core rule. */
export function pythonRule(rule: CoreRule): Rule.RuleModule {
  return createRule({
    name: rule.name,
    meta: ruleMeta(rule),
    create: (context, options) => pythonListener(rule, context, options),
  });
}
