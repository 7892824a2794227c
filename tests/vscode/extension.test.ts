// The VS Code extension in a real VS Code: code-server (VS Code in a browser, from the npm registry)
// with the packaged .vsix installed, opened on a copy of fixtures/demo and driven through Debian's
// chromium as a user would. What is asserted is what the page shows: the Problems panel against
// the CLI's findings, a hover, a quick fix, the status bar, the inventory command, Restricted Mode.
// Needs the Debian packages .ci/run installs and `bash tests/vscode/install.sh` (CI runs both);
// outside CI, without them, it is skipped with a message naming what is missing; in CI it fails.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { positionOf } from '../../packages/lsp/tests/support/lsp-client.js';
import { copyProject, DEMO, eslint, findings, flyteSecrets, packageExtension, removeTempDirs, tempDir } from '../e2e/helpers.js';
import { installExtension, startCodeServer, type Home, type RunningServer } from './code-server.js';
import { HERE, missingTools } from './tools.js';
import { Workbench } from './workbench.js';

/** The Marketplace picture is this run's screenshot: copied to packages/vscode-extension/images. */
export const SCREENSHOT = path.join(HERE, '.output/quick-fix.png');
const REPORTS = 'payments/reports.py';
const MISMATCH = '@flyte-secrets/no-mismatched-secret';
const UNUSED = '@flyte-secrets/no-unused-secret-request';

const missing = missingTools();
const inCi = process.env.CI === 'true';
if (missing.length && !inCi) {
  console.warn(
    `SKIPPED: the VS Code end-to-end test (tests/vscode/extension.test.ts) needs ${missing.join(', ')}: install the Debian packages that .ci/run lists, then \`bash tests/vscode/install.sh\`.`,
  );
}

/** The demo's findings as `npm run demo` (ESLint with the demo's own config) reports them on `dir`. */
function cliFindings(dir: string): string[] {
  const result = eslint(dir, ['-f', 'json', '.']);
  expect(result.status, result.stderr).toBe(1);
  return findings(dir, result.stdout);
}

