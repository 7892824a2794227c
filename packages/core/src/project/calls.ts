// The calls a function makes into the repository: local functions and classes, names imported
// from the project's modules (`warehouse_engine()`, `clients.engine()`, `Client().put()`,
// `c = Client(); c.put()`, `self.put()`), each with its arguments as name parts. Found by a regex
// over the function's text for the names that can start such a call, checked against the tree.
import type { SyntaxNode } from '../python/parser.js';
import { calledAs, callArguments, identifierAt, namesVariable, textOf, unparenthesize } from '../python/syntax.js';
import { bindingOf, localValue } from '../model/local-names.js';
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
  readonly #aliases = new Map<string, Alias>();

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

  /** A module-level value of this module that calls can start from (`client = Client()`). */
  addLocal(name: string): void {
    this.#local.set(name, name);
    this.#imported.delete(name);
  }

  /** A module-level name that holds a repository function (`get_db = partial(secret, "db")`, `reader = secret`). */
  addAlias(name: string, alias: Alias): void {
    this.#aliases.set(name, alias);
  }

  alias(name: string): Alias | undefined {
    return this.#aliases.get(name);
  }

  #instanceData: Set<string> | undefined;

  /** Attributes this module assigns on `self` (`self.token = ...`): plain data, not properties. */
  get instanceData(): Set<string> {
    this.#instanceData ??= new Set([...this.scope.text.matchAll(/\bself\.(\w+)[ \t]*(?::[^=\n]*)?=(?!=)/g)].map((m) => m[1]!));
    return this.#instanceData;
  }

  get names(): string[] {
    return [...this.#local.keys(), ...this.#imported.keys(), ...this.#aliases.keys()];
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

/** A name that holds a repository function, with the arguments it binds first (`partial(secret, "db")`). */
export interface Alias {
  target: { file: string; name: string };
  args: UnitPart[];
  keywords: Record<string, UnitPart>;
}

/**
 * Finds the repository calls in one function (a unit, or a task of the linted module), or in the
 * expression of a module-level value; and the uses that are not calls but run or need repository
 * code: a module-level value (`TOKEN`, `settings.password`), a function handed to other code
 * (`retry(fetch_token)`).
 */
export function findCalls(
  names: CallNames,
  fn: SyntaxNode,
  params: string[],
  /** The class when `fn` is one of its methods: `self.m()` calls `Class.m`. */
  className?: string,
): FoundCall[] {
  const { scope } = names;
  const { root, text } = scope;
  const isFunction = fn.type === 'function_definition';
  const body = isFunction ? fn.childForFieldName('body') : fn;
  if (!body) return [];
  const paramSet = new Set(params);
  const part = (node: SyntaxNode): UnitPart => {
    const value = scope.resolveString(node);
    if (value.known) return value.value;
    const target = unparenthesize(node);
    if (target.type === 'identifier' && paramSet.has(textOf(target, text))) return { param: textOf(target, text) };
    return target.type === 'none' ? null : undefined;
  };
  const { instances, aliases } = localVariables(names, body, part);
  const starts = [...names.names, ...instances.keys(), ...aliases.keys(), ...(className ? ['self', 'super'] : [])];
  if (!starts.length) return [];
  const found: FoundCall[] = [];
  const seen = new Set<string>();
  const localNames = new Map<string, boolean>();
  const isLocal = (name: string) => {
    if (!isFunction) return false;
    if (!localNames.has(name)) localNames.set(name, paramSet.has(name) || localValue(root, text, fn, name) !== undefined);
    return localNames.get(name)!;
  };
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
    const name = textOf(identifier, text);
    // `self.token`, `client.token`, `self.token.upper()`: the attribute may be a property.
    const attribute = identifier.parent?.type === 'attribute' && !identifier.parent.equals(callee) ? identifier.parent : call ? undefined : callee;
    const owner = attribute && attribute.type === 'attribute' ? (name === 'self' && className ? { file: scope.filePath ?? '', name: className, self: true } : instances.get(name)) : undefined;
    if (owner && !seen.has(key(attribute!)) && !names.instanceData.has(textOf(attribute!.childForFieldName('attribute')!, text))) {
      seen.add(key(attribute!));
      found.push({ node: attribute!, target: { ...owner, name: `${owner.name}.${textOf(attribute!.childForFieldName('attribute')!, text)}` }, reference: 'value', callee: textOf(attribute!, text), args: [], keywords: {}, splat: false });
    }
    // `SOURCES[name]()` with a module-level dict of functions: which one runs is not known, so the
    // caller cannot claim what it reads or does not read.
    const dispatch = identifier.parent?.type === 'subscript' && identifier.parent.childForFieldName('value')?.equals(identifier) ? calledAs(identifier.parent) : undefined;
    if (dispatch && !seen.has(key(dispatch)) && names.target(name, []) && !isLocal(name)) {
      seen.add(key(dispatch));
      found.push({ node: dispatch, target: { unresolved: `${name}[...]` }, callee: `${name}[...]`, args: [], keywords: {}, splat: true });
      continue;
    }
    if (!call) {
      const reference = referenceOf(names, identifier, callee, text);
      if (reference && !seen.has(key(callee)) && !instances.has(name) && !aliases.has(name) && !isLocal(name)) {
        seen.add(key(callee));
        found.push({ node: callee, ...reference, callee: textOf(callee, text), args: [], keywords: {}, splat: false });
      }
      continue;
    }
    if (seen.has(key(call))) continue;
    if (className && name === 'super' && callee.equals(identifier)) {
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
    const alias = rest.length ? undefined : (aliases.get(head!) ?? (isLocal(head!) ? undefined : names.alias(head!)));
    let target: CallTarget | undefined;
    if (alias) target = alias.target;
    else if (head === 'self' && className) target = rest.length === 1 ? { file: scope.filePath ?? '', name: `${className}.${rest[0]}`, self: true } : undefined;
    else if (instances.has(head!) && rest.length === 1) target = { ...instances.get(head!)!, name: `${instances.get(head!)!.name}.${rest[0]}` };
    else target = names.target(head!, rest);
    if (!target) continue;
    seen.add(key(call));
    const described = describe(call, target, textOf(callee, text), part, text);
    if (alias) found.push({ ...described, args: [...alias.args, ...described.args], keywords: { ...alias.keywords, ...described.keywords } });
    else found.push(described);
    // `Client(...).put(...)`: the method runs too; `Client(...).token`: a property may.
    const method = call.parent?.type === 'attribute' ? calledAs(call.parent) : undefined;
    if (call.parent?.type === 'attribute' && 'file' in target && !seen.has(key(method ?? call.parent))) {
      const member = textOf(call.parent.childForFieldName('attribute')!, text);
      const methodTarget = { file: target.file, name: `${target.name}.${member}` };
      seen.add(key(method ?? call.parent));
      if (method) found.push(describe(method, methodTarget, `${textOf(callee, text)}().${member}`, part, text));
      else found.push({ node: call.parent, target: methodTarget, reference: 'value', callee: `${textOf(callee, text)}().${member}`, args: [], keywords: {}, splat: false });
    }
  }
  return found.sort((a, b) => a.node.startIndex - b.node.startIndex);
}

/**
 * A use of a module-level name that is not a call: a value the module computed at import, or a
 * function handed to other code as an argument (a callback: it will be called, with arguments we
 * cannot see). Not the target of an assignment.
 */
function referenceOf(names: CallNames, identifier: SyntaxNode, chainNode: SyntaxNode, text: string): Pick<UnitCall, 'target' | 'reference'> | undefined {
  if (bindingOf(identifier) || (chainNode !== identifier && bindingOf(chainNode))) return undefined;
  const chain = nameChain(chainNode, text);
  const target = chain && names.target(chain[0]!, chain.slice(1));
  if (!target) return undefined;
  const parent = chainNode.parent;
  const argument = parent?.type === 'argument_list' || (parent?.type === 'keyword_argument' && parent.childForFieldName('value')?.equals(chainNode));
  // `partial(secret, "db")` names the function (an alias), it does not hand it over.
  if (parent?.type === 'argument_list' && names.scope.qualifiedName(parent.parent!.childForFieldName('function')!) === 'functools.partial') return undefined;
  return { target, reference: argument ? 'callback' : 'value' };
}

function describe(call: SyntaxNode, target: CallTarget, callee: string, part: (node: SyntaxNode) => UnitPart, text: string): FoundCall {
  const args = callArguments(call, text);
  const keywords: Record<string, UnitPart> = {};
  for (const [name, { value }] of args.keywords) keywords[name] = part(value);
  return { node: call, target, callee, args: args.positional.map(part), keywords, splat: args.hasSplat };
}

/**
 * Names a function (or a value's expression) binds to repository code: `client = Client(...)`
 * (then `client.put()` calls `Client.put`), and aliases of repository functions.
 */
function localVariables(names: CallNames, body: SyntaxNode, part: (node: SyntaxNode) => UnitPart): { instances: Map<string, { file: string; name: string }>; aliases: Map<string, Alias> } {
  const { root, text } = names.scope;
  const instances = new Map<string, { file: string; name: string }>();
  const aliases = new Map<string, Alias>();
  const pattern = /^[ \t]*(\w+)[ \t]*=[ \t]*([\w.]+)[ \t]*(\(|$)/gm;
  // From the start of the body's first line: `^` must see its first statement too.
  const start = text.lastIndexOf('\n', body.startIndex - 1) + 1;
  for (const match of matchesIn(pattern, text, [{ start, end: body.endIndex }])) {
    if (match[3] === '(' && match[2] !== 'partial' && match[2] !== 'functools.partial') {
      const [head, ...rest] = match[2]!.split('.');
      const target = names.target(head!, rest);
      if (target && 'file' in target) instances.set(match[1]!, target);
      continue;
    }
    const start = match.index + match[0].indexOf(match[2]!);
    const value = root.descendantForIndex(start, start + match[2]!.length);
    const statement = value && enclosingAssignment(value);
    const alias = statement && aliasOf(names, statement.childForFieldName('right')!, part);
    if (alias) aliases.set(match[1]!, alias);
  }
  return { instances, aliases };
}

function enclosingAssignment(node: SyntaxNode): SyntaxNode | undefined {
  for (let current: SyntaxNode | null = node; current; current = current.parent) {
    if (current.type === 'assignment') return current.childForFieldName('right') ? current : undefined;
    if (current.type === 'expression_statement' || current.type === 'block') return undefined;
  }
  return undefined;
}

/** `secret_for` or `functools.partial(secret, "db", key=...)` as a name for a repository function, with the arguments it binds. */
export function aliasOf(names: CallNames, value: SyntaxNode, part: (node: SyntaxNode) => UnitPart): Alias | undefined {
  const { scope } = names;
  const node = unparenthesize(value);
  let fn = node;
  let bound: ReturnType<typeof callArguments> | undefined;
  if (node.type === 'call') {
    if (scope.qualifiedName(node.childForFieldName('function')!) !== 'functools.partial') return undefined;
    bound = callArguments(node, scope.text);
    if (bound.hasSplat || !bound.positional.length) return undefined;
    fn = bound.positional[0]!;
  }
  const chain = nameChain(fn, scope.text);
  const target = chain && names.target(chain[0]!, chain.slice(1));
  if (!target || !('file' in target)) return undefined;
  const keywords: Record<string, UnitPart> = {};
  for (const [name, { value: kw }] of bound?.keywords ?? []) keywords[name] = part(kw);
  return { target, args: (bound?.positional.slice(1) ?? []).map(part), keywords };
}

const escape = (name: string) => name.replace(/[^\w]/g, '\\$&');
