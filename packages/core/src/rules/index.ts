// The registry of rules. Adapters (ESLint plugin, language server) take the rules from here.
import { noDirectSecretAccess } from './no-direct-secret-access.js';
import { noMismatchedSecret } from './no-mismatched-secret.js';
import { noSecretLeak } from './no-secret-leak.js';
import { noUndeclaredSecret } from './no-undeclared-secret.js';
import { noUnusedSecretRequest } from './no-unused-secret-request.js';
import { secretExistsInNamespaces } from './secret-exists-in-namespaces.js';
import { secretManagerCompatibility } from './secret-manager-compatibility.js';
import type { CoreRule } from './types.js';
import { validSecretNames } from './valid-secret-names.js';
import { validSecretsApi } from './valid-secrets-api.js';

export const rules: Record<string, CoreRule> = Object.fromEntries(
  [
    noUndeclaredSecret,
    noMismatchedSecret,
    noUnusedSecretRequest,
    validSecretNames,
    validSecretsApi,
    noSecretLeak,
    noDirectSecretAccess,
    secretManagerCompatibility,
    secretExistsInNamespaces,
  ].map((rule) => [rule.name, rule]),
);
