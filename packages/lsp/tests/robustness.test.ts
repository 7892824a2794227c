// The server stays up: a failing handler answers with an error, broken and binary files get no
// crash, imports are followed across open buffers, and the server exits with its client.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, positionOf, PULL_CAPABILITIES, PUSH_CAPABILITIES, SERVER_BIN, TestClient } from './support/lsp-client.js';

const PROJECT = path.join(FIXTURES, 'project');
const TASKS = path.join(PROJECT, 'workflows/tasks.py');
const CONSTS = path.join(PROJECT, 'workflows/consts.py');

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

const exitOf = (child: { exitCode: number | null; once(event: 'exit', listener: (code: number | null) => void): unknown }) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));

describe('robustness', () => {
  it('answers a request whose handler throws with an error, and keeps serving', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: PROJECT });
    const uri = await client.open(TASKS);
    await client.pull(uri);
    const failing = client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: null, context: { diagnostics: [] } });
    await expect(failing).rejects.toMatchObject({ code: -32603 });
    expect(await client.pull(uri)).toHaveLength(3);
  });

  it('lints a file with syntax errors from its error-tolerant tree, reporting only what is certain', async () => {
    client = await TestClient.start({ capabilities: PUSH_CAPABILITIES, workspace: PROJECT });
    const text = [
      'from flytekit import Secret, current_context, task',
      '',
      '@task(secret_requests=[Secret(group="db", key="password")])',
      'def good() -> None:',
      '    connect(current_context().secrets.get("db", "passwrd"))',
      '',
      '@task(secret_requests=[Secret(group="db", key="password")])',
      'def broken() -> str:',
      '    x = (1 +',
      '    return current_context().secrets.get("api", "token")',
      '',
    ].join('\n');
    const uri = await client.open(path.join(PROJECT, 'workflows/broken.py'), text);
    const diagnostics = await client.pushedDiagnostics(uri, 1);
    expect(diagnostics.map((d) => `${d.range.start.line + 1} ${String(d.code)}`)).toEqual(['5 @flyte-secrets/no-mismatched-secret']);
  });

  it('publishes the Parsing error of a refused file to a push client', async () => {
    client = await TestClient.start({ capabilities: PUSH_CAPABILITIES, workspace: PROJECT });
    const deep = `x = ${'['.repeat(201)}${']'.repeat(201)}\n`;
    const uri = await client.open(path.join(PROJECT, 'workflows/brackets.py'), deep);
    const diagnostics = await client.pushedDiagnostics(uri, 1);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toMatch(/^Parsing error: .*200/);
  });

  it('does not lint binary content, and names the file in a warning', async () => {
    client = await TestClient.start({ capabilities: PUSH_CAPABILITIES, workspace: PROJECT });
    const uri = await client.open(path.join(PROJECT, 'workflows/blob.py'), 'x = 1\u0000\u0001\u0002 secret\n');
    expect(await client.pushedDiagnostics(uri, 1)).toEqual([]);
    await client.waitFor(() => client!.messages.find((m) => m.message.includes('blob.py: not linted (binary content)')), 'a warning naming blob.py');
  });

  it('shows a file the parser refuses (tree-sitter-python issue 350) as one Parsing error, with a warning; open files keep their diagnostics', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: PROJECT });
    const tasks = await client.open(TASKS);
    const before = await client.pull(tasks);
    expect(before).toHaveLength(3);
    const deep = Array.from({ length: 600 }, (_, i) => `${' '.repeat(i)}if 1:\n`).join('') + `${' '.repeat(600)}'a'`;
    const bad = await client.open(path.join(PROJECT, 'workflows/deep.py'), deep);
    // As ESLint prints it, at the line CPython refuses: line 101 is indented 100 levels.
    const refused = await client.pull(bad);
    expect(refused.map((d) => `${d.range.start.line + 1} ${d.severity} ${d.source} ${d.message}`)).toEqual([
      '101 1 flyte-secrets Parsing error: too many levels of indentation: CPython allows 99',
    ]);
    await client.waitFor(() => client!.messages.find((m) => m.message.includes('deep.py: not linted (too many levels of indentation: CPython allows 99)')), 'a warning naming deep.py');
    // Fixed, it is linted again and the Parsing error goes.
    await client.change(bad, [{ text: 'x = 1\n' }]);
    expect(await client.pull(bad)).toEqual([]);
    expect(await client.pull(tasks)).toEqual(before);
    // The server keeps working on the other files: an edit is linted as before.
    const at = positionOf(client.text(tasks), '"api_key"');
    await client.change(tasks, [{ range: { start: at, end: { ...at, character: at.character + 9 } }, text: '"api_kei"' }]);
    expect((await client.pull(tasks)).map((d) => d.message).join('\n')).toContain('api_kei');
  });

  it('re-lints a file when a module it imports constants from changes in another buffer', async () => {
    client = await TestClient.start({ capabilities: PUSH_CAPABILITIES, workspace: PROJECT });
    const tasks = await client.open(TASKS);
    expect((await client.pushedDiagnostics(tasks, 1)).map((d) => d.message).join('\n')).toContain('reads secret stripe/api_key');
    const consts = await client.open(CONSTS);
    const at = positionOf(client.text(consts), '"stripe"', 1);
    const published = client.published.get(tasks)!.length;
    await client.change(consts, [{ range: { start: at, end: { ...at, character: at.character + 6 } }, text: 'sendgrid' }]);
    const updated = await client.waitFor(() => client!.published.get(tasks)!.slice(published).at(-1)?.diagnostics, 'new diagnostics for tasks.py');
    expect(updated.map((d) => d.message).join('\n')).toContain('reads secret sendgrid/api_key');
  });

  it('exits when the client process named in initialize dies', async () => {
    const parent = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    client = await TestClient.start({ capabilities: PUSH_CAPABILITIES, workspace: PROJECT, processId: parent.pid! });
    const exited = exitOf(client.process);
    parent.kill();
    // vscode-languageserver checks the client process every 3 seconds.
    const code = await Promise.race([exited, new Promise<string>((resolve) => setTimeout(() => resolve('still running'), 10_000))]);
    expect(code).toBe(1);
  });

  it('exits when its input closes, and after shutdown/exit with code 0', async () => {
    client = await TestClient.start({ capabilities: PUSH_CAPABILITIES, workspace: PROJECT });
    expect(await client.stop()).toBe(0);
    client = undefined;
    const orphan = await TestClient.start({ capabilities: PUSH_CAPABILITIES, workspace: PROJECT });
    const exited = exitOf(orphan.process);
    orphan.process.stdin.end();
    expect(await exited).toBe(1);
    orphan.connection.dispose();
  });

  it('prints its version and usage', async () => {
    const run = (arg: string) =>
      new Promise<string>((resolve) => {
        const child = spawn(process.execPath, [SERVER_BIN, arg]);
        let out = '';
        child.stdout.on('data', (chunk) => (out += chunk));
        child.on('exit', () => resolve(out));
      });
    expect(await run('--version')).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(await run('--help')).toContain('Usage: flyte-secrets-language-server');
  });
});
