// The ESLint that runs the lint: the one this package resolves (its peer dependency), so
// `npx @flyte-secrets/eslint-plugin` works in a repository without any JavaScript of its own.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

export interface EslintInstallation {
  version: string;
  /** ESLint's command-line entry point (its package.json `bin`). */
  bin: string;
  /** The path of the ESLint config the repository at `cwd` would use, if it has one. */
  findConfigFile(cwd: string): Promise<string | undefined>;
  /** Whether that config lints a Python file in `cwd` with this plugin's language (false when it cannot be loaded). */
  lintsPython(cwd: string): Promise<boolean>;
}

const PLUGIN_NAME = '@flyte-secrets/eslint-plugin';

function resolveEslint(): string {
  try {
    return require.resolve('eslint/package.json');
  } catch {
    throw new Error('ESLint is not installed beside @flyte-secrets/eslint-plugin; install both: npm install --save-dev eslint @flyte-secrets/eslint-plugin');
  }
}

async function eslintClass(): Promise<typeof import('eslint').ESLint> {
  return ((await import(pathToFileURL(require.resolve('eslint')).href)) as typeof import('eslint')).ESLint;
}

export function eslintInstallation(): EslintInstallation {
  const manifestPath = resolveEslint();
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string; bin: { eslint: string } };
  return {
    version: manifest.version,
    bin: path.resolve(path.dirname(manifestPath), manifest.bin.eslint),
    async findConfigFile(cwd) {
      return new (await eslintClass())({ cwd }).findConfigFile();
    },
    async lintsPython(cwd) {
      try {
        const config = (await new (await eslintClass())({ cwd }).calculateConfigForFile(path.join(cwd, 'flyte_secrets_probe.py'))) as
          | { language?: unknown; plugins?: Record<string, { meta?: { name?: string }; languages?: Record<string, unknown> }> }
          | undefined;
        // Any copy of this plugin, under any namespace (the repository may install its own copy).
        return Object.values(config?.plugins ?? {}).some((plugin) => plugin.meta?.name === PLUGIN_NAME && plugin.languages?.python === config?.language);
      } catch {
        return false;
      }
    },
  };
}
