// The registry of rules. Adapters (ESLint plugin, language server) take the rules from here.
import { noHardcodedCredentials } from './no-hardcoded-credentials.js';
import { noMismatchedSecret } from './no-mismatched-secret.js';
import { noUndeclaredSecret } from './no-undeclared-secret.js';
import { noUnusedSecretRequest } from './no-unused-secret-request.js';
import type { CoreRule } from './types.js';
import { validSecretNames } from './valid-secret-names.js';

export const rules: Record<string, CoreRule> = Object.fromEntries(
  [noUndeclaredSecret, noMismatchedSecret, noUnusedSecretRequest, validSecretNames, noHardcodedCredentials].map((rule) => [rule.name, rule]),
);
