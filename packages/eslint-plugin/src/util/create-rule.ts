// An ESLint rule object with its docs URL. ESLint itself merges `meta.defaultOptions` into
// `context.options` (since 9.15), so no rule-creator library (and its `typescript` peer) is needed.
import { ruleDocsUrl } from '@flyte-secrets/core';
import type { Rule } from 'eslint';

export function createRule(name: string, meta: Rule.RuleMetaData, create: Rule.RuleModule['create']): Rule.RuleModule {
  return { meta: { ...meta, docs: { ...meta.docs, url: ruleDocsUrl(name) } }, create };
}
