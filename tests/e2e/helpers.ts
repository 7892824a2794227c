// Running the real ESLint CLI on copies of fixture projects, as a user would.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEMO = path.join(ROOT, 'fixtures/demo');
const ESLINT = path.join(ROOT, 'node_modules/.bin/eslint');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function eslint(cwd: string, args: string[]): CliResult {
  const result = spawnSync(ESLINT, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A copy of a fixture project in a temporary folder that still resolves the workspace's packages. */
export function copyProject(source: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'flyte-secrets-e2e-'));
  cpSync(source, dir, { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
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
