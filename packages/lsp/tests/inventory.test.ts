// The inventory at hand while writing task code, over the protocol: diagnostics of
// secret-exists-in-namespaces, completion with namespaces, hover table, go to definition,
// references from a manifest, code lenses, indexing progress, and re-indexing when manifests change
// on disk.
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CodeLens, CompletionItem, Diagnostic, Hover, Location } from 'vscode-languageserver';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, positionOf, PULL_CAPABILITIES, PUSH_CAPABILITIES, TestClient, uriOf } from './support/lsp-client.js';

let project: string;
let client: TestClient | undefined;
beforeEach(() => {
  project = mkdtempSync(path.join(tmpdir(), 'flyte-secrets-inventory-'));
  cpSync(path.join(FIXTURES, 'inventory'), project, { recursive: true });
});
afterEach(async () => {
  await client?.stop();
  client = undefined;
  rmSync(project, { recursive: true, force: true });
});

const tasksFile = () => path.join(project, 'workflows/tasks.py');
const exists = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === '@flyte-secrets/secret-exists-in-namespaces');
const where = (location: Location) => {
  const file = new URL(location.uri).pathname;
  const line = readFileSync(file, 'utf8').split('\n')[location.range.start.line]!;
  return `${path.relative(project, file)}:${location.range.start.line + 1} ${line.slice(location.range.start.character, location.range.end.character)}`;
};

async function lenses(uri: string): Promise<string[]> {
  const found = await client!.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
  return found.map((lens) => `${lens.range.start.line + 1} ${lens.command?.title}`);
}

/** Writes a manifest and tells the server, as an editor's file watcher would. */
async function onDisk(file: string, content: string | undefined, type: 1 | 2 | 3): Promise<void> {
  if (content === undefined) unlinkSync(file);
  else writeFileSync(file, content);
  await client!.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file), type }] });
}

const STRIPE_PRODUCTION = `apiVersion: v1
kind: Secret
metadata:
  name: stripe
  namespace: payments-production
type: Opaque
stringData:
  api_key: sk_live_FAKE0000000000000000000000
`;

