// `configs.recommended` (Python) and `configs.javascript` (the opt-in JS/TS scan) are derived from
// each rule's `meta.docs.recommended` and `meta.languages`, never listed by hand.
import type { ESLint, Linter } from 'eslint';
import { PYTHON_LANGUAGE } from '../util/core-rule.js';
import { fingerprintedSettings } from '../util/inventory-cache-key.js';
import { typescriptParser } from './typescript-parser.js';

type RuleWithMeta = { meta?: { docs?: { recommended?: unknown }; languages?: string[] } };

export function recommendedRules(rules: Record<string, RuleWithMeta>, language: string): Linter.RulesRecord {
  return Object.fromEntries(
    Object.entries(rules)
      .filter(([, rule]) => rule.meta?.docs?.recommended && (rule.meta.languages ?? [language]).includes(language))
      .map(([name, rule]) => [`@flyte-secrets/${name}`, rule.meta!.docs!.recommended as Linter.RuleSeverity]),
  );
}

/** The Python rules on `*.py` and `*.pyi` files: all a Python repository needs, with nothing of TypeScript. */
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

/** The opt-in JS/TS credential scan: the rules for ESLint's JavaScript language, parsed by @typescript-eslint/parser. */
export function javascriptConfig(plugin: ESLint.Plugin, rules: Record<string, RuleWithMeta>): Linter.Config[] {
  return [
    {
      name: '@flyte-secrets/javascript',
      files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
      plugins: { '@flyte-secrets': plugin },
      languageOptions: { parser: typescriptParser, parserOptions: { ecmaFeatures: { jsx: true } } },
      rules: recommendedRules(rules, 'js/js'),
    },
  ];
}
