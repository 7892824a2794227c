import { ESLintUtils } from '@typescript-eslint/utils';

export interface FlyteSecretsRuleDocs {
  description: string;
  recommended?: 'error' | 'warn';
}

export const DOCS_BASE = 'https://github.com/flyte-secrets/flyte-secrets/blob/main/packages/eslint-plugin/docs/rules/';

export const createRule = ESLintUtils.RuleCreator<FlyteSecretsRuleDocs>((name) => `${DOCS_BASE}${name}.md`);
