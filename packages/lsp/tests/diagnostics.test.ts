// Diagnostics over the protocol, for a client that pulls (VS Code) and one that takes pushes
// (Neovim 0.7, eglot), and parity with what ESLint prints for the same files.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, positionOf, PULL_CAPABILITIES, PUSH_CAPABILITIES, TestClient } from './support/lsp-client.js';

const PROJECT = path.join(FIXTURES, 'project');
const TASKS = path.join(PROJECT, 'workflows/tasks.py');
const DEMO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/demo');

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

const summary = (diagnostics: { code?: unknown; range: { start: { line: number } } }[]) =>
  diagnostics.map((d) => `${d.range.start.line + 1} ${String(d.code)}`).sort();

const EXPECTED = [
  '13 @flyte-secrets/no-unused-secret-request',
  '16 @flyte-secrets/no-mismatched-secret',
  '9 @flyte-secrets/no-undeclared-secret',
];

describe('a pull client', () => {
  it('is offered pull diagnostics, incremental sync and the fix-all code action kind', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: PROJECT });
    const { capabilities, serverInfo } = client.initializeResult;
    expect(serverInfo?.name).toBe('flyte-secrets-language-server');
    expect(capabilities.diagnosticProvider).toEqual({ identifier: 'flyte-secrets', interFileDependencies: true, workspaceDiagnostics: false });
    expect(capabilities.textDocumentSync).toMatchObject({ openClose: true, change: 2 });
    expect(capabilities.codeActionProvider).toEqual({ codeActionKinds: ['quickfix', 'source.fixAll.flyteSecrets'] });
    expect(capabilities.positionEncoding).toBe('utf-16');
  });

  it('pulls the findings of an open file, with ESLint ids, rule docs and the source', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: PROJECT });
    const uri = await client.open(TASKS);
    const diagnostics = await client.pull(uri);
    expect(summary(diagnostics)).toEqual(EXPECTED);
    const undeclared = diagnostics.find((d) => d.code === '@flyte-secrets/no-undeclared-secret')!;
    expect(undeclared).toMatchObject({
      source: 'flyte-secrets',
      severity: 1,
      codeDescription: { href: expect.stringMatching(/\/docs\/rules\/no-undeclared-secret\.md$/) },
      range: { start: positionOf(client.text(uri), 'current_context().secrets.get(API_GROUP') },
    });
    // The constant comes from the sibling module consts.py, resolved from disk.
    expect(undeclared.message).toContain('reads secret stripe/api_key');
    expect(client.published.size).toBe(0);
  });

  it('pulls updated findings after an incremental edit', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: PROJECT });
    const uri = await client.open(TASKS);
    await client.pull(uri);
    const at = positionOf(client.text(uri), '"api-key"', 4);
    await client.change(uri, [{ range: { start: at, end: { ...at, character: at.character + 1 } }, text: '_' }]);
    expect(summary(await client.pull(uri))).toEqual(['13 @flyte-secrets/no-unused-secret-request', '9 @flyte-secrets/no-undeclared-secret']);
  });

  it('drops pulls that the client cancels because newer changes came, and answers the last one', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: PROJECT });
    const uri = await client.open(TASKS);
    await client.pull(uri);
    const at = positionOf(client.text(uri), 'return amount');
    // Settled as they come: a pull rejected while the next is held is not an unhandled rejection.
    const pulls: Promise<PromiseSettledResult<unknown>>[] = [];
    for (let i = 0; i < 4; i++) {
      // Each pull is held where the server waits for the client (its settings, dropped by a
      // configuration change), so the cancel provably reaches it mid-pull, however loaded the machine.
      const held = holdConfiguration(client);
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await client.change(uri, [{ range: { start: at, end: at }, text: 'x' }]);
      const source = new CancellationTokenSource();
      const pull = client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }, source.token);
      pulls.push(Promise.allSettled([pull]).then(([result]) => result!));
      await held.requested;
      if (i < 3) source.cancel(); // what VS Code does when the document changes again
      held.release();
    }
    const settled = await Promise.all(pulls);
    expect(settled.slice(0, 3).map((s) => s.status === 'rejected' && (s.reason as { code?: number }).code)).toEqual([-32800, -32800, -32800]);
    expect(settled[3]).toMatchObject({ status: 'fulfilled', value: { kind: 'full' } });
  });
});

