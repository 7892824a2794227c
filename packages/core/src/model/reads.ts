// Finds every secret read of a module. Rather than walking every node (costly across the wasm
// boundary), it starts from the places a read must go through: each `current_context` in the text,
// then the names that alias the context or its secrets manager, and follows each use upwards.
import type { SyntaxNode } from '../python/parser.js';
import { callArguments, calledAs, enclosingFunction, identifierAt, spanOf, textOf } from '../python/syntax.js';
import { within } from '../text/matches.js';
import { identifierUses } from './local-names.js';
import type { ModuleScope } from './module-scope.js';
import { NONEXISTENT_ACCESSORS, SECRETS_MANAGER_METHODS, SYMBOLS } from './symbols.js';
import type { ArgValue, KeywordArg, ReadKind, SecretRead, Span } from './types.js';

type Kind = 'context' | 'secrets';

export interface ReadExtraction {
  reads: SecretRead[];
  /** Why a function (by index) hands the context or the secrets manager to code we cannot see. */
  opaque: Map<number, string>;
}

/** Syntactic places where a value leaves the code we analyse. */
const ESCAPING_PARENTS = new Set([
  'argument_list', 'keyword_argument', 'return_statement', 'list', 'tuple', 'set', 'dictionary', 'pair',
  'yield', 'lambda', 'list_splat', 'dictionary_splat', 'conditional_expression', 'boolean_operator',
]);

/**
 * With `ranges` (the functions an edit touched, in an editor's incremental analysis), only the reads
 * and escapes inside them: each starts from a `current_context` there or from a module-level alias.
 */
