// Which rules run, at which severity: the workspace's ESLint flat config, the editor settings
// (workspace/configuration, initializationOptions, didChangeConfiguration), and pyproject.toml.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, PULL_CAPABILITIES, PUSH_CAPABILITIES, TestClient, uriOf } from './support/lsp-client.js';

const PROJECT = path.join(FIXTURES, 'project');
const TASKS = path.join(PROJECT, 'workflows/tasks.py');
const FLAT = path.join(FIXTURES, 'flat-config');

let client: TestClient | undefined;
const temporary: string[] = [];
afterEach(async () => {
  await client?.stop();
  client = undefined;
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const bySeverity = (diagnostics: { code?: unknown; severity?: number }[]) =>
  Object.fromEntries(diagnostics.filter((d) => d.code).map((d) => [String(d.code).replace('@flyte-secrets/', ''), d.severity]));

describe('the ESLint flat config', () => {
  it('decides which rules run and at which severity, as `eslint` does', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: FLAT });
    const uri = await client.open(path.join(FLAT, 'tasks.py'));
    expect(bySeverity(await client.pull(uri))).toEqual({ 'no-mismatched-secret': 1, 'no-undeclared-secret': 2 });
  });

  it('leaves files its config ignores alone, even against flyteSecrets.rules', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: FLAT, settings: { rules: { 'no-mismatched-secret': 'error' } } });
    const uri = await client.open(path.join(FLAT, 'generated/tasks.py'));
    expect(await client.pull(uri)).toEqual([]);
  });

  it('is not read when flyteSecrets.useFlatConfig is false', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: FLAT, settings: { useFlatConfig: false } });
    const uri = await client.open(path.join(FLAT, 'tasks.py'));
    expect(bySeverity(await client.pull(uri))).toEqual({ 'no-mismatched-secret': 1, 'no-undeclared-secret': 1, 'no-unused-secret-request': 2 });
  });

  it('is overridden by flyteSecrets.rules', async () => {
    client = await TestClient.start({
      capabilities: PULL_CAPABILITIES,
      workspace: FLAT,
      settings: { rules: { 'no-mismatched-secret': 'hint', '@flyte-secrets/no-unused-secret-request': 'info' } },
    });
    const uri = await client.open(path.join(FLAT, 'tasks.py'));
    expect(bySeverity(await client.pull(uri))).toEqual({ 'no-mismatched-secret': 4, 'no-undeclared-secret': 2, 'no-unused-secret-request': 3 });
  });
});

describe('editor settings', () => {
  it('are read per document through workspace/configuration', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: PROJECT, settings: { rules: { 'no-undeclared-secret': 'off' } } });
    const uri = await client.open(TASKS);
    expect(Object.keys(bySeverity(await client.pull(uri))).sort()).toEqual(['no-mismatched-secret', 'no-unused-secret-request']);
  });

  it('come from initializationOptions for a client without workspace/configuration', async () => {
    client = await TestClient.start({
      capabilities: PUSH_CAPABILITIES,
      workspace: PROJECT,
      initializationOptions: { flyteSecrets: { rules: { 'no-unused-secret-request': 'off' } } },
    });
    const uri = await client.open(TASKS);
    expect(Object.keys(bySeverity(await client.pushedDiagnostics(uri, 1))).sort()).toEqual(['no-mismatched-secret', 'no-undeclared-secret']);
  });

  it('change with workspace/didChangeConfiguration, and the diagnostics are published again', async () => {
    client = await TestClient.start({ capabilities: PUSH_CAPABILITIES, workspace: PROJECT });
    const uri = await client.open(TASKS);
    expect(Object.keys(bySeverity(await client.pushedDiagnostics(uri, 1)))).toHaveLength(3);
    const before = client.published.get(uri)!.length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { flyteSecrets: { enable: false } } });
    await client.waitFor(() => client!.published.get(uri)!.length > before && client!.published.get(uri)!.at(-1)!.diagnostics.length === 0, 'cleared diagnostics');
  });

  it('run: "onSave" lints a push client\'s document when it is saved, not on every change', async () => {
    client = await TestClient.start({ capabilities: PUSH_CAPABILITIES, workspace: PROJECT, initializationOptions: { run: 'onSave' } });
    const uri = await client.open(TASKS);
    await client.pushedDiagnostics(uri, 1);
    const version = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(client.published.get(uri)!.some((p) => p.version === version)).toBe(false);
    await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    expect(await client.pushedDiagnostics(uri, version)).toHaveLength(3);
  });

  it('that are invalid are reported by name and replaced by their defaults', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: PROJECT, settings: { debounceMs: 'soon', rules: { 'no-undeclared-secret': 'loud' } } });
    const uri = await client.open(TASKS);
    expect(Object.keys(bySeverity(await client.pull(uri)))).toHaveLength(3);
    await client.waitFor(() => client!.messages.some((m) => m.message.includes('flyteSecrets.debounceMs must be a number')), 'a warning about debounceMs');
    expect(client.messages.some((m) => m.message.includes('flyteSecrets.rules["no-undeclared-secret"]'))).toBe(true);
  });
});

describe('pyproject.toml', () => {
  it('is watched: a change to [tool.flyte-secrets] applies to open documents', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'flyte-secrets-lsp-'));
    temporary.push(dir);
    cpSync(PROJECT, dir, { recursive: true });
    const file = path.join(dir, 'workflows/names.py');
    writeFileSync(file, 'from flytekit import Secret, task\n\n\n@task(secret_requests=[Secret(group="Payments_DB", key="password")])\ndef t() -> None:\n    pass\n');
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: dir });
    await client.waitFor(() => client!.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'), 'file watchers');
    const watchers = (client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles')!.registerOptions as { watchers: { globPattern: string }[] }).watchers;
    expect(watchers.map((w) => w.globPattern)).toContain('**/pyproject.toml');
    const uri = await client.open(file);
    expect(Object.keys(bySeverity(await client.pull(uri)))).toContain('valid-secret-names');
    // Under AWS Secrets Manager a group is not a Kubernetes name, so the rule has nothing to say.
    writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.flyte-secrets]\nsecret-manager = "AWS"\n');
    const refreshes = client.refreshes;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path.join(dir, 'pyproject.toml')), type: 2 }] });
    await client.waitFor(() => client!.refreshes > refreshes, 'workspace/diagnostic/refresh');
    expect(Object.keys(bySeverity(await client.pull(uri)))).not.toContain('valid-secret-names');
  });
});