(missing.length && !inCi ? describe.skip : describe)('the extension in VS Code (code-server)', () => {
  let home: Home;
  const servers: RunningServer[] = [];
  const workbenches: Workbench[] = [];

  async function open(folder: string, trusted: boolean): Promise<Workbench> {
    const server = await startCodeServer(home, `user-${servers.length}`, folder, { trusted });
    servers.push(server);
    const workbench = await Workbench.open(server.url, path.join(home.dir, `browser-${servers.length}`));
    workbenches.push(workbench);
    return workbench;
  }

  beforeAll(() => {
    if (missing.length) throw new Error(`CI must run the VS Code end-to-end test, but ${missing.join(', ')} is missing: .ci/run installs it (Debian packages, then tests/vscode/install.sh)`);
    const dir = tempDir('vscode');
    home = { dir, extensions: path.join(dir, 'extensions') };
    const vsix = path.join(home.dir, 'flyte-secrets.vsix');
    const packaged = packageExtension(vsix);
    expect(packaged.status, packaged.stdout + packaged.stderr).toBe(0);
    expect(installExtension(home, vsix)).toContain("Extension 'flyte-secrets.vsix' was successfully installed.");
  }, 300_000);

  afterAll(async () => {
    for (const workbench of workbenches) await workbench.close().catch(() => undefined);
    for (const server of servers) await server.stop();
    removeTempDirs();
  });

  describe('opened on the demo', () => {
    let project: string;
    let workbench: Workbench;
    let expected: string[];

    beforeAll(async () => {
      project = copyProject(DEMO, { name: 'demo' });
      expected = cliFindings(project);
      workbench = await open(project, true);
    }, 180_000);

    it('activates on a Python file: the status bar shows the inventory the CLI reads', async () => {
      const inventory = JSON.parse(flyteSecrets(project, ['inventory', '--json']).stdout) as { secrets: unknown[] };
      await workbench.openFile(REPORTS);
      const status = workbench.page.locator('.statusbar-item', { hasText: `${inventory.secrets.length} secrets` });
      await status.waitFor();
      // The status item opens the inventory.
      await status.click();
      await workbench.page.locator('.tabs-container .tab[aria-label^="Secret inventory.txt"]').waitFor();
      const cli = flyteSecrets(project, ['inventory']).stdout.split('\n');
      const shown = await workbench.editorLines();
      expect(shown.slice(0, 8)).toEqual(cli.slice(0, 8));
    }, 180_000);

    it('shows the findings of `npm run demo` in the Problems panel, with the same rule ids on the same lines', async () => {
      for (const file of new Set(expected.map((finding) => finding.split(':')[0]!))) await workbench.openFile(file);
      expect(await workbench.problems(expected.length)).toEqual(expected);
    }, 300_000);

    it('hovers a secret key with the namespaces the task runs in', async () => {
      const inventory = JSON.parse(flyteSecrets(project, ['inventory', '--json']).stdout) as { projectNamespaces: string[] };
      await workbench.openFile(REPORTS);
      const text = readFileSync(path.join(project, REPORTS), 'utf8');
      await workbench.goTo(positionOf(text, 'ctx.secrets.get(SMTP, "username")', 24));
      const hover = await workbench.hoverAtCursor();
      expect(hover).toContain('smtp');
      expect(hover).toContain('username');
      for (const namespace of inventory.projectNamespaces) expect(hover).toContain(namespace);
    }, 180_000);

    it('applies the quick fix of a misspelled key: the file is fixed and the Problems panel follows the CLI', async () => {
      await workbench.openFile(REPORTS);
      const file = path.join(project, REPORTS);
      const before = readFileSync(file, 'utf8');
      await workbench.goTo(positionOf(before, 'ctx.secrets.get(SMTP, "pasword")', 24));
      await workbench.page.keyboard.press('Control+.');
      const fix = workbench.page.locator('.action-widget .monaco-list-row', { hasText: 'Read smtp/password instead.' });
      await fix.waitFor();
      await fix.hover();
      mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await workbench.screenshot(SCREENSHOT);
      await fix.click();
      await workbench.page.keyboard.press('Control+S');
      const after = before.replace('ctx.secrets.get(SMTP, "pasword")', 'ctx.secrets.get(SMTP, "password")');
      await expect.poll(() => readFileSync(file, 'utf8'), { timeout: 30_000 }).toBe(after);
      const fixed = cliFindings(project);
      expect(fixed.filter((finding) => finding.startsWith(REPORTS))).not.toContainEqual(expect.stringContaining(MISMATCH));
      expect(await workbench.problems(fixed.length)).toEqual(fixed);
    }, 180_000);

    it('runs "Flyte Secrets: Show Secret Inventory" from the command palette', async () => {
      await workbench.openFile(REPORTS);
      await workbench.command('Flyte Secrets: Show Secret Inventory');
      await workbench.page.locator('.tabs-container .tab.active[aria-label^="Secret inventory.txt"]').waitFor();
      const cli = flyteSecrets(project, ['inventory']).stdout.split('\n');
      expect((await workbench.editorLines()).slice(0, 8)).toEqual(cli.slice(0, 8));
    }, 180_000);
  });

  describe('in Restricted Mode', () => {
    let project: string;
    let marker: string;
    let trustedFindings: string[];
    let workbench: Workbench;

    beforeAll(async () => {
      // A flat config that says where it ran and turns a recommended rule off: loading it shows.
      project = copyProject(DEMO);
      marker = path.join(project, 'config-was-loaded');
      writeFileSync(
        path.join(project, 'eslint.config.mjs'),
        [
          "import { writeFileSync } from 'node:fs';",
          "import flyteSecrets from '@flyte-secrets/eslint-plugin';",
          '',
          "writeFileSync(new URL('./config-was-loaded', import.meta.url), '');",
          '',
          `export default [...flyteSecrets.configs.recommended, { rules: { '${UNUSED}': 'off' } }];`,
          '',
        ].join('\n'),
      );
      trustedFindings = cliFindings(project).filter((finding) => finding.startsWith(REPORTS));
      // ESLint just loaded it, so the marker works; now only the editor could write it again.
      expect(existsSync(marker)).toBe(true);
      rmSync(marker);
      workbench = await open(project, false);
    }, 180_000);

    it('does not load the workspace\'s eslint.config.mjs: the recommended rules apply', async () => {
      const recommended = cliFindings(copyProject(DEMO)).filter((finding) => finding.startsWith(REPORTS));
      expect(recommended).toContainEqual(expect.stringContaining(UNUSED));
      await workbench.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).waitFor();
      await workbench.openFile(REPORTS);
      expect(await workbench.problems(recommended.length)).toEqual(recommended);
      expect(existsSync(marker)).toBe(false);
    }, 300_000);

    it('loads it when the folder is trusted: the same folder in a window with Workspace Trust off', async () => {
      expect(trustedFindings).not.toContainEqual(expect.stringContaining(UNUSED));
      const trusted = await open(project, true);
      await trusted.openFile(REPORTS);
      expect(await trusted.problems(trustedFindings.length)).toEqual(trustedFindings);
      expect(existsSync(marker)).toBe(true);
    }, 300_000);
  });
});

