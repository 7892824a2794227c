// @flyte-secrets/eslint-plugin: a Python language for ESLint and the flyte-secrets rules.
import { initParser } from '@flyte-secrets/core';
import type { ESLint, Linter } from 'eslint';
import { javascriptConfig, recommendedConfig } from './configs/recommended.js';
import { PythonLanguage } from './language/python-language.js';
import { rules } from './rules/index.js';

// The wasm parser loads asynchronously, once per process (and per ESLint worker thread);
// this is why the plugin is ESM-only and a CommonJS config cannot load it.
await initParser();

const plugin = {
  meta: { name: '@flyte-secrets/eslint-plugin', version: '0.1.0', namespace: '@flyte-secrets' },
  languages: { python: new PythonLanguage() },
  rules,
  configs: {} as { recommended: Linter.Config[]; javascript: Linter.Config[] },
};
plugin.configs.recommended = recommendedConfig(plugin as unknown as ESLint.Plugin, rules as never);
plugin.configs.javascript = javascriptConfig(plugin as unknown as ESLint.Plugin, rules as never);

export default plugin;
export { PythonLanguage } from './language/python-language.js';
export { PythonSourceCode } from './language/python-source-code.js';
