// The README as a new contributor follows it: a fresh clone, `npm ci`, the build its Quickstart
// commands start with, then the inventory example `cd fixtures/demo && npx flyte-secrets inventory`.
// npm links workspace bins at install, before anything is built, and skips a bin whose file is
// missing: both bins are files in the repository that import dist/. Uses npm's cache, the registry
// for the rest.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, removeTempDirs, ROOT, run, snapshotOfThisRepository, tempDir } from './helpers.js';

afterAll(removeTempDirs);

const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const EXAMPLE_COMMAND = '$ cd fixtures/demo && npx flyte-secrets inventory';
/** The output lines the README shows for the example (its `...` stands for the rest). */
const exampleOutput = README.slice(README.indexOf(EXAMPLE_COMMAND) + EXAMPLE_COMMAND.length, README.indexOf('```', README.indexOf(EXAMPLE_COMMAND)))
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && line !== '...');

describe('a fresh clone after `npm ci` and the build', () => {
  let clone: string;

  beforeAll(() => {
    const snapshot = snapshotOfThisRepository();
    clone = path.join(tempDir('clone'), 'flyte-secrets');
    expect(git(ROOT, ['clone', '-q', snapshot.dir, clone]).status).toBe(0);
    const installed = run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], clone);
    expect(installed.status, installed.stderr).toBe(0);
    // Before the build the bin is linked and says what to do (instead of npm's "could not determine executable").
    const unbuilt = run('npx', ['--no', 'flyte-secrets', 'inventory'], clone);
    expect(unbuilt.status).toBe(2);
    expect(unbuilt.stderr).toContain('run `npm run build` at the repository root');
    const built = run('npm', ['run', 'build'], clone);
    expect(built.status, built.stderr).toBe(0);
  }, 600_000);

  it('runs the README inventory example as written', () => {
    expect(exampleOutput.length).toBeGreaterThanOrEqual(3);
    // `--no`: a bin that does not resolve must fail here, not fetch a registry package of that name.
    const result = run('npx', ['--no', 'flyte-secrets', 'inventory'], path.join(clone, 'fixtures/demo'));
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.split('\n').map((line) => line.trim());
    for (const line of exampleOutput) expect(lines).toContain(line);
  });

  it('resolves the language server bin', () => {
    const result = run('npx', ['--no', '--', 'flyte-secrets-language-server', '--version'], clone);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(ROOT, 'packages/lsp/package.json'), 'utf8')).version);
  });
});
