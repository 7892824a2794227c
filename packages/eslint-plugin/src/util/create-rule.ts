import { ruleDocsUrl } from '@flyte-secrets/core';
import { ESLintUtils } from '@typescript-eslint/utils';

export interface FlyteSecretsRuleDocs {
  description: string;
  recommended?: 'error' | 'warn';
}

export const createRule = ESLintUtils.RuleCreator<FlyteSecretsRuleDocs>(ruleDocsUrl);