describe('with an inventory', () => {
  it('indexes each workspace folder at startup, with progress, and reports a secret missing from a namespace', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: project });
    await client.waitFor(() => client!.progress.some((p) => (p as { value: { kind: string } }).value.kind === 'end'), 'the end of the indexing progress');
    const kinds = client.progress.map((p) => (p as { value: { kind: string } }).value.kind);
    expect(kinds[0]).toBe('begin');
    const uri = await client.open(tasksFile());
    const diagnostics = exists(await client.pull(uri));
    expect(diagnostics.map((d) => `${d.range.start.line + 1} ${d.message.split(':')[0]}`)).toEqual(['9 Secret "stripe" (key "api_key") is missing from payments-production']);
    expect(diagnostics[0]!.message).toContain('Present in payments-development (deploy/development/secrets.yaml:15).');
  });

  it('completes groups and keys with the namespaces each exists in', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: project });
    const text = readFileSync(tasksFile(), 'utf8').replace('ctx.secrets.get("stripe", "api_key")', 'ctx.secrets.get("", "")');
    const uri = await client.open(tasksFile(), text);
    const complete = (marker: string, delta: number) =>
      client!.connection.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, marker, delta) });
    const groups = await complete('get("", "")', 5);
    expect(groups.map((g) => `${g.label}: ${g.detail}`)).toEqual([
      'db: in payments-development, payments-production; requested by task charge',
      'stripe: in payments-development; missing in payments-production; requested by task charge',
    ]);
    const keyText = text.replace('get("", "")', 'get("db", "")');
    await client.change(uri, [{ text: keyText }]);
    const keys = await client.connection.sendRequest<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri },
      position: positionOf(keyText, 'get("db", "")', 11),
    });
    expect(keys.map((k) => `${k.label}: ${k.detail}`)).toEqual([
      'password: in payments-development, payments-production; requested by task charge',
      'user: in payments-development, payments-production',
    ]);
  });

  it('hovers a table of the target namespaces with the manifest of each', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: project });
    const uri = await client.open(tasksFile());
    const hover = await client.connection.sendRequest<Hover>('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(client.text(uri), 'Secret(group="stripe"', 15),
    });
    const value = (hover.contents as { value: string }).value;
    expect(value).toContain('| namespace | secret `stripe` | key `api_key` | defined in |');
    expect(value).toContain(`| payments-development | present | present | [deploy/development/secrets.yaml:15](${uriOf(path.join(project, 'deploy/development/secrets.yaml'))}#L15) |`);
    expect(value).toContain('| payments-production | **missing** |  |  |');
  });

  it('goes to the manifest line of the secret, and of the key, in each namespace', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: project });
    const uri = await client.open(tasksFile());
    const definition = (marker: string, delta: number) =>
      client!.connection.sendRequest<Location[]>('textDocument/definition', { textDocument: { uri }, position: positionOf(client!.text(uri), marker, delta) });
    expect((await definition('get("db", "password")', 6)).map(where)).toEqual(['deploy/development/secrets.yaml:5 db', 'deploy/production/secrets.yaml:5 db']);
    expect((await definition('get("db", "password")', 12)).map(where)).toEqual([
      'deploy/development/secrets.yaml:9 password',
      'deploy/production/secrets.yaml:9 password',
    ]);
    expect((await definition('get("stripe", "api_key")', 7)).map(where)).toEqual(['deploy/development/secrets.yaml:15 stripe']);
  });

  it('finds the Python uses of a secret from its manifest, and the manifests from Python', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: project });
    const manifest = path.join(project, 'deploy/production/secrets.yaml');
    const fromManifest = await client.connection.sendRequest<Location[]>('textDocument/references', {
      textDocument: { uri: uriOf(manifest) },
      position: { line: 8, character: 4 }, // `password:` of the production `db`
      context: { includeDeclaration: false },
    });
    expect(fromManifest.map(where)).toEqual(['workflows/tasks.py:4 "password"', 'workflows/tasks.py:6 "password"', 'workflows/tasks.py:9 "password"', 'workflows/tasks.py:13 "password"']);
    const uri = await client.open(tasksFile());
    const fromPython = await client.connection.sendRequest<Location[]>('textDocument/references', {
      textDocument: { uri },
      position: positionOf(client.text(uri), 'Secret(group="stripe"', 15),
      context: { includeDeclaration: true },
    });
    expect(fromPython.map(where)).toEqual(['deploy/development/secrets.yaml:15 stripe', 'workflows/tasks.py:9 "stripe"', 'workflows/tasks.py:12 "stripe"']);
  });

  it('puts a code lens on each task with its namespace status', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: project });
    const uri = await client.open(tasksFile());
    expect(await lenses(uri)).toEqual(['4 secrets: 2/2 namespaces', '9 stripe/api_key missing in payments-production']);
  });

  it('re-indexes when a manifest is changed, created and deleted on disk, and refreshes diagnostics and lenses', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: project });
    await client.waitFor(() => client!.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'), 'file watchers');
    const uri = await client.open(tasksFile());
    expect(exists(await client.pull(uri))).toHaveLength(1);
    const production = path.join(project, 'deploy/production/secrets.yaml');
    const original = readFileSync(production, 'utf8');

    let refreshes = client.refreshes;
    await onDisk(production, `${original}---\n${STRIPE_PRODUCTION}`, 2); // changed
    await client.waitFor(() => client!.refreshes > refreshes, 'a refresh after the change');
    expect(exists(await client.pull(uri))).toEqual([]);
    expect(await lenses(uri)).toEqual(['4 secrets: 2/2 namespaces', '9 secrets: 2/2 namespaces']);

    refreshes = client.refreshes;
    await onDisk(production, original, 2);
    await client.waitFor(() => client!.refreshes > refreshes, 'a refresh after the revert');
    expect(exists(await client.pull(uri))).toHaveLength(1);

    const created = path.join(project, 'deploy/production/stripe.yaml');
    refreshes = client.refreshes;
    await onDisk(created, STRIPE_PRODUCTION, 1); // created
    await client.waitFor(() => client!.refreshes > refreshes, 'a refresh after the creation');
    expect(exists(await client.pull(uri))).toEqual([]);

    refreshes = client.refreshes;
    await onDisk(created, undefined, 3); // deleted
    await client.waitFor(() => client!.refreshes > refreshes, 'a refresh after the deletion');
    expect(await lenses(uri)).toEqual(['4 secrets: 2/2 namespaces', '9 stripe/api_key missing in payments-production']);
  });

  it('re-publishes to a push client after re-indexing', async () => {
    client = await TestClient.start({ capabilities: PUSH_CAPABILITIES, workspace: project });
    const uri = await client.open(tasksFile());
    expect(exists(await client.pushedDiagnostics(uri, 1))).toHaveLength(1);
    const published = client.published.get(uri)!.length;
    await onDisk(path.join(project, 'deploy/production/stripe.yaml'), STRIPE_PRODUCTION, 1);
    const next = await client.waitFor(() => client!.published.get(uri)!.slice(published).at(-1)?.diagnostics, 're-published diagnostics');
    expect(exists(next)).toEqual([]);
  });
});
