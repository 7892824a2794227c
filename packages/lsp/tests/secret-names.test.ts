// Completion and hover on the string arguments of Secret(...) and of secret reads, over the protocol.
import path from 'node:path';
import type { CompletionItem, Hover } from 'vscode-languageserver';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, positionOf, PULL_CAPABILITIES, TestClient } from './support/lsp-client.js';

const PROJECT = path.join(FIXTURES, 'project');
const FILE = path.join(PROJECT, 'workflows/complete.py');
const TEXT = `from flytekit import Secret, current_context, task


@task(secret_requests=[Secret(group="db", key="password"), Secret(group="db", key="user"), Secret(group="stripe", key="api_key")])
def load() -> str:
    ctx = current_context()
    return ctx.secrets.get("", "") + ctx.secrets.get("db", "")


@task(secret_requests=[Secret(group="sendgrid", key="token"), Secret(group="", key="")])
def notify() -> None:
    pass
`;

let client: TestClient;
afterEach(() => client?.stop());

async function complete(marker: string, delta: number): Promise<CompletionItem[]> {
  const uri = await client.open(FILE, TEXT);
  const items = await client.connection.sendRequest<CompletionItem[] | null>('textDocument/completion', {
    textDocument: { uri },
    position: positionOf(TEXT, marker, delta),
  });
  return items ?? [];
}

describe('completion', () => {
  it('offers the groups a read\'s task requests, replacing the string\'s content', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: PROJECT });
    const items = await complete('get("", "")', 5);
    expect(items.map((i) => i.label)).toEqual(['db', 'stripe']);
    expect(items[0]).toMatchObject({ detail: 'requested by task load', kind: 12, textEdit: { newText: 'db', range: { start: positionOf(TEXT, 'get("", "")', 5) } } });
  });

  it('offers the keys of the group named beside the key', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: PROJECT });
    expect((await complete('get("db", "")', 11)).map((i) => i.label)).toEqual(['password', 'user']);
  });

  it('offers, inside a Secret(...), the names requested anywhere in the module', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: PROJECT });
    const groups = await complete('Secret(group="", key="")', 14);
    expect(groups.map((i) => i.label)).toEqual(['db', 'stripe', 'sendgrid']);
    expect(groups[0]!.detail).toBe('requested in this module');
  });

  it('offers nothing outside a secret name', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: PROJECT });
    expect(await complete('ctx = current_context()', 3)).toEqual([]);
  });
});

describe('hover', () => {
  it('names the secret under the cursor and the tasks that request it', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: PROJECT });
    const uri = await client.open(FILE, TEXT);
    const marker = 'group="db", key="password"';
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(TEXT, marker, 8) });
    expect(hover?.contents).toEqual({ kind: 'markdown', value: '**flyte-secrets** · secret `db/password` (this string is its group)\n\nRequested by task `load`.' });
    expect(hover?.range).toEqual({ start: positionOf(TEXT, marker, 6), end: positionOf(TEXT, marker, 10) });
  });

  it('answers in plain text to a client without markdown, and nothing away from secret names', async () => {
    client = await TestClient.start({ capabilities: { textDocument: { hover: { contentFormat: ['plaintext'] } } }, workspace: PROJECT });
    const uri = await client.open(FILE, TEXT);
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(TEXT, 'get("db", "")', 6) });
    expect(hover?.contents).toEqual({ kind: 'plaintext', value: 'flyte-secrets · secret db/ (this string is its group)\n\nRead by task load.' });
    expect(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(TEXT, 'def load', 5) })).toBeNull();
  });
});

describe('hover on a rule id in a directive comment', () => {
  it('describes the rule and links its documentation', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: PROJECT });
    const text = `${TEXT}# eslint-disable-next-line @flyte-secrets/no-undeclared-secret -- reviewed\nx = 1\n`;
    const uri = await client.open(FILE, text);
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, '@flyte-secrets/no-undeclared', 20) });
    expect(hover?.contents).toEqual({
      kind: 'markdown',
      value: "**@flyte-secrets/no-undeclared-secret**: Disallow reading a secret that the task's secret_requests do not declare.\n\n[Documentation](https://github.com/flyte-secrets/flyte-secrets/blob/main/packages/eslint-plugin/docs/rules/no-undeclared-secret.md)",
    });
    expect(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(text, '-- reviewed', 5) })).toBeNull();
  });
});
