// The one module that knows which Python parser we use (web-tree-sitter + the tree-sitter-python
// grammar). Everything else sees `SyntaxNode`/`SyntaxTree` and the helpers exported here, so the
// parser can be swapped without touching the model.
import { fileURLToPath } from 'node:url';
import { Language, Parser, type Edit, type Node, type Point, type Tree } from 'web-tree-sitter';
import type { Span } from '../model/types.js';

export type SyntaxNode = Node;
export type SyntaxTree = Tree;
export type SyntaxEdit = Edit;
export type SyntaxPoint = Point;

export interface ParserInitOptions {
  /** Path of tree-sitter-python.wasm (bundlers copy it next to their output). */
  languageWasm?: string;
  /** Path of web-tree-sitter's own runtime wasm. */
  runtimeWasm?: string;
}

/** The grammar's wasm this package ships (wasm/: tree-sitter-python's, see its source.json). */
const LANGUAGE_WASM = fileURLToPath(new URL('../../wasm/tree-sitter-python.wasm', import.meta.url));

let parser: Parser | undefined;
let initializing: Promise<void> | undefined;

/** Loads the wasm runtime and grammar once per process. Must be awaited before `parsePython`. */
export function initParser(options: ParserInitOptions = {}): Promise<void> {
  initializing ??= (async () => {
    const runtimeWasm = options.runtimeWasm;
    await Parser.init(runtimeWasm ? { locateFile: () => runtimeWasm } : undefined);
    const language = await Language.load(options.languageWasm ?? LANGUAGE_WASM);
    const p = new Parser();
    p.setLanguage(language);
    parser = p;
  })();
  return initializing;
}

/**
 * Parses Python source. Pass `previous` (already `edit`ed) for an incremental reparse.
 * The caller owns the returned tree and must `delete()` it: wasm memory is not garbage-collected.
 */
export function parsePython(text: string, previous?: SyntaxTree): SyntaxTree {
  if (!parser) throw new Error('flyte-secrets: the Python parser is not initialised; await initParser() first');
  const tree = parser.parse(text, previous ?? null);
  if (!tree) throw new Error('flyte-secrets: the Python parser returned no tree');
  return tree;
}

const CLOSING: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
/** How far into an error node we look for a more precise message. */
const MAX_ERROR_NODES = 5000;

/**
 * The first syntax error of a tree, in source offsets, or undefined when the tree is clean.
 * Messages name grammar tokens only, never source text (which may hold a credential).
 */
export function firstSyntaxError(tree: SyntaxTree): { index: number; message: string } | undefined {
  const root = tree.rootNode;
  if (!root.hasError) return undefined;
  const cursor = root.walk();
  try {
    // Descend into the first child that contains an error until the error node itself.
    for (;;) {
      const node = cursor.currentNode;
      if (node.isMissing) return { index: node.startIndex, message: `expected '${node.type}'` };
      if (node.isError) return describeError(node);
      let descended = cursor.gotoFirstChild();
      while (descended && !(cursor.currentNode.hasError || cursor.currentNode.isMissing)) {
        descended = cursor.gotoNextSibling();
      }
      if (!descended) return { index: node.startIndex, message: 'invalid syntax' };
    }
  } finally {
    cursor.delete();
  }
}

/** Python-like wording for an ERROR node: an unclosed bracket or string, else the unexpected token. */
function describeError(error: SyntaxNode): { index: number; message: string } {
  const open: { type: string; index: number }[] = [];
  let unterminated: number | undefined;
  const cursor = error.walk();
  try {
    let visited = 0;
    let more = cursor.gotoFirstChild();
    while (more && visited++ < MAX_ERROR_NODES) {
      const type = cursor.nodeType;
      if (CLOSING[type]) open.push({ type, index: cursor.startIndex });
      else if (open.length && CLOSING[open[open.length - 1]!.type] === type) open.pop();
      else if (type === 'string_start') unterminated ??= cursor.startIndex;
      else if (type === 'string_end') unterminated = undefined;
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent() || cursor.currentNode.equals(error)) {
          more = false;
          break;
        }
      }
    }
  } finally {
    cursor.delete();
  }
  if (unterminated !== undefined) return { index: unterminated, message: 'unterminated string literal' };
  if (open.length) return { index: open[0]!.index, message: `'${open[0]!.type}' was never closed` };
  const first = error.firstChild;
  const token = first && !first.isNamed ? ` '${first.type}'` : '';
  return { index: error.startIndex, message: `invalid syntax${token ? `: unexpected${token}` : ''}` };
}

/** Where a text offset lies for tree-sitter: rows end at '\n' only, columns count UTF-16 units. */
function pointAt(text: string, offset: number): SyntaxPoint {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let row = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < lineStart; i = text.indexOf('\n', i + 1)) row++;
  return { row, column: offset - lineStart };
}

/**
 * Tells a tree about one text replacement (`oldText[start, oldEnd)` became
 * `newText[start, newEnd)`), so the next `parsePython(newText, tree)` reparses incrementally.
 */
export function editTree(tree: SyntaxTree, oldText: string, newText: string, start: number, oldEnd: number, newEnd: number): void {
  const startPosition = pointAt(oldText, start);
  tree.edit({
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition,
    oldEndPosition: pointAt(oldText, oldEnd),
    newEndPosition: pointAt(newText, newEnd),
  } as SyntaxEdit);
}

/**
 * The spans of the tree's ERROR and MISSING nodes. Only subtrees that contain an error are
 * visited, so a clean tree costs one call.
 */
export function syntaxErrorSpans(tree: SyntaxTree): Span[] {
  const spans: Span[] = [];
  const visit = (node: SyntaxNode): void => {
    if (node.isError || node.isMissing) {
      spans.push({ start: node.startIndex, end: Math.max(node.endIndex, node.startIndex + 1) });
      return;
    }
    for (const child of node.children) if (child.hasError || child.isMissing) visit(child);
  };
  if (tree.rootNode.hasError) visit(tree.rootNode);
  return spans;
}
