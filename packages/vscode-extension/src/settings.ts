// The extension's settings as the language server reads them. VS Code answers the server's
// `workspace/configuration` request with the raw `flyteSecrets` section; this module turns that
// into the server's vocabulary (packages/lsp/src/settings.ts). No `vscode` import here, so the
// mapping is tested in plain Node.

/** The settings section, also the language client's id (`flyteSecrets.trace.server`). */
export const SECTION = 'flyteSecrets';

/** The severity words of VS Code's UI, and the server's own words, which users may copy from its README. */
const SEVERITIES: Record<string, string> = {
  off: 'off',
  hint: 'hint',
  information: 'info',
  info: 'info',
  warning: 'warn',
  warn: 'warn',
  error: 'error',
};

/** The settings the server reads; everything else in the section (trace) is the client's. */
const SERVER_KEYS = ['enable', 'run', 'useFlatConfig', 'rules', 'config', 'codeLens'] as const;

export interface MappingContext {
  /**
   * Whether the workspace is trusted. Reading the ESLint flat config runs the workspace's code,
   * so an untrusted workspace never does it, whatever its settings say.
   */
  trusted: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The server's `flyteSecrets` settings for VS Code's `flyteSecrets` section. Values the server
 * cannot take are passed on as they are, so that the server names them in its warning.
 */
export function toServerSettings(section: unknown, context: MappingContext): Record<string, unknown> {
  const raw = isRecord(section) ? section : {};
  const settings: Record<string, unknown> = {};
  for (const key of SERVER_KEYS) {
    const value = raw[key];
    if (value === undefined || value === null) continue;
    if (key === 'rules' && isRecord(value)) settings.rules = mapSeverities(value);
    else settings[key] = value;
  }
  if (!context.trusted) settings.useFlatConfig = false;
  return settings;
}

function mapSeverities(rules: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(rules)
      .filter(([, severity]) => severity !== null && severity !== undefined && severity !== '')
      .map(([rule, severity]) => [rule, typeof severity === 'string' ? SEVERITIES[severity.toLowerCase()] ?? severity : severity]),
  );
}


/**
 * VS Code pulls diagnostics on open, on change and on save; with `flyteSecrets.run: "onSave"` the
 * pulls on change are skipped (`diagnosticPullOptions.filter`: true means skip).
 */
export function skipPull(run: unknown, mode: 'onType' | 'onSave' | 'onFocus'): boolean {
  return run === 'onSave' && mode === 'onType';
}
