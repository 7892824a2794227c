import noHardcodedCredentials from './no-hardcoded-credentials.js';
import noMismatchedSecret from './no-mismatched-secret.js';
import noUndeclaredSecret from './no-undeclared-secret.js';
import noUnusedSecretRequest from './no-unused-secret-request.js';
import validSecretNames from './valid-secret-names.js';

export const rules = {
  'no-hardcoded-credentials': noHardcodedCredentials,
  'no-mismatched-secret': noMismatchedSecret,
  'no-undeclared-secret': noUndeclaredSecret,
  'no-unused-secret-request': noUnusedSecretRequest,
  'valid-secret-names': validSecretNames,
};
