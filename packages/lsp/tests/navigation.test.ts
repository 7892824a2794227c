// Find references (and, with the inventory, go to definition) over the protocol.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Location } from 'vscode-languageserver';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, positionOf, PULL_CAPABILITIES, TestClient, uriOf } from './support/lsp-client.js';

const PROJECT = path.join(FIXTURES, 'project');
const TASKS = path.join(PROJECT, 'workflows/tasks.py');
const CONSTS = path.join(PROJECT, 'workflows/consts.py');

let client: TestClient;
afterEach(() => client?.stop());

const describeLocations = (locations: Location[]) =>
  locations.map((l) => {
    const file = l.uri.startsWith('file:') ? path.relative(PROJECT, new URL(l.uri).pathname) : l.uri;
    const text = readFileSync(path.join(PROJECT, file), 'utf8').split('\n')[l.range.start.line]!;
    return `${file}:${l.range.start.line + 1} ${text.slice(l.range.start.character, l.range.end.character)}`;
  });

describe('find references', () => {
  it('finds every request and read of a group in the workspace, through imported constants', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: PROJECT });
    const uri = await client.open(TASKS);
    const locations = await client.connection.sendRequest<Location[]>('textDocument/references', {
      textDocument: { uri },
      position: positionOf(client.text(uri), 'Secret(group="db"', 15),
      context: { includeDeclaration: true },
    });
    expect(describeLocations(locations)).toEqual([
      'workflows/tasks.py:6 DB_GROUP',
      'workflows/tasks.py:8 DB_GROUP',
      'workflows/tasks.py:13 "db"',
    ]);
  });

  it('finds the uses of one key of a group, and nothing for an unknown name', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: PROJECT });
    const uri = await client.open(TASKS);
    const references = (marker: string, delta: number) =>
      client.connection.sendRequest<Location[] | null>('textDocument/references', {
        textDocument: { uri },
        position: positionOf(client.text(uri), marker, delta),
        context: { includeDeclaration: false },
      });
    // Line 9 reads it through the constant API_GROUP = "stripe".
    expect(describeLocations((await references('key="api_key"', 6))!)).toEqual(['workflows/tasks.py:9 "api_key"', 'workflows/tasks.py:13 "api_key"']);
    expect(await references('def charge', 5)).toBeNull();
    expect(uriOf(TASKS)).toBe(uri);
  });

  it('answers from the new value of an imported constant when only the module that defines it changed', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: PROJECT });
    const uri = await client.open(TASKS);
    const references = async (marker: string, delta: number) =>
      describeLocations(
        (await client.connection.sendRequest<Location[]>('textDocument/references', {
          textDocument: { uri },
          position: positionOf(client.text(uri), marker, delta),
          context: { includeDeclaration: false },
        })) ?? [],
      );
    expect(await references('Secret(group="db"', 15)).toEqual(['workflows/tasks.py:6 DB_GROUP', 'workflows/tasks.py:8 DB_GROUP', 'workflows/tasks.py:13 "db"']);
    const stripe = await references('Secret(group="stripe"', 15);
    expect(stripe).toEqual(['workflows/tasks.py:9 API_GROUP', 'workflows/tasks.py:13 "stripe"', 'workflows/tasks.py:16 "stripe"']);
    const consts = await client.open(CONSTS);
    await client.change(consts, [{ range: { start: { line: 0, character: 11 }, end: { line: 0, character: 15 } }, text: '"stripe"' }]);
    expect(client.text(consts).split('\n')[0]).toBe('DB_GROUP = "stripe"');
    // DB_GROUP now names `stripe`: its uses are no longer uses of `db`, and are uses of `stripe`.
    expect(await references('Secret(group="db"', 15)).toEqual(['workflows/tasks.py:13 "db"']);
    expect(await references('Secret(group="stripe"', 15)).toEqual(['workflows/tasks.py:6 DB_GROUP', 'workflows/tasks.py:8 DB_GROUP', ...stripe]);
  });
});
