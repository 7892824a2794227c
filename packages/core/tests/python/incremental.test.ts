import { beforeAll, describe, expect, it } from 'vitest';
import { editTree, initParser, parsePython, syntaxErrorSpans } from '../../src/index.js';

beforeAll(() => initParser());

/** Applies `replacement` over [start, end) incrementally and compares with a fresh parse. */
function checkEdit(text: string, start: number, end: number, replacement: string): string {
  const tree = parsePython(text);
  const next = text.slice(0, start) + replacement + text.slice(end);
  editTree(tree, text, next, start, end, start + replacement.length);
  const incremental = parsePython(next, tree);
  const fresh = parsePython(next);
  try {
    expect(incremental.rootNode.toString()).toBe(fresh.rootNode.toString());
    expect(incremental.rootNode.endIndex).toBe(next.length);
    return next;
  } finally {
    tree.delete();
    incremental.delete();
    fresh.delete();
  }
}

const SOURCE = [
  '# -*- coding: utf-8 -*-',
  'from flytekit import task, Secret, current_context',
  'GREETING = "héllo 😀 wörld"',
  '',
  '@task(secret_requests=[Secret(group="db", key="password")])',
  'def t(x: int) -> str:',
  '    s = "日本語"',
  '    return current_context().secrets.get("db", "password") + s',
  '',
].join('\n');

describe('editTree', () => {
  it('keeps an incremental reparse identical to a fresh parse, after non-ASCII text', () => {
    const at = SOURCE.indexOf('"db", "password") +');
    checkEdit(SOURCE, at + 1, at + 3, 'api');
  });

  it('handles insertions and deletions that add and remove lines', () => {
    const at = SOURCE.indexOf('    return');
    const inserted = checkEdit(SOURCE, at, at, '    y = "😀😀"\n    z = 2\n');
    const removeAt = inserted.indexOf('    y =');
    checkEdit(inserted, removeAt, inserted.indexOf('    return'), '');
  });

  it('handles CRLF line endings', () => {
    const crlf = SOURCE.replace(/\n/g, '\r\n');
    const at = crlf.indexOf('日本語');
    checkEdit(crlf, at, at + 3, 'x\r\ny');
  });

  it('stays identical over a series of random single-character edits', () => {
    let text = SOURCE;
    let state = 7;
    const random = (n: number) => ((state = (state * 1103515245 + 12345) & 0x7fffffff) % n);
    for (let i = 0; i < 60; i++) {
      const start = random(text.length);
      const remove = random(2);
      const insert = ['a', ' ', '\n', '"', '(', 'é', ''][random(7)]!;
      text = checkEdit(text, start, Math.min(text.length, start + remove), insert);
    }
  });
});

describe('syntaxErrorSpans', () => {
  it('is empty for a clean tree and locates the error in a broken one', () => {
    const clean = parsePython(SOURCE);
    expect(syntaxErrorSpans(clean)).toEqual([]);
    clean.delete();
    const broken = 'x = 1\ny = = 2\nz = 3\n';
    const tree = parsePython(broken);
    const spans = syntaxErrorSpans(tree);
    tree.delete();
    expect(spans.length).toBeGreaterThan(0);
    for (const span of spans) {
      expect(span.start).toBeGreaterThanOrEqual(broken.indexOf('y'));
      expect(span.end).toBeLessThanOrEqual(broken.indexOf('z'));
    }
  });
});
