// Runs the real ESLint CLI (and the flyte-secrets command) on a copy of a fixture project, with the
// built plugin (`npm test` builds first).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const PLUGIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const REPO = path.resolve(PLUGIN, '../..');
const ESLINT_BIN = path.join(path.dirname(require.resolve('eslint/package.json')), 'bin/eslint.js');
const FLYTE_SECRETS_BIN = path.join(PLUGIN, 'dist/cli/main.js');
export const SARIF_FORMATTER = require.resolve('@microsoft/eslint-formatter-sarif');

if (!existsSync(path.join(PLUGIN, 'dist/index.js'))) throw new Error('Build first (npm run build): these tests run the built plugin through the real ESLint CLI.');

/** Copies `fixtures/<name>` to a temporary folder with an eslint.config.mjs that loads the built plugin. */
export function copyFixture(name: string, settings?: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `flyte-secrets-${name.replace(/\W/g, '-')}-`));
  cpSync(path.join(REPO, 'fixtures', name), dir, { recursive: true });
  for (const config of ['eslint.config.js', 'eslint.config.mjs']) rmSync(path.join(dir, config), { force: true });
  const plugin = pathToFileURL(path.join(PLUGIN, 'dist/index.js')).href;
  const extra = settings ? `, { files: ['**/*.py'], settings: ${JSON.stringify({ '@flyte-secrets': settings })} }` : '';
  writeFileSync(path.join(dir, 'eslint.config.mjs'), `import plugin from ${JSON.stringify(plugin)};\nexport default [...plugin.configs.recommended${extra}];\n`);
  return dir;
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function eslint(cwd: string, args: string[], env: Record<string, string> = {}): Run {
  const result = spawnSync(process.execPath, [ESLINT_BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function flyteSecrets(cwd: string, args: string[]): Run {
  const result = spawnSync(process.execPath, [FLYTE_SECRETS_BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** ESLint's JSON output as `line:column ruleId message` lines. */
export function findings(run: Run): string[] {
  const results = JSON.parse(run.stdout) as { filePath: string; messages: { line: number; column: number; ruleId: string; message: string }[] }[];
  return results.flatMap((r) => r.messages.map((m) => `${path.basename(r.filePath)}:${m.line}:${m.column} ${m.ruleId} ${m.message}`));
}
