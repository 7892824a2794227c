// The pre-commit hook of .pre-commit-hooks.yaml, run by the real `pre-commit` tool in a fresh Python
// repository: a commit with a bad task file is refused and the finding shown.
//
// pre-commit clones this repository at a commit (here: a snapshot of the working tree, since there is
// no network to reach GitHub), `npm install`s and `npm pack`s its root, and installs that with the
// hook's additional_dependencies into a Node environment of its own. With `node` and `npm` on PATH it
// uses them (language_version `system`) instead of downloading Node. The hook's additional_dependencies
// name the published @flyte-secrets/eslint-plugin; the test replaces them with the packed files of
// this checkout, so it tests the code under review. npm takes the rest from its cache or the registry.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, packPublishedPackages, removeTempDirs, ROOT, run, snapshotOfThisRepository, tempDir } from './helpers.js';

afterAll(removeTempDirs);

const HOOKS = parse(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as {
  id: string;
  entry: string;
  language: string;
  types_or?: string[];
  additional_dependencies: string[];
  minimum_pre_commit_version: string;
}[];
const PLUGIN_VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'packages/eslint-plugin/package.json'), 'utf8')) as { version: string }).version;

const preCommitVersion = run('sh', ['-c', 'pre-commit --version'], ROOT);
const available = preCommitVersion.status === 0;
if (!available) {
  console.warn(
    '\n*** SKIPPED: the pre-commit hook test needs the `pre-commit` command (Debian: apt-get install -y pre-commit); ' +
      'the hook was NOT run against a real commit. ***\n',
  );
}

const BAD_TASK = `from flytekit import current_context, task


@task
def send_report() -> str:
    return current_context().secrets.get("smtp", "password")
`;
const GOOD_TASK = `from flytekit import Secret, current_context, task


@task(secret_requests=[Secret(group="smtp", key="password")])
def send_report() -> str:
    return current_context().secrets.get("smtp", "password")
`;


describe('.pre-commit-hooks.yaml', () => {
  it('declares a node hook that runs flyte-secrets on Python files, pinned to this release', () => {
    expect(HOOKS).toHaveLength(1);
    const [hook] = HOOKS;
    expect(hook).toMatchObject({ id: 'flyte-secrets', language: 'node', types_or: ['python', 'pyi'] });
    expect(hook!.entry.split(' ')[0]).toBe('flyte-secrets');
    expect(hook!.additional_dependencies).toEqual([`@flyte-secrets/eslint-plugin@${PLUGIN_VERSION}`]);
  });
});

describe.skipIf(!available)(`a commit through the pre-commit hook (${preCommitVersion.stdout.trim() || 'pre-commit missing'}; uses the npm registry for packages not in the npm cache)`, () => {
  let repo: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    const hookRepo = snapshotOfThisRepository();
    const { core, plugin } = packPublishedPackages();
    repo = tempDir('pre-commit-user');
    // pre-commit keeps its clones and environments here; a fresh one makes the test install the hook.
    env = { PRE_COMMIT_HOME: tempDir('pre-commit-home'), npm_config_prefer_offline: 'true' };
    git(repo, ['init', '-q']);
    writeFileSync(
      path.join(repo, '.pre-commit-config.yaml'),
      `repos:
  - repo: ${hookRepo.dir}
    rev: ${hookRepo.rev}
    hooks:
      - id: flyte-secrets
        language_version: system
        additional_dependencies: ['${core}', '${plugin}']
`,
    );
    writeFileSync(path.join(repo, 'pyproject.toml'), '[project]\nname = "reports"\n');
    const installed = run('pre-commit', ['install'], repo, { ...process.env, ...env });
    expect(installed.status, installed.stderr).toBe(0);
  }, 60_000);

  it(
    'refuses a commit with a bad task file and shows the finding; accepts it once fixed',
    () => {
      writeFileSync(path.join(repo, 'report.py'), BAD_TASK);
      git(repo, ['add', '-A']);
      const refused = git(repo, ['commit', '-m', 'Add the report task'], env);
      const output = refused.stdout + refused.stderr;
      expect(refused.status, output).not.toBe(0);
      expect(output).toMatch(/flyte-secrets\.+Failed/);
      expect(output).toContain('report.py');
      expect(output).toContain("Task `send_report` reads secret smtp/password but its secret_requests do not declare it");
      expect(output).toContain('@flyte-secrets/no-undeclared-secret');
      expect(git(repo, ['rev-parse', '--verify', '-q', 'HEAD']).status).not.toBe(0); // nothing was committed

      writeFileSync(path.join(repo, 'report.py'), GOOD_TASK);
      git(repo, ['add', '-A']);
      const accepted = git(repo, ['commit', '-m', 'Add the report task'], env);
      expect(accepted.status, accepted.stdout + accepted.stderr).toBe(0);
      expect(accepted.stdout + accepted.stderr).toMatch(/flyte-secrets\.+Passed/);
    },
    // A hang guard, not a timing check: the hook installs npm packages, slow on a loaded 2-core machine.
    480_000,
  );

  it('skips commits without Python files', () => {
    writeFileSync(path.join(repo, 'NOTES.md'), '# notes\n');
    git(repo, ['add', 'NOTES.md']);
    const result = git(repo, ['commit', '-m', 'Notes'], env);
    expect(result.status).toBe(0);
    expect(result.stdout + result.stderr).toMatch(/flyte-secrets\.+\(no files to check\)Skipped/);
  });
});