/**
 * Answers the server's next `workspace/configuration` request only once released; `requested`
 * resolves when that request has come. The answer is what TestClient answers.
 */
function holdConfiguration(client: TestClient): { requested: Promise<void>; release: () => void } {
  let arrived!: () => void;
  let release!: () => void;
  const requested = new Promise<void>((resolve) => (arrived = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  client.connection.onRequest('workspace/configuration', async (params: { items: { section?: string }[] }) => {
    arrived();
    await released;
    return params.items.map((item) => (item.section === 'flyteSecrets' ? (client.settings ?? null) : null));
  });
  return { requested, release };
}

describe('a push client', () => {
  it('is not offered pull diagnostics', async () => {
    client = await TestClient.start({ capabilities: PUSH_CAPABILITIES, workspace: PROJECT });
    expect(client.initializeResult.capabilities.diagnosticProvider).toBeUndefined();
  });

  it('gets diagnostics published on open and after each edit, for that version', async () => {
    client = await TestClient.start({ capabilities: PUSH_CAPABILITIES, workspace: PROJECT });
    const uri = await client.open(TASKS);
    expect(summary(await client.pushedDiagnostics(uri, 1))).toEqual(EXPECTED);
    const at = positionOf(client.text(uri), '"api-key"', 4);
    const version = await client.change(uri, [{ range: { start: at, end: { ...at, character: at.character + 1 } }, text: '_' }]);
    expect(summary(await client.pushedDiagnostics(uri, version))).toEqual(['13 @flyte-secrets/no-unused-secret-request', '9 @flyte-secrets/no-undeclared-secret']);
  });

  it('coalesces a burst of edits and publishes for the last version', async () => {
    client = await TestClient.start({ capabilities: PUSH_CAPABILITIES, workspace: PROJECT });
    const uri = await client.open(TASKS);
    await client.pushedDiagnostics(uri, 1);
    const at = positionOf(client.text(uri), 'return amount');
    let version = 0;
    for (const letter of 'x = 1\n    ') version = await client.change(uri, [{ range: { start: at, end: at }, text: letter }]);
    await client.pushedDiagnostics(uri, version);
    const versions = client.published.get(uri)!.map((p) => p.version);
    expect(versions.at(-1)).toBe(version);
    expect(versions.length).toBeLessThan(1 + 'x = 1\n    '.length); // not one run per keystroke
  });

  it('clears the diagnostics of a closed document', async () => {
    client = await TestClient.start({ capabilities: PUSH_CAPABILITIES, workspace: PROJECT });
    const uri = await client.open(TASKS);
    await client.pushedDiagnostics(uri, 1);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await client.waitFor(() => client!.published.get(uri)!.at(-1)!.diagnostics.length === 0, 'empty diagnostics');
  });
});

describe('parity with ESLint', () => {
  it('reports on fixtures/demo exactly what `eslint` reports: ids, positions and messages', async () => {
    const eslint = new ESLint({ cwd: DEMO });
    const files = readdirSync(path.join(DEMO, 'payments')).filter((f) => f.endsWith('.py')).map((f) => path.join(DEMO, 'payments', f));
    const expected = new Map<string, string[]>();
    for (const result of await eslint.lintFiles(files)) {
      expected.set(result.filePath, result.messages.map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId} ${m.message}`));
    }
    expect([...expected.values()].flat().length).toBeGreaterThan(3);
    client = await TestClient.start({ capabilities: PUSH_CAPABILITIES, workspace: DEMO });
    for (const file of files) {
      const uri = await client.open(file);
      const diagnostics = await client.pushedDiagnostics(uri, 1);
      const actual = diagnostics.map(
        (d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${String(d.code)} ${d.message}`,
      );
      expect(actual, path.basename(file)).toEqual(expected.get(file));
    }
  });
});
