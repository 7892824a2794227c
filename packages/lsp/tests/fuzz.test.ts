// Hostile input to the language server over stdio: malformed JSON-RPC, requests with impossible
// parameters, out-of-range edits and mutated documents (tests/fuzz/hostile-input.ts). After each,
// the server still answers, an open file keeps its diagnostics, and no diagnostic, hover,
// completion or code lens holds a planted value (the demo's manifests and planted credentials).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaksPlantedValue, mutatedInputs, PLANTED_PYTHON, pythonSeeds, Random, ROOT } from '../../../tests/fuzz/hostile-input.js';
import { PULL_CAPABILITIES, TestClient } from './support/lsp-client.js';

const LSP_INPUTS = 150;
const project = mkdtempSync(path.join(tmpdir(), 'flyte-secrets-lsp-fuzz-'));
cpSync(path.join(ROOT, 'fixtures/demo'), project, { recursive: true });
const REPORTS = path.join(project, 'payments/reports.py');

let client: TestClient;
beforeAll(async () => {
  client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: project });
});
afterAll(async () => {
  await client?.stop();
  rmSync(project, { recursive: true, force: true });
});

/** Everything a user can see of a document: diagnostics, and hover, completion and code lens at `positions`. */
async function everythingShown(uri: string, positions: { line: number; character: number }[]): Promise<string> {
  const shown: unknown[] = [await client.pull(uri), await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })];
  for (const position of positions) {
    shown.push(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position }));
    shown.push(await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position }));
  }
  return JSON.stringify(shown);
}

/** A position on every line of `text`, at a random column (sometimes past the end). */
function positionsIn(text: string, random: Random): { line: number; character: number }[] {
  return text.split('\n').map((line, i) => ({ line: i, character: random.int(line.length + 3) }));
}

describe('hostile input to the language server', () => {
  it('keeps answering after malformed JSON-RPC, and the open file keeps its diagnostics', async () => {
    const reports = await client.open(REPORTS);
    const before = await client.pull(reports);
    expect(before.length).toBeGreaterThan(0);
    // Framed correctly (a wrong Content-Length desynchronises any JSON-RPC stream), with bad content.
    const junk = ['{"jsonrpc":', '[]', '{"jsonrpc":"2.0","id":null}', '{"jsonrpc":"2.0","id":7,"method":"no/such/x"}', 'null', '\u0000\u00ff', '{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"contentChanges":7}}'].map(
      (body) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    for (const message of junk) client.process.stdin.write(message);
    const impossible: [string, unknown][] = [
      ['textDocument/hover', { textDocument: { uri: 'file:///nowhere.py' }, position: { line: -1, character: 2 ** 40 } }],
      ['textDocument/hover', { textDocument: { uri: reports }, position: { line: 1e9, character: -5 } }],
      ['textDocument/completion', null],
      ['textDocument/codeAction', { textDocument: { uri: reports }, range: { start: { line: 9, character: 0 }, end: { line: 2, character: 0 } }, context: { diagnostics: [] } }],
      ['textDocument/diagnostic', { textDocument: {} }],
      ['workspace/executeCommand', { command: 'flyteSecrets.nothing', arguments: [1, null, {}] }],
    ];
    for (const [method, params] of impossible) await client.connection.sendRequest(method, params).catch(() => undefined);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///never-opened.py', version: 2 }, contentChanges: [{ text: 'x' }] });
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///broken.py', languageId: 'python', version: 'one', text: 42 } });
    expect(await client.pull(reports)).toEqual(before);
  });

  it(`keeps answering through ${LSP_INPUTS} mutated documents and out-of-range edits, showing no planted value`, async () => {
    const random = new Random(5);
    const planted = await client.open(path.join(project, 'payments/planted.py'), PLANTED_PYTHON);
    expect(leaksPlantedValue(await everythingShown(planted, positionsIn(PLANTED_PYTHON, random)))).toBe(false);
    const failures: string[] = [];
    for (const { index, text } of mutatedInputs(pythonSeeds(), LSP_INPUTS, 77)) {
      const uri = await client.open(path.join(project, `payments/fuzz_${index}.py`), text);
      // Edits whose ranges lie outside the text, backwards, or past the last line.
      const lines = text.split('\n').length;
      await client.change(uri, [
        { range: { start: { line: lines + 5, character: 0 }, end: { line: lines + 9, character: 3 } }, text: 'secrets.get("a", "b")\n' },
        { range: { start: { line: 3, character: 400 }, end: { line: 1, character: 0 } }, text: '((' },
        { range: { start: { line: random.int(lines), character: random.int(80) }, end: { line: random.int(lines), character: random.int(80) } }, text: random.pick(['', '"', '\0', '\r\n    ']) },
      ]);
      const shown = await everythingShown(uri, positionsIn(client.text(uri), random).filter(() => random.int(4) === 0));
      if (leaksPlantedValue(shown)) failures.push(`input ${index}: a planted value is shown`);
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
    expect(failures).toEqual([]);
    expect((await client.pull(planted)).map((d) => String(d.code))).toContain('@flyte-secrets/no-hardcoded-credentials');
  }, 300_000);
});
