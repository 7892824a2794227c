// An ESLint rule object with its docs URL. ESLint itself merges `meta.defaultOptions` into
// `context.options` (since 9.15), so no rule-creator library (and its `typescript` peer) is needed.
import { ruleDocsUrl } from '@flyte-secrets/core';
import type { Rule } from 'eslint';

interface RuleSpec {
  name: string;
  meta: Rule.RuleMetaData;
  /** `options` are `context.options`, the user's over `meta.defaultOptions`. */
  create(context: Rule.RuleContext, options: unknown[]): Rule.RuleListener;
}

export function createRule({ name, meta, create }: RuleSpec): Rule.RuleModule {
  return { meta: { ...meta, docs: { ...meta.docs, url: ruleDocsUrl(name) } }, create: (context) => create(context, context.options) };
}
