// The registry of rules. Adapters (ESLint plugin, language server) take the rules from here.
import { noMismatchedSecret } from './no-mismatched-secret.js';
import { noUndeclaredSecret } from './no-undeclared-secret.js';
import { noUnusedSecretRequest } from './no-unused-secret-request.js';
import { secretExistsInNamespaces } from './secret-exists-in-namespaces.js';
import type { CoreRule } from './types.js';
import { validSecretNames } from './valid-secret-names.js';

export const rules: Record<string, CoreRule> = Object.fromEntries(
  [noUndeclaredSecret, noMismatchedSecret, noUnusedSecretRequest, validSecretNames, secretExistsInNamespaces].map((rule) => [rule.name, rule]),
);
