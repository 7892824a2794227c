// The published packages as a Python team gets them: `npm pack` of the workspace packages installed
// into a fresh Python repository (no workspace links) exactly as the README says, then linted with
// the README's config, with the zero-config command, with the JS/TS opt-in, and with the GitHub
// Actions workflow of examples/; the language server's package installed on its own. Packages
// come from npm's cache where it has them, else from the registry.
import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PULL_CAPABILITIES, TestClient } from '../../packages/lsp/tests/support/lsp-client.js';
import { copyProject, DEMO, DEMO_FINDINGS, findings, npmInstall, packPublishedPackages, removeTempDirs, ROOT, run, tempDir, type CliResult } from './helpers.js';

afterAll(removeTempDirs);

const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const WORKFLOW_FILE = path.join(ROOT, 'examples/github-actions/flyte-secrets.yml');
const INSTALL = 'npm install --save-dev eslint @flyte-secrets/eslint-plugin';
const JS_INSTALL = 'npm install --save-dev @typescript-eslint/parser';
/** The budget of a Python-only install's node_modules (issue 15). */
const PYTHON_BUDGET_MB = 25;
/** A fake GitHub token in a TypeScript file, for the JS/TS opt-in to find. */
const TS_CREDENTIAL = 'const octokit = new Octokit({ auth: "ghp_FAKE0000aBcDeFgHiJkLmNoPqRsTuVwXyZ01" });\n';
const TS_FINDING = 'web/client.ts:1:@flyte-secrets/no-hardcoded-credentials';

/** The README's eslint.config.mjs for Python alone, or with the JS/TS opt-in. */
function readmeConfig(javascript: boolean): string {
  const block = [...README.matchAll(/```js\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .find((code) => code.includes('configs.recommended') && code.includes('configs.javascript') === javascript);
  if (!block) throw new Error(`README.md has no eslint.config.mjs snippet ${javascript ? 'with' : 'without'} configs.javascript`);
  return block;
}

/** `npm install` as the README's command says, with the packed files in place of the registry's @flyte-secrets packages. */
function installAsReadme(dir: string, command: string, packed: string[]): CliResult {
  expect(README).toContain(`\`\`\`sh\n${command}\n\`\`\``);
  const [flags, specs] = ((args) => [args.filter((a) => a.startsWith('-')), args.filter((a) => !a.startsWith('-') && !a.startsWith('@flyte-secrets/'))])(command.split(' ').slice(2));
  return npmInstall(dir, [...specs, ...packed], flags);
}

/** MB of a folder as `du` counts them (allocated blocks), and the names of the packages installed in it. */
function footprint(dir: string): { mb: number; packages: Set<string> } {
  let bytes = 0;
  const packages = new Set<string>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      bytes += lstatSync(file).blocks * 512;
      if (entry.isDirectory()) walk(file);
      const name = entry.name === 'package.json' && /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)$/.exec(folder)?.[1];
      if (name) packages.add(name.replace(/\\/g, '/'));
    }
  };
  walk(dir);
  return { mb: bytes / 2 ** 20, packages };
}

/** Installed packages that would run or build native code: install scripts, node-gyp files, prebuilt addons. */
function nativeOrScripted(nodeModules: string): string[] {
  const found: string[] = [];
  for (const name of footprint(nodeModules).packages) {
    const folder = path.join(nodeModules, name);
    const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as { scripts?: Record<string, string>; gypfile?: boolean };
    const scripts = Object.keys(manifest.scripts ?? {}).filter((script) => ['preinstall', 'install', 'postinstall'].includes(script));
    if (scripts.length || manifest.gypfile || readdirSync(folder).includes('binding.gyp')) found.push(name);
  }
  const addons = run('find', [nodeModules, '-name', '*.node'], nodeModules).stdout.split('\n').filter(Boolean);
  return [...found, ...addons.map((addon) => path.relative(nodeModules, addon))];
}

let tarballs: { core: string; plugin: string; server: string };

beforeAll(() => {
  tarballs = packPublishedPackages();
});

