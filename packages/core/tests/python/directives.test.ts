import { beforeAll, describe, expect, it } from 'vitest';
import { disableFileEdit, disableLineEdit, findDirectiveComments, initParser, parsePython, type TextEdit } from '../../src/index.js';

beforeAll(() => initParser());

const RULE = '@flyte-secrets/no-undeclared-secret';

function apply(text: string, edit: TextEdit | undefined): string {
  expect(edit).toBeDefined();
  return text.slice(0, edit!.span.start) + edit!.text + text.slice(edit!.span.end);
}

function lineEdit(text: string, marker: string): string {
  const tree = parsePython(text);
  try {
    const result = apply(text, disableLineEdit(tree, text, text.indexOf(marker), RULE));
    const reparsed = parsePython(result);
    expect(reparsed.rootNode.hasError).toBe(false);
    reparsed.delete();
    return result;
  } finally {
    tree.delete();
  }
}

describe('findDirectiveComments', () => {
  it('finds directive comments and skips look-alikes inside strings', () => {
    const text = 'x = "# eslint-disable"  # eslint-disable-line a\n# eslint-disable-next-line b -- why\n# not eslint\ny = 1\n';
    const tree = parsePython(text);
    const comments = findDirectiveComments(tree, text);
    tree.delete();
    expect(comments.map((c) => c.value)).toEqual([' eslint-disable-line a', ' eslint-disable-next-line b -- why']);
    expect(text.slice(comments[0]!.span.start, comments[0]!.span.end)).toBe('# eslint-disable-line a');
  });
});

describe('disableLineEdit', () => {
  it('puts a comment line above with the line indentation', () => {
    const text = 'def f():\n    if x:\n        read()\n';
    expect(lineEdit(text, 'read()')).toBe(`def f():\n    if x:\n        # eslint-disable-next-line ${RULE}\n        read()\n`);
  });

  it('keeps CRLF line endings', () => {
    const text = 'def f():\r\n    read()\r\n';
    expect(lineEdit(text, 'read()')).toBe(`def f():\r\n    # eslint-disable-next-line ${RULE}\r\n    read()\r\n`);
  });

  it('adds the rule to an existing disable-next-line comment, before its justification', () => {
    const text = 'def f():\n    # eslint-disable-next-line other/rule -- reviewed\n    read()\n';
    expect(lineEdit(text, 'read()')).toBe(`def f():\n    # eslint-disable-next-line other/rule, ${RULE} -- reviewed\n    read()\n`);
  });

  it('uses an end-of-line comment when the line continues a multi-line string', () => {
    const text = 'def f():\n    x = """a\n""" + read()\n';
    expect(lineEdit(text, 'read()')).toBe(`def f():\n    x = """a\n""" + read()  # eslint-disable-line ${RULE}\n`);
  });

  it('uses an end-of-line comment after a backslash continuation', () => {
    const text = 'def f():\n    x = 1 + \\\n        read()\n';
    expect(lineEdit(text, 'read()')).toBe(`def f():\n    x = 1 + \\\n        read()  # eslint-disable-line ${RULE}\n`);
  });

  it('offers nothing when neither form fits', () => {
    const text = 'def f():\n    x = """a\n""" + read()  # note\n';
    const tree = parsePython(text);
    expect(disableLineEdit(tree, text, text.indexOf('read()'), RULE)).toBeUndefined();
    tree.delete();
  });

  it('works on the first line of a file', () => {
    expect(lineEdit('read()\n', 'read()')).toBe(`# eslint-disable-next-line ${RULE}\nread()\n`);
  });
});

describe('disableFileEdit', () => {
  it('inserts at the top of a file', () => {
    expect(apply('import os\n', disableFileEdit('import os\n', RULE))).toBe(`# eslint-disable ${RULE}\nimport os\n`);
  });

  it('keeps a shebang and an encoding declaration first', () => {
    const text = '#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n"""Doc."""\n';
    expect(apply(text, disableFileEdit(text, RULE))).toBe(`#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n# eslint-disable ${RULE}\n"""Doc."""\n`);
  });

  it('adds the rule to an existing file-level disable comment', () => {
    const text = '# Copyright\n# eslint-disable a/b\nimport os\n';
    expect(apply(text, disableFileEdit(text, RULE))).toBe(`# Copyright\n# eslint-disable a/b, ${RULE}\nimport os\n`);
  });

  it('handles an empty file and a file without a final newline', () => {
    expect(apply('', disableFileEdit('', RULE))).toBe(`# eslint-disable ${RULE}\n`);
    expect(apply('#!/usr/bin/env python', disableFileEdit('#!/usr/bin/env python', RULE))).toBe(`#!/usr/bin/env python\n# eslint-disable ${RULE}\n`);
  });
});
