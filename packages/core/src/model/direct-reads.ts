// Reads of environment variables and files whose name resolves: `os.environ["_FSEC_DB_PASSWORD"]`,
// `os.getenv(NAME)`, `open("/etc/flyte/secrets/db/password").read()`, `Path(DIR, "db", "password").read_text()`.
// Found from text anchors (the words environ, getenv, open, read_text, read_bytes); which of them
// are secrets depends on the configured prefix and directory, so the rules decide.
import path from 'node:path';
import type { SyntaxNode } from '../python/parser.js';
import { argumentOf, callArguments, calledAs, enclosingFunction, identifierAt, spanOf, textOf, unparenthesize } from '../python/syntax.js';
import { localValue } from './local-names.js';
import type { ModuleScope } from './module-scope.js';
import type { ArgValue, DirectRead, Resolved, Span } from './types.js';
import { matchesIn, within } from '../text/matches.js';

const ANCHOR = /\b(?:environ|getenv|open|read_text|read_bytes)\b/g;
const PATH_CLASSES = new Set(['Path', 'PurePath', 'PosixPath', 'PurePosixPath']);
const UNKNOWN: Resolved = { known: false };
const MAX_DEPTH = 8;

/** With `ranges`, the reads inside them only (an editor's incremental analysis keeps the others). */
export function extractDirectReads(scope: ModuleScope, functionAt: (offset: number) => number | undefined, ranges?: readonly Span[]): DirectRead[] {
  const { root, text } = scope;
  const reads: DirectRead[] = [];
  const seen = new Set<number>();
  for (const match of matchesIn(ANCHOR, text, ranges ?? [{ start: 0, end: text.length }])) {
    const identifier = identifierAt(root, match.index, match.index + match[0].length);
    if (!identifier) continue;
    const read = directRead(scope, identifier);
    if (!read || !read.name.value.known || seen.has(read.span.start) || (ranges && !within(ranges, read.span.start))) continue;
    seen.add(read.span.start);
    reads.push({ ...read, functionIndex: functionAt(read.span.start) });
  }
  return reads.sort((a, b) => a.span.start - b.span.start);
}

/** `obj.method(...)` when `node` is `obj`: the call. */
function methodCall(node: SyntaxNode, text: string, ...methods: string[]): SyntaxNode | undefined {
  const parent = node.parent;
  if (parent?.type !== 'attribute' || !parent.childForFieldName('object')?.equals(node)) return undefined;
  return methods.includes(textOf(parent.childForFieldName('attribute')!, text)) ? calledAs(parent) : undefined;
}

/** `os.environ[...] = v`, `del os.environ[...]`: writes, not reads. */
function isWritten(node: SyntaxNode): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'delete_statement') return true;
  if (parent.type === 'assignment' || parent.type === 'augmented_assignment') return parent.childForFieldName('left')?.equals(node) ?? false;
  return parent.type === 'pattern_list' || parent.type === 'tuple_pattern';
}

function directRead(scope: ModuleScope, identifier: SyntaxNode): Omit<DirectRead, 'functionIndex'> | undefined {
  const { text } = scope;
  const word = textOf(identifier, text);
  const parent = identifier.parent;
  const named = parent?.type === 'attribute' && parent.childForFieldName('attribute')?.equals(identifier) ? parent : identifier;
  const qualified = scope.qualifiedName(named);
  const env = (span: SyntaxNode, accessor: string, name: SyntaxNode | undefined): Omit<DirectRead, 'functionIndex'> | undefined =>
    name && { kind: 'env', accessor, span: spanOf(span), name: resolvedArg(scope, name, resolveName), value: { span: spanOf(span), binary: false } };

  switch (word) {
    case 'environ': {
      if (qualified !== 'os.environ') return undefined;
      const outer = named.parent;
      if (outer?.type === 'subscript' && outer.childForFieldName('value')?.equals(named)) {
        return isWritten(outer) ? undefined : env(outer, 'os.environ[]', outer.childForFieldName('subscript') ?? undefined);
      }
      const call = methodCall(named, text, 'get');
      return call && env(call, 'os.environ.get', argumentOf(callArguments(call, text), 0, 'key'));
    }
    case 'getenv': {
      const call = qualified === 'os.getenv' ? calledAs(named) : undefined;
      return call && env(call, 'os.getenv', argumentOf(callArguments(call, text), 0, 'key'));
    }
    case 'open': {
      if (named === identifier) {
        const builtin = !qualified && !scope.assignments.has('open');
        const call = builtin ? calledAs(identifier) : undefined;
        return call && openRead(scope, call);
      }
      if (qualified === 'io.open') {
        const call = calledAs(named);
        return call && openRead(scope, call);
      }
      const call = calledAs(named);
      return call && fileRead(scope, call, 'Path.open', named.childForFieldName('object')!, argumentOf(callArguments(call, text), 0, 'mode'));
    }
    case 'read_text':
    case 'read_bytes': {
      const call = named !== identifier ? calledAs(named) : undefined;
      if (!call) return undefined;
      const file = named.childForFieldName('object')!;
      return { kind: 'file', accessor: `Path.${word}`, span: spanOf(call), name: resolvedArg(scope, file, resolvePath), value: { span: spanOf(call), binary: word === 'read_bytes' } };
    }
    default:
      return undefined;
  }
}