describe('npm pack of the published packages', () => {
  const list = (tarball: string) => run('tar', ['-tzf', tarball], ROOT).stdout.split('\n').filter(Boolean);

  it('ships the built code, the CLI, the docs and the license, and no sources, tests or source maps', () => {
    for (const tarball of Object.values(tarballs)) {
      const files = list(tarball);
      expect(files).toContain('package/LICENSE');
      expect(files).toContain('package/README.md');
      expect(files.filter((f) => /^package\/(src|tests|scripts)\//.test(f) || f.endsWith('.map'))).toEqual([]);
    }
    expect(list(tarballs.plugin)).toEqual(expect.arrayContaining(['package/dist/cli/main.js', 'package/dist/configs/zero-config.js', 'package/docs/rules/no-undeclared-secret.md']));
  });

  it("core carries the Python grammar's wasm with its license and source", () => {
    expect(list(tarballs.core)).toEqual(
      expect.arrayContaining(['package/wasm/tree-sitter-python.wasm', 'package/wasm/tree-sitter-python.LICENSE', 'package/wasm/tree-sitter-python.source.json']),
    );
  });
});

describe('a Python repository that installs the packed packages as the README says (uses the npm registry for packages not in the npm cache)', () => {
  let repo: string;
  let install: CliResult;

  beforeAll(() => {
    repo = copyProject(DEMO, { pythonOnly: true });
    install = installAsReadme(repo, INSTALL, [tarballs.core, tarballs.plugin]);
    mkdirSync(path.join(repo, 'web'));
    writeFileSync(path.join(repo, 'web/client.ts'), TS_CREDENTIAL);
  }, 180_000);

  it('installs quietly: no install-scripts warning, nothing native, no TypeScript', () => {
    expect(install.stderr).not.toMatch(/install-scripts|gyp/i);
    const nodeModules = path.join(repo, 'node_modules');
    expect(nativeOrScripted(nodeModules)).toEqual([]);
    const { packages } = footprint(nodeModules);
    for (const name of ['typescript', 'tree-sitter-python', '@typescript-eslint/parser', '@typescript-eslint/utils']) expect(packages).not.toContain(name);
    expect(packages).toContain('web-tree-sitter');
  });

  it(`keeps node_modules within ${PYTHON_BUDGET_MB} MB`, () => {
    const { mb, packages } = footprint(path.join(repo, 'node_modules'));
    console.log(`Python-only install: ${packages.size} packages, ${mb.toFixed(1)} MB of node_modules`);
    expect(mb).toBeLessThanOrEqual(PYTHON_BUDGET_MB);
  });

  it('installs real copies, not workspace links', () => {
    for (const pkg of ['core', 'eslint-plugin']) expect(lstatSync(path.join(repo, 'node_modules/@flyte-secrets', pkg)).isSymbolicLink()).toBe(false);
  });

  it("`npx eslint .` with the README's eslint.config.mjs reports the demo's findings, and leaves the .ts file alone", () => {
    writeFileSync(path.join(repo, 'eslint.config.mjs'), readmeConfig(false));
    const result = run('npx', ['--no-install', 'eslint', '-f', 'json', '.'], repo);
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

  it('with configs.javascript but not its parser: one parse error per JS/TS file saying what to install, and the Python findings', () => {
    writeFileSync(path.join(repo, 'eslint.config.mjs'), readmeConfig(true));
    const result = run('npx', ['--no-install', 'eslint', '-f', 'json', '.'], repo);
    rmSync(path.join(repo, 'eslint.config.mjs'));
    expect(result.status).toBe(1);
    expect(findings(repo, result.stdout)).toEqual([...DEMO_FINDINGS, 'eslint.config.mjs:1:fatal', 'web/client.ts:1:fatal'].sort());
    const results = JSON.parse(result.stdout) as { filePath: string; messages: { message: string; fatal?: boolean }[] }[];
    for (const message of results.flatMap((r) => r.messages.filter((m) => m.fatal))) {
      expect(message.message).toContain(`\`${JS_INSTALL}\``);
    }
  });

  describe('then opts in to the JS/TS credential scan as the README says', () => {
    beforeAll(() => {
      installAsReadme(repo, JS_INSTALL, []);
    }, 180_000);

    it("`npx eslint .` with the README's config also finds the credential in the .ts file", () => {
      const { mb, packages } = footprint(path.join(repo, 'node_modules'));
      console.log(`With the JS/TS opt-in: ${packages.size} packages, ${mb.toFixed(1)} MB of node_modules`);
      writeFileSync(path.join(repo, 'eslint.config.mjs'), readmeConfig(true));
      const formatter = './node_modules/@flyte-secrets/eslint-plugin/dist/formatters/json.js';
      expect(README).toContain(formatter);
      const result = run('npx', ['--no-install', 'eslint', '-f', formatter, '.'], repo);
      rmSync(path.join(repo, 'eslint.config.mjs'));
      expect(result.status).toBe(1);
      expect(findings(repo, result.stdout)).toEqual([...DEMO_FINDINGS, TS_FINDING].sort());
      expect(result.stdout).not.toContain('FAKE0000aBcDeFgH');
    });
  });
});

describe('the language server package installed on its own (uses the npm registry for packages not in the npm cache)', () => {
  let dir: string;
  let install: CliResult;

  beforeAll(() => {
    dir = tempDir('server');
    writeFileSync(path.join(dir, 'package.json'), '{ "private": true }\n');
    install = npmInstall(dir, [tarballs.core, tarballs.server]);
  }, 180_000);

  it('installs quietly, with nothing native, no ESLint and no TypeScript', () => {
    expect(install.stderr).not.toMatch(/install-scripts|gyp/i);
    const nodeModules = path.join(dir, 'node_modules');
    expect(nativeOrScripted(nodeModules)).toEqual([]);
    const { mb, packages } = footprint(nodeModules);
    console.log(`Language server install: ${packages.size} packages, ${mb.toFixed(1)} MB of node_modules`);
    for (const name of ['typescript', 'eslint', 'tree-sitter-python']) expect(packages).not.toContain(name);
    expect(mb).toBeLessThanOrEqual(12);
  });

  it("reports the demo's findings over LSP, with the grammar wasm of the installed core", async () => {
    const project = copyProject(DEMO, { pythonOnly: true });
    const server = path.join(dir, 'node_modules/@flyte-secrets/language-server/bin/flyte-secrets-language-server.js');
    const client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: project, server });
    try {
      const found: string[] = [];
      for (const name of readdirSync(path.join(project, 'payments')).filter((file) => file.endsWith('.py'))) {
        const uri = await client.open(path.join(project, 'payments', name));
        for (const diagnostic of await client.pull(uri)) found.push(`payments/${name}:${diagnostic.range.start.line + 1}:${diagnostic.code}`);
      }
      expect(found.sort()).toEqual(DEMO_FINDINGS);
    } finally {
      await client.stop();
    }
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
