// The README as a new contributor follows it: a fresh clone, `npm ci`, then the inventory example
// `cd fixtures/demo && npx flyte-secrets inventory`. npm links workspace bins before anything is
// built, so both bins must be files in the repository (they import dist/, which the root's
// `prepare` builds during `npm ci`). Uses npm's cache, the registry for the rest.
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

describe('a fresh clone after `npm ci`', () => {
  let clone: string;

  beforeAll(() => {
    const snapshot = snapshotOfThisRepository();
    clone = path.join(tempDir('clone'), 'flyte-secrets');
    expect(git(ROOT, ['clone', '-q', snapshot.dir, clone]).status).toBe(0);
    const installed = run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], clone);
    expect(installed.status, installed.stderr).toBe(0);
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
