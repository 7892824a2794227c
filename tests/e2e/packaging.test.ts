// The published packages as a Python team gets them: `npm pack` of @flyte-secrets/core and
// @flyte-secrets/eslint-plugin installed into a fresh Python repository (no workspace links), linted
// with the README's snippet, with the zero-config command, and with the GitHub Actions workflow of
// examples/. Packages come from npm's cache where it has them, else from the registry.
import { lstatSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyProject, DEMO, DEMO_FINDINGS, findings, npmInstall, packPublishedPackages, removeTempDirs, ROOT, run, tempDir } from './helpers.js';

afterAll(removeTempDirs);

const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const WORKFLOW_FILE = path.join(ROOT, 'examples/github-actions/flyte-secrets.yml');
const INSTALL = 'npm install --save-dev eslint @flyte-secrets/eslint-plugin';

/** The README's eslint.config.mjs. */
function readmeConfig(): string {
  const block = [...README.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!).find((code) => code.includes('configs.recommended'));
  if (!block) throw new Error('README.md has no eslint.config.mjs snippet');
  return block;
}

let tarballs: { core: string; plugin: string };

beforeAll(() => {
  tarballs = packPublishedPackages();
});

describe('npm pack of the published packages', () => {
  it('ships the built code, the CLI, the docs and the license, and no sources or tests', () => {
    for (const tarball of [tarballs.core, tarballs.plugin]) {
      const files = run('tar', ['-tzf', tarball], ROOT).stdout.split('\n').filter(Boolean);
      expect(files).toContain('package/LICENSE');
      expect(files).toContain('package/README.md');
      expect(files.filter((f) => /^package\/(src|tests)\//.test(f))).toEqual([]);
    }
    const plugin = run('tar', ['-tzf', tarballs.plugin], ROOT).stdout;
    expect(plugin).toContain('package/dist/cli/main.js');
    expect(plugin).toContain('package/dist/configs/zero-config.js');
    expect(plugin).toContain('package/docs/rules/no-undeclared-secret.md');
  });
});

describe('a Python repository that installs the packed packages (uses the npm registry for packages not in the npm cache)', () => {
  let repo: string;

  beforeAll(() => {
    repo = copyProject(DEMO, { pythonOnly: true });
    expect(README).toContain(INSTALL);
    // The README's command, with the packed files in place of the registry's packages.
    npmInstall(repo, [...INSTALL.split(' ').slice(2).filter((arg) => !arg.startsWith('@flyte-secrets/')), tarballs.core, tarballs.plugin]);
  }, 120_000);

  it('installs real copies, not workspace links', () => {
    for (const pkg of ['core', 'eslint-plugin']) expect(lstatSync(path.join(repo, 'node_modules/@flyte-secrets', pkg)).isSymbolicLink()).toBe(false);
  });

  it("lints with the README's eslint.config.mjs", () => {
    writeFileSync(path.join(repo, 'eslint.config.mjs'), readmeConfig());
    const result = run(path.join(repo, 'node_modules/.bin/eslint'), ['-f', 'json', '.'], repo);
    rmSync(path.join(repo, 'eslint.config.mjs'));
    expect(result.status).toBe(1);
    expect(findings(repo, result.stdout)).toEqual(DEMO_FINDINGS);
  });

  it('lints with the zero-config command, `npx flyte-secrets` and `npx @flyte-secrets/eslint-plugin`', () => {
    for (const command of [['flyte-secrets'], ['@flyte-secrets/eslint-plugin']]) {
      const result = run('npx', ['--no-install', ...command, '-f', 'json'], repo);
      expect(result.status).toBe(1);
      expect(findings(repo, result.stdout)).toEqual(DEMO_FINDINGS);
    }
  });

  it('never loads TypeScript (npm installs it as a peer of @typescript-eslint/utils): linting works without it', () => {
    rmSync(path.join(repo, 'node_modules/typescript'), { recursive: true, force: true });
    const result = run('npx', ['--no-install', 'flyte-secrets', '-f', 'json'], repo);
    expect(findings(repo, result.stdout)).toEqual(DEMO_FINDINGS);
  });
});

describe('the GitHub Actions workflow of examples/ (uses the npm registry for @microsoft/eslint-formatter-sarif)', () => {
  type Step = { name?: string; uses?: string; run?: string; if?: string; with?: Record<string, unknown>; 'continue-on-error'?: boolean };
  const workflow = parse(readFileSync(WORKFLOW_FILE, 'utf8')) as {
    on: Record<string, unknown>;
    env: Record<string, string>;
    jobs: Record<string, { permissions: Record<string, string>; steps: Step[] }>;
  };
  const job = Object.values(workflow.jobs)[0]!;
  const byName = (name: string) => job.steps.find((s) => s.name === name)!;
  /** What `npx -p A -p B flyte-secrets` installs, installed the same way: side by side in a tool folder. */
  let tool: string;

  beforeAll(() => {
    tool = tempDir('tool');
    const packages = [...workflow.env.FLYTE_SECRETS!.matchAll(/-p (\S+)/g)].map((m) => m[1]!);
    expect(packages.map((p) => p.replace(/@[^@/]+$/, ''))).toEqual(['@flyte-secrets/eslint-plugin', '@microsoft/eslint-formatter-sarif']);
    npmInstall(tool, [tarballs.core, tarballs.plugin, ...packages.filter((p) => !p.startsWith('@flyte-secrets/'))]);
  }, 120_000);

  it('is in the README verbatim', () => {
    expect(README).toContain(`\`\`\`yaml\n${readFileSync(WORKFLOW_FILE, 'utf8')}\`\`\``);
  });

  it('runs on pull requests and may upload SARIF', () => {
    expect(workflow.on).toHaveProperty('pull_request');
    expect(job.permissions['security-events']).toBe('write');
    expect(workflow.env.FLYTE_SECRETS).toMatch(/^npx --yes -p @flyte-secrets\/eslint-plugin@\S+ -p @microsoft\/eslint-formatter-sarif@\S+ flyte-secrets$/);
    const upload = job.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.with?.sarif_file).toBe('flyte-secrets.sarif');
    expect(byName('Report (SARIF)').run).toContain('-o flyte-secrets.sarif');
  });

  /** Runs the workflow's `run` steps in `repo` as GitHub's bash does, with the tool folder's command. */
  function runSteps(repo: string): Record<string, number | null> {
    const env = { ...process.env, FLYTE_SECRETS: path.join(tool, 'node_modules/.bin/flyte-secrets') };
    return Object.fromEntries(
      job.steps.filter((s) => s.run).map((s) => [s.name!, run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', s.run!], repo, env).status]),
    );
  }

  it('fails the job on errors, after writing a SARIF report with every finding and no source text', () => {
    const repo = copyProject(DEMO, { pythonOnly: true });
    expect(runSteps(repo)).toEqual({ 'Report (SARIF)': 1, Gate: 1 });
    expect(byName('Report (SARIF)')['continue-on-error']).toBe(true);
    expect(byName('Gate')['continue-on-error']).toBeUndefined();

    const sarif = JSON.parse(readFileSync(path.join(repo, 'flyte-secrets.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    const results = sarif.runs[0].results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, unknown> } }[] }[];
    const reported = results.map((r) => {
      const location = r.locations[0]!.physicalLocation;
      return `${path.relative(repo, new URL(location.artifactLocation.uri).pathname)}:${location.region.startLine}:${r.ruleId}`;
    });
    expect(reported.sort()).toEqual(DEMO_FINDINGS);
    expect(results.every((r) => !('snippet' in r.locations[0]!.physicalLocation.region))).toBe(true);
    expect(sarif.runs[0].artifacts.every((a: object) => !('contents' in a))).toBe(true);
    expect(sarif.runs[0].tool.driver.rules.map((r: { helpUri: string }) => r.helpUri)).toContain(
      'https://github.com/flyte-secrets/flyte-secrets/blob/main/packages/eslint-plugin/docs/rules/no-undeclared-secret.md',
    );
  });

  it('passes on a repository with warnings only, and writes an empty report for a clean one', () => {
    const repo = copyProject(DEMO, { pythonOnly: true });
    // Keep only the warning: lint reports.py alone after fixing its misspelt key.
    for (const file of ['ingest.py', 'notify.py', 'refunds.py', 'summary.py']) rmSync(path.join(repo, 'payments', file));
    const reports = path.join(repo, 'payments/reports.py');
    writeFileSync(reports, readFileSync(reports, 'utf8').replace('"pasword"', '"password"'));
    expect(runSteps(repo)).toEqual({ 'Report (SARIF)': 0, Gate: 0 });
    expect(JSON.parse(readFileSync(path.join(repo, 'flyte-secrets.sarif'), 'utf8')).runs[0].results).toHaveLength(1);

    rmSync(path.join(repo, 'payments'), { recursive: true });
    writeFileSync(path.join(repo, 'empty.py'), '');
    expect(runSteps(repo)).toEqual({ 'Report (SARIF)': 0, Gate: 0 });
    expect(JSON.parse(readFileSync(path.join(repo, 'flyte-secrets.sarif'), 'utf8')).runs[0].results).toEqual([]);
  });
});
