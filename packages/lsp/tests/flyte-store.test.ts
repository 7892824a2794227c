// The Flyte secret store over the protocol, on fixtures/flyte2-store: diagnostics of a Flyte 2
// environment, completion of store keys with the project/domain pairs each serves, a hover table
// of the scope that serves each pair, and a code lens on each Flyte 2 task.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeLens, CompletionItem, Hover } from 'vscode-languageserver';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { positionOf, PULL_CAPABILITIES, TestClient, uriOf } from './support/lsp-client.js';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/flyte2-store');

let project: string;
let client: TestClient | undefined;
beforeEach(() => {
  project = mkdtempSync(path.join(tmpdir(), 'flyte-secrets-store-'));
  cpSync(FIXTURE, project, { recursive: true });
});
afterEach(async () => {
  await client?.stop();
  client = undefined;
  rmSync(project, { recursive: true, force: true });
});

const tasksFile = () => path.join(project, 'payments/tasks.py');
const envsFile = () => path.join(project, 'payments/envs.py');

describe('Flyte secret store', () => {
  it('reports an environment secret missing from the store, with the pairs', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: project });
    const uri = await client.open(envsFile());
    const diagnostics = (await client.pull(uri)).filter((d) => d.code === '@flyte-secrets/secret-exists-in-namespaces');
    expect(diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message.split(':')[0]}`)).toEqual([
      '11:53 Secret "stripe-api-key" is not in the Flyte secret store for payments/development',
      '14:59 Secret "slack-bot-token" is in the Flyte secret store, but not in every cluster (it is MISSING in eu-west, store/org.json',
    ]);
  });

  it('completes store keys (never groups) with the project/domain pairs each is available to', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: project });
    const text = readFileSync(tasksFile(), 'utf8').replace('flyte.Secret(key="audit-log-token")', 'flyte.Secret(key="")');
    const uri = await client.open(tasksFile(), text);
    const items = await client.connection.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, 'Secret(key="")', 12) });
    const store = items.filter((item) => item.detail?.startsWith('Flyte secret store')).map((item) => `${item.label}: ${item.detail}`);
    expect(store).toEqual([
      'ghcr-pull: Flyte secret store, in payments/development, payments/production',
      'hf-token: Flyte secret store, in payments/development, payments/production',
      'openai-api-key: Flyte secret store, in payments/development, payments/production',
      'payments-db-password: Flyte secret store, in payments/development, payments/production',
      'sandbox-key: Flyte secret store, in payments/development; missing in payments/production',
      'slack-bot-token: Flyte secret store, in payments/development, payments/production',
      'stripe-api-key: Flyte secret store, in payments/production; missing in payments/development',
    ]);
    // what exists for every pair sorts first
    const sorted = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map((item) => item.label);
    expect(sorted.indexOf('openai-api-key')).toBeLessThan(sorted.indexOf('stripe-api-key'));
  });

  it('hovers a table of the scope that serves each project/domain pair, with the listing line', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: project });
    const uri = await client.open(envsFile());
    const hover = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(client.text(uri), 'key="payments-db-password"', 8) });
    const value = (hover.contents as { value: string }).value;
    expect(value).toContain('| project/domain | `payments-db-password` in the Flyte secret store | listed in |');
    expect(value).toContain(`| payments/development | domain development | [store/development.txt:4](${uriOf(path.join(project, 'store/development.txt'))}#L4) |`);
    expect(value).toContain(`| payments/production | payments/production | [store/payments-production.txt:5](${uriOf(path.join(project, 'store/payments-production.txt'))}#L5) |`);
  });

  it('puts a code lens over each Flyte 2 task saying which keys the store lacks where', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: project });
    const uri = await client.open(path.join(project, 'research_jobs/train.py'));
    const found = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    expect(found.map((lens) => `${lens.range.start.line + 1} ${lens.command?.title}`)).toEqual([
      '19 secrets: 2/2 in the Flyte secret store for 2 project/domain pair(s)',
      '24 sandbox-key missing from the store for research/production',
      '29 api_key missing from the store for research/development, research/production',
    ]);
  });
});
