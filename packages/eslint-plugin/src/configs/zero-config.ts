// The ESLint config `flyte-secrets` lints with when the repository has none that lints Python (the
// CLI passes this file to ESLint as `--config`, so patterns are relative to the current folder): the
// recommended config, minus the folders Python tools never lint and what .gitignore files ignore.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { includeIgnoreFile } from 'eslint/config';
import type { Linter } from 'eslint';
import { PYTHON_TOOL_FOLDERS } from '@flyte-secrets/core';
import plugin from '../index.js';

/** Files ESLint lints by default; a Python repository's JavaScript is not ours to parse unless a config asks. */
const ESLINT_DEFAULT_FILES = ['**/*.js', '**/*.mjs', '**/*.cjs'];

/** The .gitignore files of `dir` and its parents up to the git repository's root; outside a repository, `dir`'s own. */
function gitignoreFiles(dir: string): string[] {
  const files: string[] = [];
  for (let current = dir; ; current = path.dirname(current)) {
    const gitignore = path.join(current, '.gitignore');
    if (existsSync(gitignore)) files.push(gitignore);
    if (existsSync(path.join(current, '.git'))) return files;
    if (path.dirname(current) === current) return files.filter((file) => path.dirname(file) === dir);
  }
}

const recommended = plugin.configs.recommended;
const linted = new Set(recommended.flatMap((config) => (config.files ?? []).flat()));

const zeroConfig: Linter.Config[] = [
  ...recommended,
  {
    name: '@flyte-secrets/zero-config/ignores',
    ignores: [...PYTHON_TOOL_FOLDERS.map((folder) => `**/${folder}/`), ...ESLINT_DEFAULT_FILES.filter((files) => !linted.has(files))],
  },
  ...gitignoreFiles(process.cwd()).map(
    (file) => includeIgnoreFile(file, { name: `@flyte-secrets/zero-config/gitignore (${file})`, gitignoreResolution: true }) as Linter.Config,
  ),
];

export default zeroConfig;