/** `open(file, mode)` and `io.open(...)`. */
function openRead(scope: ModuleScope, call: SyntaxNode): Omit<DirectRead, 'functionIndex'> | undefined {
  const args = callArguments(call, scope.text);
  return fileRead(scope, call, 'open', argumentOf(args, 0, 'file'), argumentOf(args, 1, 'mode'));
}

/** `open(path, mode)`: a read unless the mode writes; its value when `.read()` follows at once. */
function fileRead(scope: ModuleScope, call: SyntaxNode, accessor: string, file: SyntaxNode | undefined, modeNode: SyntaxNode | undefined): Omit<DirectRead, 'functionIndex'> | undefined {
  if (!file) return undefined;
  const mode = modeNode ? scope.resolveString(modeNode) : { known: true as const, value: 'r' };
  if (mode.known && /[wax+]/.test(mode.value)) return undefined;
  const read = methodCall(call, scope.text, 'read');
  const binary = mode.known && mode.value.includes('b');
  return {
    kind: 'file',
    accessor,
    span: spanOf(call),
    name: resolvedArg(scope, file, resolvePath),
    value: read && callArguments(read, scope.text).positional.length === 0 ? { span: spanOf(read), binary } : undefined,
  };
}

type Resolver = (scope: ModuleScope, node: SyntaxNode, depth: number) => Resolved;

function resolvedArg(scope: ModuleScope, node: SyntaxNode, resolve: Resolver): ArgValue {
  return { span: spanOf(node), text: textOf(node, scope.text), value: resolve(scope, node, 0) };
}

/** A local variable assigned once resolves to its value; a parameter or loop variable does not resolve. */
function throughLocal(scope: ModuleScope, node: SyntaxNode, depth: number, resolve: Resolver): Resolved | undefined {
  const target = unparenthesize(node);
  if (target.type !== 'identifier') return undefined;
  const fn = enclosingFunction(target);
  const value = fn ? localValue(scope.root, scope.text, fn, textOf(target, scope.text)) : undefined;
  if (value === null) return UNKNOWN;
  return value ? resolve(scope, value, depth + 1) : undefined;
}

/** An environment variable's name: a string expression, through local variables and module constants. */
function resolveName(scope: ModuleScope, node: SyntaxNode, depth: number): Resolved {
  if (depth > MAX_DEPTH) return UNKNOWN;
  return throughLocal(scope, node, depth, resolveName) ?? scope.resolveString(node);
}

/** A file path: strings, `Path(a, b)`, `Path(a) / b`, `os.path.join(a, b)`, `p.joinpath(b)`, locals and constants. */
function resolvePath(scope: ModuleScope, node: SyntaxNode, depth = 0): Resolved {
  if (depth > MAX_DEPTH) return UNKNOWN;
  const target = unparenthesize(node);
  const join = (parts: SyntaxNode[]): Resolved => {
    const values: string[] = [];
    for (const part of parts) {
      const value = resolvePath(scope, part, depth + 1);
      if (!value.known) return UNKNOWN;
      values.push(value.value);
    }
    return values.length ? { known: true, value: path.posix.join(...values) } : UNKNOWN;
  };
  switch (target.type) {
    case 'identifier': {
      const local = throughLocal(scope, target, depth, resolvePath);
      if (local) return local;
      const module = scope.singleAssignment(textOf(target, scope.text));
      return module && module.type !== 'identifier' ? resolvePath(scope, module, depth + 1) : scope.resolveString(target);
    }
    case 'binary_operator': {
      if (target.childForFieldName('operator')?.type !== '/') return scope.resolveString(target);
      return join([target.childForFieldName('left')!, target.childForFieldName('right')!]);
    }
    case 'call': {
      const callee = target.childForFieldName('function')!;
      const args = callArguments(target, scope.text);
      if (args.hasSplat || args.keywords.size) return UNKNOWN;
      const qualified = scope.qualifiedName(callee) ?? '';
      const [module, name] = [qualified.slice(0, qualified.lastIndexOf('.')), qualified.slice(qualified.lastIndexOf('.') + 1)];
      if ((module === 'pathlib' && PATH_CLASSES.has(name)) || qualified === 'os.path.join') return join(args.positional);
      if (callee.type === 'attribute' && textOf(callee.childForFieldName('attribute')!, scope.text) === 'joinpath') {
        return join([callee.childForFieldName('object')!, ...args.positional]);
      }
      return UNKNOWN;
    }
    default:
      return scope.resolveString(target);
  }
}
