// `[tool.flyte-secrets]` from the nearest pyproject.toml, with ESLint settings (or editor settings)
// laid over it. The same keys everywhere, as in the public contract.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';

/** `Union`: the Flyte secret store (Union, and Flyte 2's embedded secret manager), read by key alone. */
export const SECRET_MANAGERS = ['K8s', 'AWS', 'GCP', 'Vault', 'Global', 'Union'] as const;
export type SecretManager = (typeof SECRET_MANAGERS)[number];

export interface TargetConfig {
  paths: string[];
  projects: string[];
  domains?: string[];
}

export interface FlyteSecretsConfig {
  projects: string[];
  domains: string[];
  namespaceTemplate: string;
  manifests: string[];
  inventory: string[];
  secretManager: SecretManager;
  envPrefix: string;
  secretsDir: string;
  targets: TargetConfig[];
  /** The folder that `manifests`, `inventory` and target `paths` are relative to. */
  root: string | undefined;
  /** The pyproject.toml the configuration came from, if any. */
  source: string | undefined;
}

export interface LoadedConfig {
  config: FlyteSecretsConfig;
  /** Problems with the configuration, each naming its file; the run goes on with defaults. */
  warnings: string[];
}

export const DEFAULT_CONFIG: Omit<FlyteSecretsConfig, 'root' | 'source'> = {
  projects: [],
  domains: ['development', 'staging', 'production'],
  namespaceTemplate: '{{ project }}-{{ domain }}',
  manifests: [],
  inventory: [],
  secretManager: 'K8s',
  envPrefix: '_FSEC_',
  secretsDir: '/etc/flyte/secrets',
  targets: [],
};

type Key = keyof typeof DEFAULT_CONFIG;
const KEYS: Record<string, Key> = {
  projects: 'projects',
  domains: 'domains',
  'namespace-template': 'namespaceTemplate',
  manifests: 'manifests',
  inventory: 'inventory',
  'secret-manager': 'secretManager',
  'env-prefix': 'envPrefix',
  'secrets-dir': 'secretsDir',
  targets: 'targets',
};

const pyprojectByDir = new Map<string, string | undefined>();
const parsedByPath = new Map<string, { stamp: string; table: Record<string, unknown> | undefined; warnings: string[] }>();

/** Forgets cached pyproject.toml lookups (an editor calls this when files change). */
export function clearConfigCache(): void {
  pyprojectByDir.clear();
  parsedByPath.clear();
}

/** The nearest pyproject.toml at or above `dir`. */
export function findPyproject(dir: string): string | undefined {
  if (pyprojectByDir.has(dir)) return pyprojectByDir.get(dir);
  const candidate = path.join(dir, 'pyproject.toml');
  let found: string | undefined;
  try {
    if (statSync(candidate).isFile()) found = candidate;
  } catch {
    const parent = path.dirname(dir);
    found = parent === dir ? undefined : findPyproject(parent);
  }
  pyprojectByDir.set(dir, found);
  return found;
}

function readTable(file: string): { table: Record<string, unknown> | undefined; warnings: string[] } {
  let stamp: string;
  try {
    const stat = statSync(file);
    stamp = `${stat.mtimeMs}:${stat.size}`;
  } catch (error) {
    return { table: undefined, warnings: [`${file}: cannot be read (${(error as Error).message})`] };
  }
  const cached = parsedByPath.get(file);
  if (cached?.stamp === stamp) return cached;
  let result: { table: Record<string, unknown> | undefined; warnings: string[] };
  try {
    const document = parseToml(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const tool = document.tool as Record<string, unknown> | undefined;
    const table = tool?.['flyte-secrets'];
    result = { table: isTable(table) ? table : undefined, warnings: [] };
    if (table !== undefined && !isTable(table)) result.warnings.push(`${file}: [tool.flyte-secrets] must be a table; using defaults`);
  } catch (error) {
    const message = (error as Error).message.split('\n')[0];
    result = { table: undefined, warnings: [`${file}: invalid TOML, [tool.flyte-secrets] ignored (${message})`] };
  }
  parsedByPath.set(file, { stamp, ...result });
  return result;
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

/** Validates one table of settings and writes what is valid into `into`. */
function apply(into: FlyteSecretsConfig, table: Record<string, unknown>, origin: string, warnings: string[]): void {
  for (const [rawKey, value] of Object.entries(table)) {
    if (typeof value === 'function') continue; // the ESLint plugin's cache-key hook (`toJSON`), not a setting
    const key = KEYS[rawKey];
    if (!key) {
      warnings.push(`${origin}: unknown flyte-secrets setting "${rawKey}" (known: ${Object.keys(KEYS).join(', ')})`);
      continue;
    }
    const invalid = (expected: string) => warnings.push(`${origin}: "${rawKey}" must be ${expected}; using the default`);
    switch (key) {
      case 'projects':
      case 'domains':
      case 'manifests':
      case 'inventory':
        if (isStringList(value)) into[key] = value;
        else invalid('a list of strings');
        break;
      case 'namespaceTemplate':
      case 'envPrefix':
      case 'secretsDir':
        if (typeof value === 'string' && value) into[key] = value;
        else invalid('a non-empty string');
        break;
      case 'secretManager': {
        const manager = SECRET_MANAGERS.find((m) => typeof value === 'string' && m.toLowerCase() === value.toLowerCase());
        if (manager) into.secretManager = manager;
        else invalid(`one of ${SECRET_MANAGERS.join(', ')}`);
        break;
      }
      case 'targets': {
        const targets = parseTargets(value);
        if (targets) into.targets = targets;
        else invalid('a list of tables with "paths" and "projects" (lists of strings) and optional "domains"');
        break;
      }
    }
  }
}

function parseTargets(value: unknown): TargetConfig[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const targets: TargetConfig[] = [];
  for (const entry of value) {
    if (!isTable(entry) || !isStringList(entry.paths) || !isStringList(entry.projects)) return undefined;
    if (entry.domains !== undefined && !isStringList(entry.domains)) return undefined;
    targets.push({ paths: entry.paths, projects: entry.projects, ...(entry.domains ? { domains: entry.domains as string[] } : {}) });
  }
  return targets;
}

/**
 * The configuration for a file: defaults, then `[tool.flyte-secrets]` of the nearest
 * pyproject.toml, then `overrides` (ESLint `settings["@flyte-secrets"]`, editor settings).
 */
export function loadConfig(filePath: string | undefined, overrides?: Record<string, unknown>): LoadedConfig {
  const warnings: string[] = [];
  const pyproject = filePath ? findPyproject(path.dirname(path.resolve(filePath))) : undefined;
  const config: FlyteSecretsConfig = {
    ...structuredClone(DEFAULT_CONFIG),
    root: pyproject ? path.dirname(pyproject) : filePath ? undefined : process.cwd(),
    source: pyproject,
  };
  if (pyproject) {
    const { table, warnings: tableWarnings } = readTable(pyproject);
    warnings.push(...tableWarnings);
    if (table) apply(config, table, `${pyproject} [tool.flyte-secrets]`, warnings);
  }
  if (overrides && Object.keys(overrides).length) apply(config, overrides, 'settings["@flyte-secrets"]', warnings);
  config.root ??= process.cwd();
  return { config, warnings };
}
