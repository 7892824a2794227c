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
}

function resolveEslint(): string {
  try {
    return require.resolve('eslint/package.json');
  } catch {
    throw new Error('ESLint is not installed beside @flyte-secrets/eslint-plugin; install both: npm install --save-dev eslint @flyte-secrets/eslint-plugin');
  }
}

export function eslintInstallation(): EslintInstallation {
  const manifestPath = resolveEslint();
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string; bin: { eslint: string } };
  return {
    version: manifest.version,
    bin: path.resolve(path.dirname(manifestPath), manifest.bin.eslint),
    async findConfigFile(cwd) {
      const { ESLint } = (await import(pathToFileURL(require.resolve('eslint')).href)) as typeof import('eslint');
      return new ESLint({ cwd }).findConfigFile();
    },
  };
}
