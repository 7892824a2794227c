// The parser refuses what CPython's lexer refuses (Parser/lexer/state.h: MAXINDENT 100, MAXLEVEL
// 200), counting as the lexer counts: not inside strings, f-string literals, comments or brackets.
// Each "accepted" case below compiles with CPython 3.11; each refused one fails there with the same words.
import { beforeAll, describe, expect, it } from 'vitest';
import { initParser, MAX_INDENT_LEVELS, MAX_NESTED_BRACKETS, parsePython, UnparsablePythonError } from '../../src/index.js';
import { nestingViolation } from '../../src/python/nesting-limits.js';

beforeAll(() => initParser());

/** `levels` nested `if` blocks whose innermost body is `body`. */
const nestedBlocks = (levels: number, body: string, indent = ' ') =>
  Array.from({ length: levels }, (_, i) => `${indent.repeat(i)}if 1:\n`).join('') + indent.repeat(levels) + body;
const nestedParentheses = (depth: number) => `x = ${'('.repeat(depth)}1${')'.repeat(depth)}\n`;

describe('CPython nesting limits', () => {
  it('accepts 99 levels of indentation and refuses 100, with tabs too', () => {
    expect(MAX_INDENT_LEVELS).toBe(99);
    expect(nestingViolation(nestedBlocks(99, 'pass\n'))).toBeUndefined();
    expect(nestingViolation(nestedBlocks(100, 'pass\n'))?.message).toBe('too many levels of indentation: CPython allows 99');
    expect(nestingViolation(nestedBlocks(100, 'pass\n', '\t'))?.message).toMatch(/^too many levels of indentation/);
  });

  it('accepts 200 nested brackets and refuses 201, of any kind', () => {
    expect(MAX_NESTED_BRACKETS).toBe(200);
    expect(nestingViolation(nestedParentheses(200))).toBeUndefined();
    expect(nestingViolation(nestedParentheses(201))?.message).toBe('too many nested parentheses: CPython allows 200');
    expect(nestingViolation(`x = ${'[{('.repeat(67)}`)?.message).toMatch(/^too many nested parentheses/);
  });

  it('names where the limit is crossed', () => {
    const text = nestedBlocks(120, "'a'");
    const violation = nestingViolation(text)!;
    expect(text.slice(0, violation.index).split('\n')).toHaveLength(101);
  });

  it('does not count brackets and indentation inside strings, f-string literals and comments', () => {
    const deepText = Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}line ${'('.repeat(3)}`).join('\n');
    expect(nestingViolation(`x = """\n${deepText}\n"""\n`)).toBeUndefined();
    expect(nestingViolation(`x = '${'('.repeat(300)}'\n`)).toBeUndefined();
    expect(nestingViolation(`x = rb'\\'${'['.repeat(300)}'\n`)).toBeUndefined();
    expect(nestingViolation(`# ${'{'.repeat(300)}\nx = 1\n`)).toBeUndefined();
    expect(nestingViolation(`x = f"{y!r:>{width}} ${'('.repeat(300)} {{"\n`)).toBeUndefined();
    expect(nestingViolation(`x = f"{d["k"]}" + f'{"'"}' + "${'('.repeat(300)}"\n`)).toBeUndefined();
    // A word that ends in a prefix letter is not a prefix: `if"f"` is `if "f"`.
    expect(nestingViolation(`if"f":\n    x = "${'('.repeat(300)}"\n`)).toBeUndefined();
  });

  it('does not count lines inside brackets or after a backslash as indentation', () => {
    const stair = Array.from({ length: 300 }, (_, i) => `${' '.repeat(i + 1)}${i},`).join('\n');
    expect(nestingViolation(`x = (\n${stair}\n)\n`)).toBeUndefined();
    expect(nestingViolation(Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}x`).join(' \\\n'))).toBeUndefined();
  });

  it('counts the brackets of f-string replacement fields', () => {
    expect(nestingViolation(`x = f"{${'('.repeat(201)}1${')'.repeat(201)}}"\n`)?.message).toMatch(/^too many nested parentheses/);
  });

  it('makes parsePython refuse the file of tree-sitter-python issue 350 instead of trapping', () => {
    const text = nestedBlocks(600, "'a'");
    expect(() => parsePython(text)).toThrow(UnparsablePythonError);
    const tree = parsePython('x = 1\n');
    expect(tree.rootNode.hasError).toBe(false);
    tree.delete();
  });
});
