import noDirectSecretAccess from './no-direct-secret-access.js';
import noMismatchedSecret from './no-mismatched-secret.js';
import noSecretLeak from './no-secret-leak.js';
import noUndeclaredSecret from './no-undeclared-secret.js';
import noUnusedSecretRequest from './no-unused-secret-request.js';
import secretManagerCompatibility from './secret-manager-compatibility.js';
import secretExistsInNamespaces from './secret-exists-in-namespaces.js';
import validSecretNames from './valid-secret-names.js';
import validSecretsApi from './valid-secrets-api.js';

export const rules = {
  'no-direct-secret-access': noDirectSecretAccess,
  'no-mismatched-secret': noMismatchedSecret,
  'no-secret-leak': noSecretLeak,
  'no-undeclared-secret': noUndeclaredSecret,
  'no-unused-secret-request': noUnusedSecretRequest,
  'secret-exists-in-namespaces': secretExistsInNamespaces,
  'secret-manager-compatibility': secretManagerCompatibility,
  'valid-secret-names': validSecretNames,
  'valid-secrets-api': validSecretsApi,
};
