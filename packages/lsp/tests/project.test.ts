// Whole-repository analysis in the editor: a task's diagnostics name reads in helpers of other
// modules, and they are published again when such a module changes, in its buffer or on disk,
// even when the task file is unchanged and the helper is two imports away.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { positionOf, PUSH_CAPABILITIES, TestClient, uriOf } from './support/lsp-client.js';

const SOURCE = path.resolve(import.meta.dirname, '../../../fixtures/multimodule');
const dir = mkdtempSync(path.join(os.tmpdir(), 'flyte-secrets-lsp-project-'));
cpSync(SOURCE, dir, { recursive: true });
const ETL = path.join(dir, 'src/acme/tasks/etl.py');
const SLACK = path.join(dir, 'src/acme/clients/slack.py');
const SETTINGS = path.join(dir, 'src/acme/settings.py');

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lines = (diagnostics: { range: { start: { line: number } }; code?: unknown; message: string }[]) => diagnostics.map((d) => `${d.range.start.line + 1} ${String(d.code)}`);

describe('project index in the language server', () => {
  it('re-publishes a task file when a helper it calls changes in its buffer', async () => {
    client = await TestClient.start({ capabilities: PUSH_CAPABILITIES, workspace: dir });
    const etl = await client.open(ETL);
    const first = await client.pushedDiagnostics(etl, 1);
    expect(first.map((d) => d.message).join('\n')).toContain('reads secret slack/bot-token via acme.clients.slack.notify → acme.clients.slack._token');
    expect(lines(first)).toContain('26 @flyte-secrets/no-mismatched-secret');

    const slack = await client.open(SLACK);
    const at = positionOf(client.text(slack), '"bot-token"', 1);
    const published = client.published.get(etl)!.length;
    await client.change(slack, [{ range: { start: at, end: { ...at, character: at.character + 9 } }, text: 'bot_token' }]);
    const updated = await client.waitFor(() => client!.published.get(etl)!.slice(published).at(-1)?.diagnostics, 'new diagnostics for etl.py');
    expect(lines(updated)).not.toContain('26 @flyte-secrets/no-mismatched-secret');
    expect(lines(updated)).toContain('19 @flyte-secrets/no-undeclared-secret');
  });

  it('re-publishes a task file when a module two imports away changes on disk (watched files)', async () => {
    client = await TestClient.start({ capabilities: PUSH_CAPABILITIES, workspace: dir });
    const etl = await client.open(ETL);
    expect((await client.pushedDiagnostics(etl, 1)).map((d) => d.message).join('\n')).toContain('reads secret warehouse/password via acme.clients.warehouse.warehouse_engine');
    const published = client.published.get(etl)!.length;
    // settings.secret stops reading: the warehouse helpers read nothing any more.
    const original = readFileSync(SETTINGS, 'utf8');
    writeFileSync(SETTINGS, original.replace('return current_context().secrets.get(group, key)', 'return f"{group}/{key}"'));
    try {
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(SETTINGS), type: 2 }] });
      const updated = await client.waitFor(() => client!.published.get(etl)!.slice(published).at(-1)?.diagnostics, 'new diagnostics for etl.py');
      expect(updated.map((d) => d.message).join('\n')).not.toContain('warehouse/password via');
    } finally {
      writeFileSync(SETTINGS, original);
    }
  });
});
