import noMismatchedSecret from './no-mismatched-secret.js';
import noUndeclaredSecret from './no-undeclared-secret.js';
import noUnusedSecretRequest from './no-unused-secret-request.js';
import secretExistsInNamespaces from './secret-exists-in-namespaces.js';
import validSecretNames from './valid-secret-names.js';

export const rules = {
  'no-mismatched-secret': noMismatchedSecret,
  'no-undeclared-secret': noUndeclaredSecret,
  'no-unused-secret-request': noUnusedSecretRequest,
  'secret-exists-in-namespaces': secretExistsInNamespaces,
  'valid-secret-names': validSecretNames,
};
