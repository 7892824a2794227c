// Small, read-only questions about tree-sitter-python nodes that the model asks again and again.
import type { SyntaxNode } from './parser.js';
import type { Span } from '../model/types.js';

export function spanOf(node: SyntaxNode): Span {
  return { start: node.startIndex, end: node.endIndex };
}

export function textOf(node: SyntaxNode, text: string): string {
  return text.slice(node.startIndex, node.endIndex);
}

/** Strips redundant parentheses: `(x)` is `x`. */
export function unparenthesize(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.type === 'parenthesized_expression' && current.namedChildCount === 1) {
    current = current.namedChild(0)!;
  }
  return current;
}

export interface CallArguments {
  positional: SyntaxNode[];
  keywords: Map<string, { name: SyntaxNode; value: SyntaxNode }>;
  /** `*args` or `**kwargs` among the arguments. */
  hasSplat: boolean;
}

export function callArguments(call: SyntaxNode, text: string): CallArguments {
  const result: CallArguments = { positional: [], keywords: new Map(), hasSplat: false };
  const list = call.childForFieldName('arguments');
  if (!list || list.type !== 'argument_list') return result;
  for (const arg of list.namedChildren) {
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name');
      const value = arg.childForFieldName('value');
      if (name && value) result.keywords.set(textOf(name, text), { name, value });
    } else if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') {
      result.hasSplat = true;
    } else if (arg.type !== 'comment') {
      result.positional.push(arg);
    }
  }
  return result;
}

/** The argument a parameter receives: the one at `position`, or passed by one of its `keywords` (Python allows one of them). */
export function argumentOf(args: CallArguments, position: number | undefined, ...keywords: string[]): SyntaxNode | undefined {
  const positional = position === undefined ? undefined : args.positional[position];
  return positional ?? keywords.map((keyword) => args.keywords.get(keyword)?.value).find(Boolean);
}

/**
 * The identifier that is exactly `[start, end)`, e.g. a regex anchor's hit: the model finds names
 * in the text and asks the tree only there. Undefined in comments, strings and longer names.
 */
export function identifierAt(root: SyntaxNode, start: number, end: number): SyntaxNode | undefined {
  const node = root.descendantForIndex(start, end);
  return node?.type === 'identifier' && node.startIndex === start && node.endIndex === end ? node : undefined;
}

/** False for an identifier that names no variable: the attribute of `x.name`, the keyword of `f(name=...)`. */
export function namesVariable(identifier: SyntaxNode): boolean {
  const parent = identifier.parent;
  if (parent?.type === 'attribute') return parent.childForFieldName('object')?.equals(identifier) ?? false;
  if (parent?.type === 'keyword_argument') return !parent.childForFieldName('name')?.equals(identifier);
  return true;
}

/** The call whose callee is `callee` (`f` in `f(...)`, `x.get` in `x.get(...)`), if any. */
export function calledAs(callee: SyntaxNode): SyntaxNode | undefined {
  const parent = callee.parent;
  return parent?.type === 'call' && parent.childForFieldName('function')?.equals(callee) ? parent : undefined;
}

const FUNCTION_TYPES = new Set(['function_definition', 'lambda']);

/** The innermost function (or lambda) that contains a node. */
export function enclosingFunction(node: SyntaxNode): SyntaxNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (FUNCTION_TYPES.has(current.type)) return current;
  }
  return undefined;
}

/** Where the definition whose name starts at `offset` begins, its decorators included. */
export function definitionStart(root: SyntaxNode, offset: number): number {
  let node: SyntaxNode | null = root.descendantForIndex(offset);
  while (node && node.type !== 'function_definition' && node.type !== 'class_definition') node = node.parent;
  if (!node) return offset;
  return node.parent?.type === 'decorated_definition' ? node.parent.startIndex : node.startIndex;
}
