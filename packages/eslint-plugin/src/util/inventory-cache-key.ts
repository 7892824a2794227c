// ESLint's --cache reuses a file's results while the file and the hash of its ESLint config are
// unchanged; it knows nothing of pyproject.toml or of the manifests the inventory reads. ESLint
// hashes the config through `toJSON` (lib/cli-engine/lint-result-cache.js: stringify(config),
// which calls toJSON on languageOptions and on every settings value), so both hooks below return
// a fingerprint of those files: change one and every cached result is dropped. The same goes for
// the summaries of the project's modules: a task's findings depend on the helpers it imports.
import { configurationFingerprint, projectFingerprint } from '@flyte-secrets/core';

/** The Python language's options, serialised with the fingerprints of the configurations and module summaries under the working folder. */
export function withFingerprint<T extends object>(options: T): T {
  Object.defineProperty(options, 'toJSON', {
    value: () => ({ ...options, '@flyte-secrets/configuration': configurationFingerprint(process.cwd()), '@flyte-secrets/project': projectFingerprint(process.cwd()) }),
    enumerable: false,
  });
  return options;
}

/**
 * `settings["@flyte-secrets"]` of configs.recommended. ESLint merges the user's
 * `settings["@flyte-secrets"]` into a copy of this object, so `toJSON` sees their overrides
 * (manifests and inventory globs set in eslint.config.js) and fingerprints what they point at.
 */
export function fingerprintedSettings(): Record<string, unknown> {
  return {
    toJSON(this: Record<string, unknown>) {
      const overrides = Object.fromEntries(Object.entries(this).filter(([, value]) => typeof value !== 'function'));
      return { ...overrides, '@flyte-secrets/configuration': configurationFingerprint(process.cwd(), overrides) };
    },
  };
}
