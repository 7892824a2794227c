// Running the real ESLint CLI on copies of fixture projects, as a user would.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEMO = path.join(ROOT, 'fixtures/demo');
const ESLINT = path.join(ROOT, 'node_modules/.bin/eslint');
/** The `flyte-secrets` command as built into the plugin's dist/. */
export const FLYTE_SECRETS = path.join(ROOT, 'packages/eslint-plugin/dist/cli/main.js');

/** Every finding fixtures/demo is built to show, as `findings()` lists them. */
export const DEMO_FINDINGS = [
  'payments/ingest.py:28:@flyte-secrets/no-undeclared-secret',
  'payments/notify.py:7:@flyte-secrets/secret-exists-in-namespaces',
  'payments/notify.py:7:@flyte-secrets/valid-secret-names',
  'payments/refunds.py:19:@flyte-secrets/valid-secrets-api',
  'payments/refunds.py:26:@flyte-secrets/no-direct-secret-access',
  'payments/refunds.py:34:@flyte-secrets/no-secret-leak',
  'payments/refunds.py:41:@flyte-secrets/secret-manager-compatibility',
  'payments/reports.py:15:@flyte-secrets/no-unused-secret-request',
  'payments/reports.py:22:@flyte-secrets/no-mismatched-secret',
  'payments/summary.py:9:@flyte-secrets/secret-exists-in-namespaces',
];

/** The demo findings that are warnings: bulk suppressions (errors only) leave these visible. */
export const DEMO_WARNINGS = [
  'payments/refunds.py:26:@flyte-secrets/no-direct-secret-access',
  'payments/refunds.py:34:@flyte-secrets/no-secret-leak',
  'payments/reports.py:15:@flyte-secrets/no-unused-secret-request',
];

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv): CliResult {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function eslint(cwd: string, args: string[]): CliResult {
  return run(ESLINT, args, cwd);
}

/** Runs `flyte-secrets <args>` in `cwd`. */
export function flyteSecrets(cwd: string, args: string[], env?: NodeJS.ProcessEnv): CliResult {
  return run(process.execPath, [FLYTE_SECRETS, ...args], cwd, env);
}

/**
 * A copy of a fixture project in a temporary folder that still resolves the workspace's packages;
 * with `pythonOnly`, a Python repository as its developers have it: no ESLint config, no node_modules;
 * with `name`, the copy's folder has that name (editors show it).
 */
export function copyProject(source: string, options: { pythonOnly?: boolean; name?: string } = {}): string {
  const dir = options.name ? path.join(tempDir('e2e'), options.name) : tempDir('e2e');
  cpSync(source, dir, { recursive: true });
  if (options.pythonOnly) rmSync(path.join(dir, 'eslint.config.mjs'), { force: true });
  else symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

export interface JsonMessage {
  ruleId: string | null;
  line: number;
  column: number;
  message: string;
  fatal?: boolean;
  severity: number;
}

/** `file:line:rule` for each message of an `-f json` report, files relative to `cwd`. */
export function findings(cwd: string, json: string): string[] {
  const results = JSON.parse(json) as { filePath: string; messages: JsonMessage[] }[];
  return results
    .flatMap((r) => r.messages.map((m) => `${path.relative(cwd, r.filePath)}:${m.line}:${m.ruleId ?? (m.fatal ? 'fatal' : 'null')}`))
    .sort();
}

const tempDirs: string[] = [];

/** A new empty temporary folder, removed by `removeTempDirs()`. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `flyte-secrets-${prefix}-`));
  tempDirs.push(dir);
  return dir;
}

/** Removes the folders `tempDir()` made (installs of whole packages take tens of megabytes each). */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The .tgz files `npm pack` makes of the published packages, as npm would publish them. */
export function packPublishedPackages(): { core: string; plugin: string; server: string } {
  const dest = tempDir('pack');
  const workspaces = ['@flyte-secrets/core', '@flyte-secrets/eslint-plugin', '@flyte-secrets/language-server'].flatMap((name) => ['-w', name]);
  const packed = run('npm', ['pack', ...workspaces, '--pack-destination', dest, '--json'], ROOT);
  if (packed.status !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
  const [core, plugin, server] = (JSON.parse(packed.stdout) as { filename: string }[]).map((p) => path.join(dest, p.filename));
  return { core: core!, plugin: plugin!, server: server! };
}

/** `npm install <specs>` in `dir`, from npm's cache where it can (the registry for the rest); returns npm's output. */
export function npmInstall(dir: string, specs: string[], flags: string[] = []): CliResult {
  mkdirSync(dir, { recursive: true });
  const result = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...flags, ...specs], dir);
  if (result.status !== 0) throw new Error(`npm install ${specs.join(' ')} failed:\n${result.stderr}`);
  return result;
}

const GIT_IDENTITY = { GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' };

export function git(cwd: string, args: string[], env?: NodeJS.ProcessEnv): CliResult {
  return run('git', args, cwd, { ...process.env, ...GIT_IDENTITY, ...env });
}

/** This repository's working tree (tracked and new files) committed into a fresh git repository. */
export function snapshotOfThisRepository(): { dir: string; rev: string } {
  const dir = tempDir('snapshot');
  const files = git(ROOT, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']).stdout.split('\0').filter(Boolean);
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    try {
      copyFileSync(path.join(ROOT, file), path.join(dir, file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error; // deleted but not yet committed
    }
  }
  git(dir, ['init', '-q']);
  git(dir, ['add', '-A']);
  const committed = git(dir, ['commit', '-q', '-m', 'snapshot']);
  if (committed.status !== 0) throw new Error(`git commit failed: ${committed.stderr}`);
  return { dir, rev: git(dir, ['rev-parse', 'HEAD']).stdout.trim() };
}

const EXTENSION = path.join(ROOT, 'packages/vscode-extension');
/** Held while one test file packages the extension (`npm run package` empties its dist/, so not there). */
const PACKAGING_LOCK = path.join(ROOT, 'node_modules/.flyte-secrets-packaging.lock');

/**
 * `npm run package` of the VS Code extension, writing the .vsix to `out`. Test files run in
 * parallel and each packages the extension; the builds take turns, so that no .vsix zips a bundle
 * that another build is rewriting.
 */
export function packageExtension(out: string): CliResult {
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(PACKAGING_LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || Date.now() > deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    return run('npm', ['run', 'package', '--', '-o', out], EXTENSION);
  } finally {
    rmdirSync(PACKAGING_LOCK);
  }
}