export function extractReads(scope: ModuleScope, functionAt: (offset: number) => number | undefined, ranges?: readonly Span[]): ReadExtraction {
  const { root, text } = scope;
  const reads: SecretRead[] = [];
  const seenReads = new Set<number>();
  const opaque = new Map<number, string>();
  const aliases = new Map<string, Kind>();
  /** Uses of aliases still to follow: a worklist, so that a long chain `b = a; c = b; ...` cannot overflow the stack. */
  const pending: [SyntaxNode, Kind][] = [];

  const escape = (node: SyntaxNode, reason: string): void => {
    const index = functionAt(node.startIndex);
    if (index !== undefined && !opaque.has(index)) opaque.set(index, reason);
  };

  const aliasKind = (identifier: SyntaxNode): Kind | undefined => {
    const name = textOf(identifier, text);
    for (let fn = enclosingFunction(identifier); ; fn = enclosingFunction(fn)) {
      const kind = aliases.get(`${fn?.startIndex ?? -1}:${name}`);
      if (kind || !fn) return kind;
    }
  };

  const kindOf = (node: SyntaxNode): Kind | undefined => {
    if (node.type === 'call') {
      const callee = node.childForFieldName('function');
      return callee && scope.symbolOf(callee) === SYMBOLS.currentContext ? 'context' : undefined;
    }
    if (node.type === 'identifier') return aliasKind(node);
    if (node.type === 'attribute') {
      const object = node.childForFieldName('object');
      const attribute = node.childForFieldName('attribute');
      if (object && attribute && textOf(attribute, text) === 'secrets' && kindOf(object) === 'context') return 'secrets';
    }
    return undefined;
  };

  const addRead = (read: SecretRead): void => {
    if (seenReads.has(read.span.start)) return;
    seenReads.add(read.span.start);
    reads.push(read);
  };

  const callRead = (call: SyntaxNode, accessor: SyntaxNode, kind: ReadKind, method: string, receiverKind: Kind): void => {
    const params = SECRETS_MANAGER_METHODS[method] ?? NONEXISTENT_ACCESSORS[method]!;
    const args = callArguments(call, text);
    const given = new Map<string, SyntaxNode>();
    const unknownKeywords: KeywordArg[] = [];
    let opaqueArgs = args.hasSplat || args.positional.length > params.length;
    args.positional.forEach((node, i) => params[i] && given.set(params[i]!, node));
    for (const [name, { name: nameNode, value }] of args.keywords) {
      if (params.includes(name)) given.set(name, value);
      else {
        unknownKeywords.push({ name, span: { start: nameNode.startIndex, end: value.endIndex }, value: scope.argValue(value) });
        opaqueArgs = true;
      }
    }
    const arg = (name: string): ArgValue | undefined => {
      const node = given.get(name);
      return node && node.type !== 'none' ? scope.argValue(node) : undefined;
    };
    const receiver = accessor.childForFieldName('object')!;
    const methodNode = accessor.childForFieldName('attribute')!;
    const argumentList = call.childForFieldName('arguments');
    addRead({
      kind,
      span: spanOf(call),
      group: arg('group'),
      key: arg('key'),
      groupVersion: arg('group_version'),
      single: args.positional.length === 1 && !given.has('key') && !given.has('group_version') && !args.keywords.has('group'),
      opaqueArgs,
      otherArgs: unknownKeywords.length > 0 || given.has('encode_mode') || args.positional.length > 3,
      keywordStyle: args.keywords.has('group') || args.keywords.has('key'),
      unknownKeywords,
      method: { name: method, span: spanOf(methodNode) },
      receiver: { text: textOf(receiver, text), span: spanOf(receiver), isContext: receiverKind === 'context' },
      argsSpan: argumentList ? spanOf(argumentList) : undefined,
      functionIndex: functionAt(call.startIndex),
    });
  };

  const nameValue = (node: SyntaxNode): ArgValue => ({ span: spanOf(node), text: textOf(node, text), value: { known: true, value: textOf(node, text) } });

  /** Follows one use of a context or secrets-manager expression to what it does there. */
  const use = (node: SyntaxNode, kind: Kind): void => {
    let child = node;
    let parent = node.parent;
    while (parent?.type === 'parenthesized_expression') {
      child = parent;
      parent = parent.parent;
    }
    if (!parent) return;
    if (parent.type === 'attribute') {
      if (!parent.childForFieldName('object')?.equals(child)) return;
      const attribute = parent.childForFieldName('attribute')!;
      const name = textOf(attribute, text);
      const call = calledAs(parent);
      if (name in NONEXISTENT_ACCESSORS) {
        if (call) callRead(call, parent, 'get-secret', name, kind);
        return;
      }
      if (kind === 'context') {
        if (name === 'secrets') use(parent, 'secrets');
        return;
      }
      if (name in SECRETS_MANAGER_METHODS) {
        if (call) {
          const readKind: ReadKind = name === 'get' ? 'get' : name === 'get_secrets_env_var' ? 'env-var-name' : 'file-path';
          callRead(call, parent, readKind, name, kind);
        } else escape(parent, `passes \`${textOf(parent, text)}\` around`);
        return;
      }
      if (name.startsWith('_')) return;
      const outer = parent.parent;
      if (outer?.type === 'attribute' && outer.childForFieldName('object')?.equals(parent)) {
        addRead({
          kind: 'attribute',
          span: spanOf(outer),
          group: nameValue(attribute),
          key: nameValue(outer.childForFieldName('attribute')!),
          single: false,
          opaqueArgs: false,
          otherArgs: false,
          keywordStyle: false,
          unknownKeywords: [],
          receiver: { text: textOf(child, text), span: spanOf(child), isContext: false },
          functionIndex: functionAt(outer.startIndex),
        });
      } else {
        escape(parent, `passes the secret group \`${textOf(parent, text)}\` around`);
      }
      return;
    }
    if (parent.type === 'assignment' && parent.childForFieldName('right')?.equals(child)) {
      const left = parent.childForFieldName('left');
      if (left?.type === 'identifier') defineAlias(left, kind);
      else escape(parent, `stores the ${kind === 'context' ? 'Flyte context' : 'secrets manager'} in \`${left ? textOf(left, text) : '?'}\``);
      return;
    }
    if (ESCAPING_PARENTS.has(parent.type)) {
      escape(parent, `hands the ${kind === 'context' ? 'Flyte context' : 'secrets manager'} to other code`);
    }
  };

  const defineAlias = (target: SyntaxNode, kind: Kind): void => {
    const fn = enclosingFunction(target);
    const name = textOf(target, text);
    const key = `${fn?.startIndex ?? -1}:${name}`;
    if (aliases.get(key) === kind) return;
    aliases.set(key, kind);
    const from = fn ? fn.startIndex : root.startIndex;
    const to = fn ? fn.endIndex : root.endIndex;
    const uses: [SyntaxNode, Kind][] = [];
    for (const identifier of identifierUses(root, text, name, from, to)) {
      if (identifier.startIndex === target.startIndex) continue;
      const parent = identifier.parent;
      if (parent?.type === 'assignment' && parent.childForFieldName('left')?.equals(identifier)) continue;
      if (kindOf(identifier) !== kind) continue; // shadowed in an inner function
      uses.push([identifier, kind]);
    }
    pending.push(...uses.reverse()); // depth-first, in source order, without deepening the stack
  };

  // `current_context`, plus any alias it was imported as (`from flytekit import current_context as cc`).
  const names = new Set(['current_context']);
  for (const [name, binding] of scope.bindings) if (binding.name === 'current_context') names.add(name);
  const anchor = new RegExp(`\\b(?:${[...names].join('|')})\\b`, 'g');
  for (let match = anchor.exec(text); match; match = anchor.exec(text)) {
    // An alias made inside one function is used in that function only.
    if (ranges && !within(ranges, match.index) && functionAt(match.index) !== undefined) continue;
    const identifier = identifierAt(root, match.index, match.index + match[0].length);
    if (!identifier) continue;
    const parent = identifier.parent;
    const callee = parent?.type === 'attribute' && parent.childForFieldName('attribute')?.equals(identifier) ? parent : identifier;
    const call = calledAs(callee);
    if (call && kindOf(call) === 'context') use(call, 'context');
    for (let next = pending.pop(); next; next = pending.pop()) use(...next);
  }

  reads.sort((a, b) => a.span.start - b.span.start);
  if (!ranges) return { reads, opaque };
  return { reads: reads.filter((read) => within(ranges, read.span.start)), opaque: new Map([...opaque].filter(([index]) => within(ranges, functionStart(index)))) };

  function functionStart(index: number): number {
    return scope.functions[index]!.node.startIndex;
  }
}
