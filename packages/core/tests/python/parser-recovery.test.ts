// The safety net for traps the nesting limits do not predict: a real trap of the parser's wasm
// inside a recovery unit restores the parser; later files parse exactly as before.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Parser } from 'web-tree-sitter';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeSource, initParser, isTreeAlive, parsePython, UnparsablePythonError, withParserRecovery } from '../../src/index.js';

const DEMO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../fixtures/demo/payments');
const demoFiles = readdirSync(DEMO).map((name) => readFileSync(path.join(DEMO, name), 'utf8'));
const ISSUE_350 = Array.from({ length: 600 }, (_, i) => `${' '.repeat(i)}if 1:\n`).join('') + `${' '.repeat(600)}'a'`;

beforeAll(() => initParser());

/** Every demo file's syntax tree, printed. */
function printedTrees(): string[] {
  return demoFiles.map((text) => {
    const tree = parsePython(text);
    try {
      return tree.rootNode.toString();
    } finally {
      tree.delete();
    }
  });
}

/**
 * Traps the shared wasm instance for real: a parser of our own overruns the scanner's buffer on the
 * file of issue 350 (where the corruption lands depends on the heap's layout), then parses with a
 * handle beyond the wasm memory, which traps wherever the overrun landed. The parser is forgotten
 * afterwards: its memory belonged to the heap the restore replaces.
 */
function trap(): void {
  const raw = new Parser();
  raw.setLanguage(parsePython('').language);
  try {
    raw.parse(ISSUE_350)?.delete();
    Object.assign(raw, { 0: 0x7fff_fff0 });
    raw.parse('x = 1\n');
  } finally {
    Object.assign(raw, { 0: 0, 1: 0 });
    raw.delete();
  }
}

describe('parser recovery after a wasm trap', () => {
  it('turns the trap into UnparsablePythonError and parses later files exactly as before', () => {
    const before = printedTrees();
    for (let round = 0; round < 5; round++) {
      expect(() => withParserRecovery(trap)).toThrow(UnparsablePythonError);
      expect(printedTrees()).toEqual(before);
    }
  });

  it('reports the file even when the code inside swallowed the trap of a nested unit (a sibling module)', () => {
    expect(() =>
      withParserRecovery(() => {
        try {
          withParserRecovery(trap);
        } catch {
          return 'swallowed';
        }
      }),
    ).toThrow(UnparsablePythonError);
    expect(analyzeSource(demoFiles[0]!).ok).toBe(true);
  });

  it('ends the trees made before the trap; deleting or reparsing from them is harmless', () => {
    const kept = parsePython(demoFiles[1]!);
    expect(isTreeAlive(kept)).toBe(true);
    expect(() => withParserRecovery(trap)).toThrow(UnparsablePythonError);
    expect(isTreeAlive(kept)).toBe(false);
    const reparsed = parsePython(demoFiles[1]!, kept);
    kept.delete();
    expect(reparsed.rootNode.hasError).toBe(false);
    reparsed.delete();
    expect(printedTrees()).toHaveLength(demoFiles.length);
  });

  it('gives analyzeSource a one-file syntax error for a file CPython refuses', () => {
    const parsed = analyzeSource(ISSUE_350);
    expect(parsed).toEqual({ ok: false, error: { index: expect.any(Number), message: 'too many levels of indentation: CPython allows 99' } });
  });
});
