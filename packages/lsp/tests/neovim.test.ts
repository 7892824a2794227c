// End to end with an independent editor: headless Neovim (Debian's `neovim` package, 0.7.2 on
// bookworm) and its built-in LSP client, which takes pushed diagnostics only.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVER_BIN } from './support/lsp-client.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const DEMO = path.resolve(here, '../../../fixtures/demo');
const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const available = version.status === 0;
if (!available) {
  console.warn(`SKIPPED: the Neovim end-to-end test needs \`nvim\` on PATH (apt-get install -y neovim): ${version.error?.message ?? version.stderr}`);
}

const scratch = mkdtempSync(path.join(tmpdir(), 'flyte-secrets-nvim-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Seen {
  diagnostics: { lnum: number; code: string; source: string; message: string }[];
  after: { lnum: number; code: string }[];
  pull: boolean;
  hover?: { contents: { kind: string; value: string } };
  actions?: { title: string }[];
  text?: string;
  errors: string[];
}

describe.skipIf(!available)(`Neovim (${version.stdout?.split('\n')[0] ?? 'not installed'})`, () => {
  it('shows the diagnostics, a hover with the inventory and a code action from the server, and follows the edit', () => {
    const out = path.join(scratch, 'seen.json');
    const run = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${path.join(here, 'neovim/e2e.lua')}`], {
      env: {
        ...process.env,
        FLYTE_SECRETS_NODE: process.execPath,
        FLYTE_SECRETS_SERVER: SERVER_BIN,
        FLYTE_SECRETS_FILE: path.join(DEMO, 'payments/reports.py'),
        FLYTE_SECRETS_ROOT: DEMO,
        FLYTE_SECRETS_OUT: out,
        XDG_STATE_HOME: scratch,
        XDG_CACHE_HOME: scratch,
      },
      encoding: 'utf8',
      timeout: 90_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const seen = JSON.parse(readFileSync(out, 'utf8')) as Seen;
    expect(seen.errors).toEqual([]);
    expect(seen.pull).toBe(false); // Neovim 0.7 does not pull: the server publishes
    expect(seen.diagnostics.map((d) => `${d.lnum + 1} ${d.code} ${d.source}`).sort()).toEqual([
      '15 @flyte-secrets/no-unused-secret-request flyte-secrets',
      '22 @flyte-secrets/no-mismatched-secret flyte-secrets',
    ]);
    expect(seen.hover?.contents.value).toContain('smtp/pasword');
    // The demo's inventory (a Flyte cluster-resource template) has the group but not this key.
    expect(seen.hover?.contents.value).toContain('| payments-production | present | **key missing** |');
    expect(seen.actions?.[0]?.title).toBe('Read smtp/password instead.');
    expect(seen.text).toBe('    password = ctx.secrets.get(SMTP, "password")');
    expect(seen.after.map((d) => `${d.lnum + 1} ${d.code}`)).toEqual(['15 @flyte-secrets/no-unused-secret-request']);
  });
});
