// How rules are named and documented outside core: the ESLint plugin and the language server
// show the same ids and link the same pages.

/** The ESLint plugin's `meta.namespace`: rule ids are `@flyte-secrets/<rule>`. */
export const PLUGIN_NAMESPACE = '@flyte-secrets';

export const DOCS_BASE = 'https://github.com/flyte-secrets/flyte-secrets/blob/main/packages/eslint-plugin/docs/rules/';

export function ruleDocsUrl(name: string): string {
  return `${DOCS_BASE}${name}.md`;
}

export function qualifiedRuleId(name: string): string {
  return `${PLUGIN_NAMESPACE}/${name}`;
}
