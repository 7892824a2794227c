// Reads the ESLint flat config that applies to a Python file, through the ESLint installed in the
// workspace (as vscode-eslint does), so the editor runs the rules the CI runs, with the same
// severities, options and settings. Loading a config runs the workspace's own code: clients can
// turn this off (`flyteSecrets.useFlatConfig: false`) for untrusted folders.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const CONFIG_FILES = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];
const PLUGIN_NAME = '@flyte-secrets/eslint-plugin';

/** What the flat config says about one file. */
export interface FlatConfigResult {
  /** The config file that was read. */
  file: string;
  /** Rule name (without prefix) → [severity 0|1|2, ...options]; rules the config does not mention are off. */
  rules: Map<string, [number, ...unknown[]]>;
  /** The plugin's prefix in this config (`@flyte-secrets` unless registered under another key). */
  prefix: string;
  /** `settings["@flyte-secrets"]`. */
  settings: Record<string, unknown> | undefined;
  /** `linterOptions.noInlineConfig`: `# eslint-disable` comments are ignored. */
  noInlineConfig: boolean;
  /** `linterOptions.reportUnusedDisableDirectives`. */
  reportUnusedDisableDirectives: 'off' | 'warn' | 'error';
  /** The config lints Python with this plugin but not this file (`ignores`, or `files` that leave it out). */
  ignored: boolean;
}

interface EslintLike {
  calculateConfigForFile(filePath: string): Promise<unknown>;
}

type Config = {
  rules?: Record<string, unknown>;
  plugins?: Record<string, { meta?: { name?: string } }>;
  settings?: Record<string, unknown>;
  linterOptions?: { noInlineConfig?: boolean; reportUnusedDisableDirectives?: unknown };
};

/** The nearest flat config file at or above `dir`, not above `stop` (a workspace folder). */
function findFlatConfig(dir: string, stop: string | undefined): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    for (const name of CONFIG_FILES) {
      const candidate = path.join(current, name);
      if (existsSync(candidate)) return candidate;
    }
    if (current === stop || path.dirname(current) === current) return undefined;
  }
}

export class FlatConfigReader {
  /** One ESLint per config file: ESLint caches the loaded config itself. */
  readonly #instances = new Map<string, Promise<EslintLike | undefined>>();
  /** Folder → its config file: looked up once, not on every keystroke. */
  readonly #lookups = new Map<string, string | undefined>();

  constructor(private readonly warn: (message: string) => void) {}

  /** Forgets loaded configs and lookups (a config file, or the installed ESLint, changed). */
  clear(): void {
    this.#instances.clear();
    this.#lookups.clear();
  }

  /**
   * The flat config's view of `filePath`: undefined when no flat config exists, ESLint cannot be
   * loaded, or the config does not lint Python with this plugin.
   */
  async read(filePath: string, workspaceFolder: string | undefined): Promise<FlatConfigResult | undefined> {
    const dir = path.dirname(filePath);
    if (!this.#lookups.has(dir)) this.#lookups.set(dir, findFlatConfig(dir, workspaceFolder));
    const file = this.#lookups.get(dir);
    if (!file) return undefined;
    let instance = this.#instances.get(file);
    if (!instance) {
      instance = this.#load(file);
      this.#instances.set(file, instance);
    }
    const eslint = await instance;
    if (!eslint) return undefined;
    const config = await this.#calculate(eslint, filePath, file);
    if (!config) {
      // ESLint does not lint this file. If it lints Python with this plugin elsewhere, the file is
      // left out on purpose (generated code, vendored code): stay silent as ESLint does.
      const probe = await this.#calculate(eslint, path.join(path.dirname(file), '__flyte_secrets_probe__.py'), file);
      const prefix = probe && pluginPrefix(probe);
      if (!prefix) return undefined;
      return { file, rules: new Map(), prefix, settings: undefined, noInlineConfig: false, reportUnusedDisableDirectives: 'off', ignored: true };
    }
    const prefix = pluginPrefix(config);
    if (!prefix) return undefined;
    const rules = new Map<string, [number, ...unknown[]]>();
    for (const [id, entry] of Object.entries(config.rules ?? {})) {
      if (!id.startsWith(`${prefix}/`) || !Array.isArray(entry)) continue;
      rules.set(id.slice(prefix.length + 1), entry as [number, ...unknown[]]);
    }
    const settings = config.settings?.['@flyte-secrets'];
    return {
      file,
      rules,
      prefix,
      settings: settings && typeof settings === 'object' ? (settings as Record<string, unknown>) : undefined,
      noInlineConfig: config.linterOptions?.noInlineConfig === true,
      reportUnusedDisableDirectives: unusedDirectiveSeverity(config.linterOptions?.reportUnusedDisableDirectives),
      ignored: false,
    };
  }

  async #calculate(eslint: EslintLike, filePath: string, file: string): Promise<Config | undefined> {
    try {
      return (await eslint.calculateConfigForFile(filePath)) as Config | undefined;
    } catch (error) {
      this.warn(`${file}: the ESLint config could not be evaluated for ${filePath} (${firstLine(error)}); using the server's rule settings`);
      return undefined;
    }
  }

  async #load(file: string): Promise<EslintLike | undefined> {
    const dir = path.dirname(file);
    let entry: string;
    try {
      entry = createRequire(path.join(dir, 'package.json')).resolve('eslint');
    } catch {
      this.warn(`${file}: found, but ESLint is not installed in ${dir} (npm install eslint); using the server's rule settings`);
      return undefined;
    }
    try {
      const { ESLint } = (await import(pathToFileURL(entry).href)) as { ESLint: new (options: { cwd: string }) => EslintLike };
      return new ESLint({ cwd: dir });
    } catch (error) {
      this.warn(`${file}: ESLint could not be loaded from ${entry} (${firstLine(error)}); using the server's rule settings`);
      return undefined;
    }
  }
}

function pluginPrefix(config: Config): string | undefined {
  return Object.entries(config.plugins ?? {}).find(([, plugin]) => plugin?.meta?.name === PLUGIN_NAME)?.[0];
}

/** ESLint accepts a severity (word or number) or a boolean; it defaults to "warn". */
function unusedDirectiveSeverity(value: unknown): FlatConfigResult['reportUnusedDisableDirectives'] {
  if (value === false || value === 0 || value === 'off') return 'off';
  if (value === 2 || value === 'error') return 'error';
  return 'warn';
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0]!;
}
