// The zero-config command, `flyte-secrets`, run as a Python team runs it: in a repository with no
// ESLint config and no node_modules of its own.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyProject, DEMO, DEMO_FINDINGS, DEMO_WARNINGS, findings, flyteSecrets, removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

const CLEAN_TASK = `from flytekit import Secret, current_context, task


@task(secret_requests=[Secret(group="db", key="password")])
def connect() -> int:
    return len(current_context().secrets.get("db", "password"))
`;

const UNDECLARED_READ = `from flytekit import current_context, task


@task
def leak() -> str:
    return current_context().secrets.get("api", "token")
`;

const UNUSED_REQUEST = `from flytekit import Secret, task


@task(secret_requests=[Secret(group="db", key="password")])
def idle() -> int:
    return 1
`;

/** A fresh Python repository holding `files` (relative path -> content). */
function pythonRepo(files: Record<string, string>): string {
  const dir = tempDir('repo');
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

describe('flyte-secrets in a Python repository without an ESLint config', () => {
  it('prints the demo findings and exits 1', () => {
    const dir = copyProject(DEMO, { pythonOnly: true });
    const result = flyteSecrets(dir, []);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('payments/reports.py');
    expect(result.stdout).toContain('nearly matches the request smtp/password');
    expect(result.stdout).toContain('@flyte-secrets/no-undeclared-secret');
    expect(result.stdout).toMatch(/10 problems \(7 errors, 3 warnings\)/);
  });

  it('reports exactly the demo findings with -f json, through the `lint` command too', () => {
    const dir = copyProject(DEMO, { pythonOnly: true });
    const result = flyteSecrets(dir, ['lint', '-f', 'json', '.']);
    expect(result.status).toBe(1);
    expect(findings(dir, result.stdout)).toEqual(DEMO_FINDINGS);
  });

  it('exits 0 on a clean repository', () => {
    const dir = pythonRepo({ 'pyproject.toml': '[project]\nname = "clean"\n', 'tasks/db.py': CLEAN_TASK });
    const result = flyteSecrets(dir, ['-f', 'json']);
    expect(result.status).toBe(0);
    expect(findings(dir, result.stdout)).toEqual([]);
    expect(JSON.parse(result.stdout)).toHaveLength(1); // the task file was linted
  });

  it('lets warnings pass unless --max-warnings says otherwise', () => {
    const dir = pythonRepo({ 'idle.py': UNUSED_REQUEST });
    expect(flyteSecrets(dir, []).status).toBe(0);
    const strict = flyteSecrets(dir, ['--max-warnings', '0']);
    expect(strict.status).toBe(1);
    expect(strict.stdout + strict.stderr).toContain('too many warnings');
  });

  it('skips virtual environments, build output, what .gitignore ignores, and JavaScript', () => {
    const dir = pythonRepo({
      '.gitignore': '# local environments\nenv311/\n',
      'tasks/ok.py': CLEAN_TASK,
      '.venv/lib/python3.11/site-packages/flytekit/core/context_manager.py': UNDECLARED_READ,
      'venv/lib/x.py': UNDECLARED_READ,
      'build/lib/tasks/ok.py': UNDECLARED_READ,
      'env311/lib/x.py': UNDECLARED_READ,
      'docs/_static/app.js': 'const broken = <div>not JavaScript</div>;\n',
    });
    const result = flyteSecrets(dir, ['-f', 'json']);
    expect(result.status).toBe(0);
    const linted = (JSON.parse(result.stdout) as { filePath: string }[]).map((r) => path.relative(dir, r.filePath));
    expect(linted).toEqual(['tasks/ok.py']);
  });

  it('writes a report with -o and lints in worker threads with --concurrency', () => {
    const dir = copyProject(DEMO, { pythonOnly: true });
    const result = flyteSecrets(dir, ['--concurrency', '2', '-f', 'json', '-o', 'reports/flyte-secrets.json']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(findings(dir, readFileSync(path.join(dir, 'reports/flyte-secrets.json'), 'utf8'))).toEqual(DEMO_FINDINGS);
  });

  it('writes fixes with --fix (here: ESLint removes a disable comment that no longer disables anything)', () => {
    const stale = '# eslint-disable-next-line @flyte-secrets/no-undeclared-secret';
    const dir = pythonRepo({ 'db.py': CLEAN_TASK.replace('    return len', `    ${stale}\n    return len`) });
    const before = flyteSecrets(dir, []);
    expect(before.status).toBe(0);
    expect(before.stdout).toContain('Unused eslint-disable directive');
    expect(flyteSecrets(dir, ['--fix']).status).toBe(0);
    expect(readFileSync(path.join(dir, 'db.py'), 'utf8')).not.toContain(stale);
  });

  it('adopts the rules with --suppress-all, then fails only on new errors; --prune-suppressions tidies up', () => {
    const dir = copyProject(DEMO, { pythonOnly: true });
    expect(flyteSecrets(dir, ['--suppress-all']).status).toBe(0);
    expect(existsSync(path.join(dir, 'eslint-suppressions.json'))).toBe(true);
    const adopted = flyteSecrets(dir, ['-f', 'json']);
    expect(adopted.status).toBe(0);
    expect(findings(dir, adopted.stdout)).toEqual(DEMO_WARNINGS);

    writeFileSync(path.join(dir, 'payments/new_task.py'), UNDECLARED_READ);
    const fresh = flyteSecrets(dir, ['-f', 'json']);
    expect(fresh.status).toBe(1);
    expect(findings(dir, fresh.stdout)).toContain('payments/new_task.py:6:@flyte-secrets/no-undeclared-secret');

    // A suppressed error that is fixed leaves a stale suppression: ESLint exits 2 until it is pruned.
    // (The demo's inventory has warehouse/password in every namespace, so the fixed task is clean.)
    writeFileSync(path.join(dir, 'payments/new_task.py'), CLEAN_TASK.replaceAll('"db"', '"warehouse"'));
    const notify = path.join(dir, 'payments/notify.py');
    writeFileSync(notify, readFileSync(notify, 'utf8').replaceAll('"Slack_Webhooks"', '"slack-webhooks"'));
    const stale = flyteSecrets(dir, []);
    expect(stale.status).toBe(2);
    expect(stale.stderr).toContain('--prune-suppressions');
    expect(flyteSecrets(dir, ['--prune-suppressions']).status).toBe(0);
    expect(readFileSync(path.join(dir, 'eslint-suppressions.json'), 'utf8')).not.toContain('notify.py');
  });

  it('exits 2 on a bad option', () => {
    const dir = pythonRepo({ 'ok.py': CLEAN_TASK });
    const result = flyteSecrets(dir, ['--max-warnings', 'many']);
    expect(result.status).toBe(2);
  });

  it('says in --help that it uses the built-in config here', () => {
    const dir = pythonRepo({ 'ok.py': CLEAN_TASK });
    const help = flyteSecrets(dir, ['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('that is the built-in config (no eslint.config.* found here or above)');
    expect(help.stdout).toMatch(/Commands .*\n\s+lint\s/);
    expect(flyteSecrets(dir, ['--version']).stdout).toMatch(/^flyte-secrets \d+\.\d+\.\d+ .*ESLint \d+\.\d+\.\d+\n$/);
  });
});

describe('flyte-secrets in a repository with its own ESLint config', () => {
  /** The demo with a config that turns one rule off. */
  function demoWithOwnConfig(): string {
    const dir = copyProject(DEMO);
    writeFileSync(
      path.join(dir, 'eslint.config.mjs'),
      `import flyteSecrets from '@flyte-secrets/eslint-plugin';\n\nexport default [\n  ...flyteSecrets.configs.recommended,\n  { rules: { '@flyte-secrets/valid-secret-names': 'off' } },\n];\n`,
    );
    return dir;
  }

  it('lints with that config, and says so in --help', () => {
    const dir = demoWithOwnConfig();
    const result = flyteSecrets(dir, ['-f', 'json']);
    expect(result.status).toBe(1);
    expect(findings(dir, result.stdout)).toEqual(DEMO_FINDINGS.filter((f) => !f.endsWith('valid-secret-names')));
    expect(flyteSecrets(dir, ['--help']).stdout).toContain("that is the repository's own eslint.config.mjs");
  });

  it('uses the built-in config instead with --builtin-config', () => {
    const dir = demoWithOwnConfig();
    const result = flyteSecrets(dir, ['--builtin-config', '-f', 'json']);
    expect(findings(dir, result.stdout)).toEqual(DEMO_FINDINGS);
  });

  it('exits 2 when that config is broken', () => {
    const dir = copyProject(DEMO);
    writeFileSync(
      path.join(dir, 'eslint.config.mjs'),
      "import flyteSecrets from '@flyte-secrets/eslint-plugin';\nimport missing from 'no-such-eslint-plugin';\nexport default [...flyteSecrets.configs.recommended, missing];\n",
    );
    const result = flyteSecrets(dir, []);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('no-such-eslint-plugin');
  });

  it('uses a shared config that brings the plugin in without naming it', () => {
    const dir = copyProject(DEMO);
    mkdirSync(path.join(dir, 'config'));
    writeFileSync(
      path.join(dir, 'config/shared.mjs'),
      "import flyteSecrets from '@flyte-secrets/eslint-plugin';\n\nexport default [...flyteSecrets.configs.recommended, { rules: { '@flyte-secrets/valid-secret-names': 'off' } }];\n",
    );
    writeFileSync(path.join(dir, 'eslint.config.mjs'), "import shared from './config/shared.mjs';\n\nexport default [...shared];\n");
    const result = flyteSecrets(dir, ['-f', 'json']);
    expect(result.stderr).toBe('');
    expect(findings(dir, result.stdout)).toEqual(DEMO_FINDINGS.filter((f) => !f.endsWith('valid-secret-names')));
  });

  it("lints Python with the built-in config when the repository's config is for its JavaScript only, and says so", () => {
    const dir = copyProject(DEMO);
    writeFileSync(path.join(dir, 'eslint.config.mjs'), "export default [{ files: ['web/**/*.js'], rules: { 'no-var': 'error' } }];\n");
    const result = flyteSecrets(dir, ['-f', 'json']);
    expect(result.status).toBe(1);
    expect(findings(dir, result.stdout)).toEqual(DEMO_FINDINGS);
    expect(result.stderr).toContain('eslint.config.mjs does not lint Python files with @flyte-secrets/eslint-plugin, so flyte-secrets lints with its built-in config');
    expect(flyteSecrets(dir, ['--help']).stdout).toContain('that is the built-in config (eslint.config.mjs does not lint Python files');
    // Asked for explicitly, the repository's config is used: it lints no Python file.
    expect(findings(dir, flyteSecrets(dir, ['--config', 'eslint.config.mjs', '-f', 'json']).stdout)).toEqual([]);
  });
});
