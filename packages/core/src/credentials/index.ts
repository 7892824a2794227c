// The credential detector: the language-independent classifier, its Python adapter and the finding type.
export { detectCredential, mayBeSample, nameFromPreviousArgument, type CredentialContext, type CredentialHit } from './classify.js';
export { compileAllowPatterns, CredentialFinding, redact } from './finding.js';
export { reportSpan } from './location.js';
export { isTestPath, TEST_CALLS } from './test-code.js';
export { CREDENTIAL_KIND_LABELS, type CredentialKind } from './kinds.js';
export { PROVIDER_FORMATS, PROVIDER_PREFIX } from './providers.js';
export { CredentialScanCache, mayHoldCredentials, scanPythonCredentials } from './python.js';
export { HOLE } from './values.js';
export { ARGUMENT_ROLES, flagContext, NAME_FIELDS, NAMED_DEFAULT_CALLS, VALUE_FIELDS, WRAPPER_CALLS } from './apis.js';
export { classifyName } from './names.js';
