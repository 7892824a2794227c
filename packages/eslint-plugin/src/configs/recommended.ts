// `configs.recommended` is derived from each rule's `meta.docs.recommended`, never listed by hand.
import type { ESLint, Linter } from 'eslint';
import { PYTHON_LANGUAGE } from '../util/core-rule.js';
import { fingerprintedSettings } from '../util/inventory-cache-key.js';

type RuleWithMeta = { meta?: { docs?: { recommended?: unknown }; languages?: string[] } };

export function recommendedRules(rules: Record<string, RuleWithMeta>, language: string): Linter.RulesRecord {
  return Object.fromEntries(
    Object.entries(rules)
      .filter(([, rule]) => rule.meta?.docs?.recommended && (rule.meta.languages ?? [language]).includes(language))
      .map(([name, rule]) => [`@flyte-secrets/${name}`, rule.meta!.docs!.recommended as Linter.RuleSeverity]),
  );
}

export function recommendedConfig(plugin: ESLint.Plugin, rules: Record<string, RuleWithMeta>): Linter.Config[] {
  return [
    {
      name: '@flyte-secrets/recommended/python',
      files: ['**/*.py', '**/*.pyi'],
      plugins: { '@flyte-secrets': plugin },
      language: PYTHON_LANGUAGE,
      rules: recommendedRules(rules, PYTHON_LANGUAGE),
      settings: { '@flyte-secrets': fingerprintedSettings() },
    },
  ];
}
