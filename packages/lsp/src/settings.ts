// The server's settings: section `flyteSecrets` of `workspace/configuration` (per document), with
// `initializationOptions` (or a `workspace/didChangeConfiguration` payload) for clients that cannot
// answer configuration requests. Everything a user writes is validated here; a bad value is
// reported once and replaced by its default.

export type Severity = 'off' | 'hint' | 'info' | 'warn' | 'error';
const SEVERITIES: readonly Severity[] = ['off', 'hint', 'info', 'warn', 'error'];

export interface Settings {
  /** Lint Python files at all. */
  enable: boolean;
  /** `onType`: lint every change; `onSave`: only on open and save. */
  run: 'onType' | 'onSave';
  /** Push clients: how long a burst of changes must pause before its diagnostics are computed. */
  debounceMs: number;
  /** Read rule severities and options from the ESLint flat config of the workspace, when there is one. */
  useFlatConfig: boolean;
  /** Severity per rule (`no-undeclared-secret` or `@flyte-secrets/no-undeclared-secret`), over everything else. */
  rules: Record<string, Severity>;
  /** `[tool.flyte-secrets]` keys that override the pyproject.toml (as ESLint `settings["@flyte-secrets"]` does). */
  config: Record<string, unknown>;
  /** Code lenses with each task's inventory status. */
  codeLens: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  run: 'onType',
  debounceMs: 50,
  useFlatConfig: true,
  rules: {},
  config: {},
  codeLens: true,
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Validates raw settings over `base`. Accepts the section itself or an object holding it under
 * `flyteSecrets` (what some clients put in `initializationOptions`).
 */
export function normalizeSettings(raw: unknown, base: Settings, warn: (message: string) => void): Settings {
  if (!isRecord(raw)) return base;
  const input = isRecord(raw.flyteSecrets) ? raw.flyteSecrets : raw;
  const settings: Settings = { ...base, rules: { ...base.rules }, config: { ...base.config } };
  const invalid = (key: string, expected: string) => warn(`setting flyteSecrets.${key} must be ${expected}; using ${JSON.stringify(base[key as keyof Settings])}`);
  for (const [key, value] of Object.entries(input)) {
    if (value === null || value === undefined) continue;
    switch (key) {
      case 'enable':
      case 'useFlatConfig':
      case 'codeLens':
        if (typeof value === 'boolean') settings[key] = value;
        else invalid(key, 'true or false');
        break;
      case 'run':
        if (value === 'onType' || value === 'onSave') settings.run = value;
        else invalid(key, '"onType" or "onSave"');
        break;
      case 'debounceMs':
        if (typeof value === 'number' && value >= 0 && value <= 10_000) settings.debounceMs = value;
        else invalid(key, 'a number of milliseconds between 0 and 10000');
        break;
      case 'rules':
        if (!isRecord(value)) {
          invalid(key, 'an object of rule name to severity');
          break;
        }
        for (const [rule, severity] of Object.entries(value)) {
          if (SEVERITIES.includes(severity as Severity)) settings.rules[rule] = severity as Severity;
          else warn(`setting flyteSecrets.rules["${rule}"] must be one of ${SEVERITIES.join(', ')}; ignored`);
        }
        break;
      case 'config':
        if (isRecord(value)) settings.config = { ...settings.config, ...value };
        else invalid(key, 'an object with [tool.flyte-secrets] keys');
        break;
      case 'trace':
        break; // read by the client (`flyteSecrets.trace.server`)
      default:
        warn(`unknown setting flyteSecrets.${key}; known: ${Object.keys(DEFAULT_SETTINGS).join(', ')}`);
    }
  }
  return settings;
}
