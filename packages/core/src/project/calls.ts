// The calls a function makes into the repository: local functions and classes, names imported
// from the project's modules (`warehouse_engine()`, `clients.engine()`, `Client().put()`,
// `c = Client(); c.put()`, `self.put()`), each with its arguments as name parts. Found by a regex
// over the function's text for the names that can start such a call, checked against the tree.
import type { SyntaxNode } from '../python/parser.js';
import { calledAs, callArguments, identifierAt, namesVariable, textOf, unparenthesize } from '../python/syntax.js';
import type { ModuleScope } from '../model/module-scope.js';
import { matchesIn } from '../text/matches.js';
import type { CallTarget, UnitCall, UnitPart } from './types.js';

export interface FoundCall extends UnitCall {
  node: SyntaxNode;
}

/** The module-level names of a module that calls can start from, and what each means. */
export class CallNames {
  readonly #local = new Map<string, string>();
  readonly #imported = new Map<string, { file: string; name?: string }>();

  constructor(
    readonly scope: ModuleScope,
    /** Top-level function and class names that are units (tasks are not: calling one runs another pod). */
    localUnits: Iterable<string>,
    resolve: (fromFile: string, module: string) => string | undefined,
  ) {
    for (const name of localUnits) this.#local.set(name, name);
    const from = scope.filePath;
    if (!from) return;
    for (const [local, binding] of scope.bindings) {
      if (this.#local.has(local) || scope.assignments.has(local)) continue;
      if (!binding.name) {
        const file = resolve(from, binding.module);
        if (file) this.#imported.set(local, { file });
        continue;
      }
      const submodule = `${binding.module}${binding.module.endsWith('.') ? '' : '.'}${binding.name}`;
      const asModule = resolve(from, submodule);
      if (asModule) {
        this.#imported.set(local, { file: asModule });
        continue;
      }
      const file = resolve(from, binding.module);
      if (file) this.#imported.set(local, { file, name: binding.name });
    }
  }

  get names(): string[] {
    return [...this.#local.keys(), ...this.#imported.keys()];
  }

  /** What `name.attr1.attr2` means, as a call target. */
  target(name: string, attributes: string[]): CallTarget | undefined {
    const own = this.#local.get(name);
    if (own !== undefined) return { file: this.scope.filePath ?? '', name: [own, ...attributes].join('.') };
    const imported = this.#imported.get(name);
    if (!imported) return undefined;
    if (imported.name) return { file: imported.file, name: [imported.name, ...attributes].join('.') };
    // `import acme.clients as c; c.engine()` or `import acme; acme.clients.engine()`: the deepest module that exists.
    return attributes.length ? { file: imported.file, name: attributes.join('.') } : undefined;
  }
}

/** `a.b.c` → ['a', 'b', 'c'] when the expression is a plain name chain. */
export function nameChain(node: SyntaxNode, text: string): string[] | undefined {
  const target = unparenthesize(node);
  if (target.type === 'identifier') return [textOf(target, text)];
  if (target.type !== 'attribute') return undefined;
  const base = nameChain(target.childForFieldName('object')!, text);
  return base && [...base, textOf(target.childForFieldName('attribute')!, text)];
}

/** Finds the repository calls in one function (a unit, or a task of the linted module). */
export function findCalls(
  names: CallNames,
  fn: SyntaxNode,
  params: string[],
  /** The class when `fn` is one of its methods: `self.m()` calls `Class.m`. */
  className?: string,
): FoundCall[] {
  const { scope } = names;
  const { root, text } = scope;
  const body = fn.childForFieldName('body');
  if (!body) return [];
  const instances = instanceVariables(names, body, text);
  const starts = [...names.names, ...instances.keys(), ...(className ? ['self', 'super'] : [])];
  if (!starts.length) return [];
  const paramSet = new Set(params);
  const part = (node: SyntaxNode): UnitPart => {
    const value = scope.resolveString(node);
    if (value.known) return value.value;
    const target = unparenthesize(node);
    if (target.type === 'identifier' && paramSet.has(textOf(target, text))) return { param: textOf(target, text) };
    return target.type === 'none' ? null : undefined;
  };
  const found: FoundCall[] = [];
  const seen = new Set<string>();
  const key = (node: SyntaxNode) => `${node.startIndex}:${node.endIndex}`;
  const pattern = new RegExp(`\\b(?:${starts.map(escape).join('|')})\\b`, 'g');
  for (const match of matchesIn(pattern, text, [{ start: body.startIndex, end: body.endIndex }])) {
    const identifier = identifierAt(root, match.index, match.index + match[0].length);
    if (!identifier || !namesVariable(identifier)) continue;
    // Climb `a.b.c` to the longest chain that is called.
    let callee: SyntaxNode = identifier;
    let call = calledAs(callee);
    for (let up = identifier.parent; !call && up?.type === 'attribute' && up.childForFieldName('object')?.equals(callee); up = up.parent) {
      callee = up;
      call = calledAs(callee);
    }
    if (!call || seen.has(key(call))) continue;
    if (className && textOf(identifier, text) === 'super' && callee.equals(identifier)) {
      // `super().__init__(...)`, `super().m(...)`: the method of a base class.
      const method = call.parent?.type === 'attribute' ? calledAs(call.parent) : undefined;
      if (!method || seen.has(key(method))) continue;
      seen.add(key(method));
      const attribute = textOf(call.parent!.childForFieldName('attribute')!, text);
      found.push(describe(method, { file: scope.filePath ?? '', name: `${className}.${attribute}`, fromBases: true }, `super().${attribute}`, part, text));
      continue;
    }
    const chain = nameChain(callee, text);
    if (!chain) continue;
    const [head, ...rest] = chain;
    let target: CallTarget | undefined;
    if (head === 'self' && className) target = rest.length === 1 ? { file: scope.filePath ?? '', name: `${className}.${rest[0]}` } : undefined;
    else if (instances.has(head!) && rest.length === 1) target = { ...instances.get(head!)!, name: `${instances.get(head!)!.name}.${rest[0]}` };
    else target = names.target(head!, rest);
    if (!target) continue;
    seen.add(key(call));
    found.push(describe(call, target, textOf(callee, text), part, text));
    // `Client(...).put(...)`: the method runs too.
    const method = call.parent?.type === 'attribute' ? calledAs(call.parent) : undefined;
    if (method && 'file' in target && !seen.has(key(method))) {
      seen.add(key(method));
      const attribute = textOf(call.parent!.childForFieldName('attribute')!, text);
      found.push(describe(method, { file: target.file, name: `${target.name}.${attribute}` }, `${textOf(callee, text)}().${attribute}`, part, text));
    }
  }
  return found.sort((a, b) => a.node.startIndex - b.node.startIndex);
}

function describe(call: SyntaxNode, target: CallTarget, callee: string, part: (node: SyntaxNode) => UnitPart, text: string): FoundCall {
  const args = callArguments(call, text);
  const keywords: Record<string, UnitPart> = {};
  for (const [name, { value }] of args.keywords) keywords[name] = part(value);
  return { node: call, target, callee, args: args.positional.map(part), keywords, splat: args.hasSplat };
}

/** `client = Client(...)` inside a function: `client.put()` then calls `Client.put`. */
function instanceVariables(names: CallNames, body: SyntaxNode, text: string): Map<string, { file: string; name: string }> {
  const instances = new Map<string, { file: string; name: string }>();
  const pattern = /^[ \t]*(\w+)[ \t]*=[ \t]*([\w.]+)\(/gm;
  for (const match of matchesIn(pattern, text, [{ start: body.startIndex, end: body.endIndex }])) {
    const [head, ...rest] = match[2]!.split('.');
    const target = names.target(head!, rest);
    if (target && 'file' in target) instances.set(match[1]!, target);
  }
  return instances;
}

const escape = (name: string) => name.replace(/[^\w]/g, '\\$&');
