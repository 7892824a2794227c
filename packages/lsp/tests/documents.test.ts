// The server's documents keep the tree in step with LSP incremental changes: after any series of
// edits, the incrementally reparsed tree is the tree a fresh parse gives.
import { initParser, parsePython } from '@flyte-secrets/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { PythonDocument } from '../src/documents.js';

beforeAll(() => initParser());

const SOURCE = `from flytekit import Secret, current_context, task

GREETING = "héllo 😀"


@task(secret_requests=[Secret(group="db", key="password")])
def t() -> str:
    a = current_context().secrets.get("db", "password")
    if a:
        return a + GREETING
    return ""
`;

function expectInStep(document: PythonDocument): void {
  const fresh = parsePython(document.text);
  try {
    expect(document.tree().rootNode.toString()).toBe(fresh.rootNode.toString());
  } finally {
    fresh.delete();
  }
}

describe('PythonDocument', () => {
  it('reparses in step after line deletions, insertions and several changes in one notification', () => {
    const document = new PythonDocument('file:///t.py', 'python', 1, SOURCE);
    document.tree();
    document.update([{ range: { start: { line: 8, character: 0 }, end: { line: 10, character: 0 } }, text: '' }], 2);
    expectInStep(document);
    const changes: TextDocumentContentChangeEvent[] = [
      { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'X = 1\nY = 2\n' },
      { range: { start: { line: 9, character: 4 }, end: { line: 9, character: 4 } }, text: 'b = 3\n    ' },
      { range: { start: { line: 0, character: 5 }, end: { line: 0, character: 12 } }, text: 'flytekit.x' },
    ];
    document.update(changes, 3);
    expectInStep(document);
    document.dispose();
  });

  it('stays in step over a long series of random multi-line edits, parsing only every few changes', () => {
    const document = new PythonDocument('file:///t.py', 'python', 1, SOURCE);
    let state = 11;
    const random = (n: number) => ((state = (state * 1103515245 + 12345) & 0x7fffffff) % n);
    for (let version = 2; version < 200; version++) {
      const lines = document.text.split('\n');
      const line = random(lines.length);
      const endLine = Math.min(lines.length - 1, line + random(3));
      const start = { line, character: random(lines[line]!.length + 1) };
      const end = endLine === line ? { line, character: Math.max(start.character, random(lines[line]!.length + 1)) } : { line: endLine, character: random(lines[endLine]!.length + 1) };
      const text = ['', 'x', '\n', '    ', 'é😀', ')\n', 'if a:\n        b = 1\n'][random(7)]!;
      document.update([{ range: { start, end }, text }], version);
      if (version % 3 === 0) expectInStep(document);
    }
    expectInStep(document);
    document.dispose();
  });

  it('drops the tree on a full-text change and parses the new text', () => {
    const document = new PythonDocument('file:///t.py', 'python', 1, SOURCE);
    document.tree();
    document.update([{ text: 'x = 1\n' }], 2);
    expect(document.tree().rootNode.toString()).toBe('(module (expression_statement (assignment left: (identifier) right: (integer))))');
    document.dispose();
  });
});
