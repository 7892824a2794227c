// The one module that knows which Python parser we use (web-tree-sitter + the tree-sitter-python
// grammar). Everything else sees `SyntaxNode`/`SyntaxTree` and the helpers exported here, so the
// parser can be swapped without touching the model.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Language, Parser, type Edit, type Node, type Point, type Tree } from 'web-tree-sitter';
import type { Span } from '../model/types.js';
import { nestingViolation } from './nesting-limits.js';
import { ParserRecovery } from './parser-recovery.js';

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
let recovery: ParserRecovery | undefined;
let initializing: Promise<void> | undefined;

/** Loads the wasm runtime and grammar once per process. Must be awaited before `parsePython`. */
export function initParser(options: ParserInitOptions = {}): Promise<void> {
  initializing ??= (async () => {
    const require = createRequire(import.meta.url);
    const runtimeWasm = options.runtimeWasm ?? require.resolve('web-tree-sitter/web-tree-sitter.wasm');
    const restorable = new ParserRecovery(runtimeWasm, () => new UnparsablePythonError(TRAP_MESSAGE, 0));
    await Parser.init({ instantiateWasm: restorable.instantiateWasm });
    const language = await Language.load(options.languageWasm ?? LANGUAGE_WASM);
    const p = new Parser();
    p.setLanguage(language);
    restorable.snapshot();
    parser = p;
    recovery = restorable;
  })();
  return initializing;
}

/**
 * A file the parser will not read: CPython refuses it too (nesting limits), or the parser trapped
 * on it. The message names the reason, never source text.
 */
export class UnparsablePythonError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
    this.name = 'UnparsablePythonError';
  }
}

/**
 * Runs `work`, which parses and walks trees, as one unit for trap recovery: when the parser's wasm
 * traps anywhere inside (see parser-recovery.ts), the parser is restored once `work` has unwound and
 * an UnparsablePythonError is thrown, even if `work` caught the trap itself. Every tree made before
 * the restore is dead (`isTreeAlive`). Units may nest; the outermost one restores, and runs `work`
 * once more first (the trap may have come from a sibling module parsed on the way).
 */
export function withParserRecovery<T>(work: () => T): T {
  return recovery ? recovery.unit(work) : work();
}

/** False for a tree that a parser restore has invalidated: drop it without `delete()`. */
export function isTreeAlive(tree: SyntaxTree): boolean {
  return !recovery || recovery.isAlive(tree);
}

const TRAP_MESSAGE = 'the Python parser (tree-sitter-python) failed on this file; the file is skipped';

/**
 * Parses Python source. Pass `previous` (already `edit`ed) for an incremental reparse.
 * The caller owns the returned tree and must `delete()` it: wasm memory is not garbage-collected.
 * Throws UnparsablePythonError for a file beyond CPython's nesting limits or one the parser trapped on.
 */
export function parsePython(text: string, previous?: SyntaxTree): SyntaxTree {
  if (!parser) throw new Error('flyte-secrets: the Python parser is not initialised; await initParser() first');
  const violation = nestingViolation(text);
  if (violation) throw new UnparsablePythonError(violation.message, violation.index);
  const current = parser;
  const tree = withParserRecovery(() => current.parse(text, previous && isTreeAlive(previous) ? previous : null));
  if (!tree) throw new Error('flyte-secrets: the Python parser returned no tree');
  recovery?.track(tree);
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
  if (!isTreeAlive(tree)) return;
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
  // A stack, not recursion: a chain of 100,000 operators nests as deep.
  const pending: SyntaxNode[] = tree.rootNode.hasError ? [tree.rootNode] : [];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.isError || node.isMissing) {
      spans.push({ start: node.startIndex, end: Math.max(node.endIndex, node.startIndex + 1) });
      continue;
    }
    const children = node.children.filter((child) => child.hasError || child.isMissing);
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]!);
  }
  return spans;
}
