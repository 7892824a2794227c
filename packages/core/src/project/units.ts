// Builds the unit summaries of one module (see types.ts): for every top-level function that is not
// a task, every class (its constructor) and every method, the reads it performs, the repository
// calls it makes, and where each read, each call's result and each parameter goes. Each unit is
// summarised on its own; project-calls.ts composes them across calls and modules.
import type { SyntaxNode } from '../python/parser.js';
import { spanOf, textOf, unparenthesize } from '../python/syntax.js';
import { parameterNames } from '../model/local-names.js';
import type { ModuleScope } from '../model/module-scope.js';
import { traceProbes, type Probe } from '../model/secret-flow.js';
import type { ModuleModel, SecretRead } from '../model/types.js';
import { lineLocator } from '../text/line-locator.js';
import { aliasOf, findCalls, nameChain, type Alias, type CallNames, type FoundCall } from './calls.js';
import type { BaseClass, Flow, UnitPart, UnitRead, UnitSummary } from './types.js';

interface UnitSource {
  summary: UnitSummary;
  node?: SyntaxNode;
  found: FoundCall[];
}

/** Top-level classes of a module, their base expressions and their methods (`def` nodes, decorated or not). */
export function topLevelClasses(root: SyntaxNode, text: string): { name: string; bases: SyntaxNode[]; methods: { name: string; node: SyntaxNode; isStatic: boolean; isProperty: boolean }[] }[] {
  const classes = [];
  for (const statement of root.namedChildren) {
    const definition = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (definition?.type !== 'class_definition') continue;
    const methods = [];
    for (const member of definition.childForFieldName('body')?.namedChildren ?? []) {
      const def = member.type === 'decorated_definition' ? member.childForFieldName('definition') : member;
      const name = def?.type === 'function_definition' ? def.childForFieldName('name') : null;
      const decorators = member.type === 'decorated_definition' ? member.namedChildren.filter((d) => d.type === 'decorator').map((d) => textOf(d, text)) : [];
      // A @staticmethod has no `self` to skip; a property runs when the attribute is read.
      const isStatic = decorators.some((d) => /^@\s*staticmethod\b/.test(d));
      const isProperty = decorators.some((d) => /^@\s*(?:functools\.)?(?:property|cached_property)\s*$/.test(d));
      if (def && name) methods.push({ name: textOf(name, text), node: def, isStatic, isProperty });
    }
    const bases = (definition.childForFieldName('superclasses')?.namedChildren ?? []).filter((base) => base.type !== 'keyword_argument' && base.type !== 'comment');
    classes.push({ name: textOf(definition.childForFieldName('name')!, text), bases, methods });
  }
  return classes;
}

/** A module-level name computed at import from secret reads or repository calls, or an alias of a repository function. */
export interface ModuleValue {
  name: string;
  value: SyntaxNode;
  reads: SecretRead[];
  found: FoundCall[];
  alias?: Alias;
}

/**
 * The module-level values calls can start from (`client = WarehouseClient()`, `TOKEN =
 * secret(...)`, `get_db = partial(secret, "db")`), in source order, each registered in `names` so
 * that later values and the module's functions see it.
 */
export function moduleValues(scope: ModuleScope, reads: SecretRead[], names: CallNames): ModuleValue[] {
  const candidates: { name: string; value: SyntaxNode }[] = [];
  for (const [name, [value, ...more]] of scope.assignments) {
    const assignment = value?.parent;
    if (more.length || names.target(name, []) || assignment?.type !== 'assignment' || !assignment.childForFieldName('right')?.equals(value!)) continue;
    candidates.push({ name, value: value! });
  }
  const values: ModuleValue[] = [];
  for (const { name, value } of candidates.sort((a, b) => a.value.startIndex - b.value.startIndex)) {
    const part = (node: SyntaxNode): UnitPart => {
      const resolved = scope.resolveString(node);
      return resolved.known ? resolved.value : unparenthesize(node).type === 'none' ? null : undefined;
    };
    const alias = aliasOf(names, value, part);
    if (alias) {
      names.addAlias(name, alias);
      values.push({ name, value, reads: [], found: [], alias });
      continue;
    }
    const found = findCalls(names, value, []);
    const inside = reads.filter((read) => read.functionIndex === undefined && read.span.start >= value.startIndex && read.span.end <= value.endIndex);
    if (!found.length && !inside.length) continue;
    names.addLocal(name);
    values.push({ name, value, reads: inside, found });
  }
  return values;
}

/** Whether the value of `node` is (part of) the value of `value`: `TOKEN = secret(...)`, `DSN = f"...{secret(...)}"`. */
function holds(value: SyntaxNode, node: { start: number; end: number }): boolean {
  let current = value.descendantForIndex(node.start, node.end);
  while (current && !current.equals(value)) {
    if (!HOLDING.has(current.parent?.type ?? '')) return false;
    current = current.parent;
  }
  return !!current;
}

const HOLDING = new Set(['parenthesized_expression', 'interpolation', 'string', 'concatenated_string', 'binary_operator', 'conditional_expression']);

export function buildUnits(
  scope: ModuleScope,
  model: ModuleModel,
  names: CallNames,
  classes: ReturnType<typeof topLevelClasses>,
  values: ModuleValue[],
  functionAt: (offset: number) => number | undefined,
): Map<string, UnitSummary> {
  const { text } = scope;
  const line = lineLocator(text);
  const taskFunctions = new Set(model.tasks.map((t) => t.functionIndex));
  const sources: UnitSource[] = [];

  const unitOf = (name: string, kind: UnitSummary['kind'], node: SyntaxNode, reads: SecretRead[], method: string | undefined, opaque?: string, isStatic = false): UnitSource => {
    const all = parameterNames(node, text);
    const params = [...all.positional.slice(method && !isStatic ? 1 : 0), ...all.keywordOnly];
    const paramSet = new Set(params);
    const part = (arg: SecretRead['group']): UnitPart => {
      if (!arg) return null;
      if (arg.value.known) return arg.value.value;
      return paramSet.has(arg.text) ? { param: arg.text } : undefined;
    };
    const found = findCalls(names, node, params, method);
    const summary: UnitSummary = {
      name,
      kind,
      params,
      defaults: defaultsOf(scope, node),
      reads: reads.map((read): UnitRead => ({ kind: read.kind, group: part(read.group), key: part(read.key), groupVersion: part(read.groupVersion), single: read.single, opaqueArgs: read.opaqueArgs, line: line(read.span.start).line })),
      calls: found.map(({ node: _node, ...call }) => call),
      readFlows: reads.map(() => []),
      callFlows: found.map(() => []),
      paramFlows: Object.fromEntries(params.map((p) => [p, []])),
      opaque,
    };
    return { summary, node, found };
  };

  const readsIn = (node: SyntaxNode) => model.reads.filter((read) => read.span.start >= node.startIndex && read.span.end <= node.endIndex);
  for (const fn of model.functions) {
    if (taskFunctions.has(fn.index)) continue;
    const node = scope.functions[fn.index]!.node;
    sources.push(unitOf(fn.name, 'function', node, fn.reads, undefined, fn.opaqueReason));
  }
  for (const cls of classes) {
    const init = cls.methods.find((m) => m.name === '__init__');
    const ctor: UnitSummary = { name: cls.name, kind: 'class', params: [], defaults: {}, reads: [], calls: [], readFlows: [], callFlows: [], paramFlows: {} };
    if (cls.bases.length) ctor.bases = cls.bases.map((base) => baseClass(names, base, text));
    if (init) {
      const all = parameterNames(init.node, text);
      ctor.params = [...all.positional.slice(1), ...all.keywordOnly];
      ctor.calls.push({ target: { file: scope.filePath ?? '', name: `${cls.name}.__init__` }, callee: `${cls.name}.__init__`, args: ctor.params.map((param) => ({ param })), keywords: {}, splat: false });
      ctor.callFlows.push([]);
      ctor.params.forEach((param, where) => (ctor.paramFlows[param] = [{ call: 0, where }]));
    }
    sources.push({ summary: ctor, found: [] });
    for (const method of cls.methods) {
      const source = unitOf(`${cls.name}.${method.name}`, 'method', method.node, readsIn(method.node), cls.name, undefined, method.isStatic);
      if (method.isProperty) source.summary.property = true;
      sources.push(source);
    }
  }

  for (const { name, value, reads, found, alias } of values) {
    const call = found.find((c) => c.node.equals(unparenthesize(value)) && 'file' in c.target);
    sources.push({
      summary: {
        name,
        kind: 'value',
        params: [],
        defaults: {},
        reads: reads.map((read): UnitRead => ({ kind: read.kind, group: knownPart(read.group), key: knownPart(read.key), groupVersion: knownPart(read.groupVersion), single: read.single, opaqueArgs: read.opaqueArgs, line: line(read.span.start).line })),
        calls: found.map(({ node: _node, ...c }) => c),
        readFlows: reads.map((read) => (holds(value, read.span) ? [{ returned: true }] : [])),
        callFlows: found.map((c) => (holds(value, spanOf(c.node)) ? [{ returned: true }] : [])),
        paramFlows: {},
        instanceOf: call && !call.reference ? (call.target as { file: string; name: string }) : undefined,
        alias,
      },
      found,
    });
  }

  // Where each read, call result and parameter goes, within its own unit.
  const probes: Probe[] = [];
  const recorded = new Set<string>();
  const key = (node: SyntaxNode) => `${node.startIndex}:${node.endIndex}`;
  sources.forEach(({ summary, node, found }, u) => {
    if (!node) return;
    const reads = summary.kind === 'function' ? model.functions.find((f) => f.name === summary.name)!.reads : readsIn(node);
    reads.forEach((read, i) => probes.push({ id: `${u}:r:${i}`, span: read.span, kind: read.kind }));
    found.forEach((call, j) => {
      recorded.add(key(call.node));
      probes.push({ id: `${u}:c:${j}`, span: spanOf(call.node) });
    });
    for (const param of summary.params) probes.push({ id: `${u}:p:${param}`, parameter: { fn: node, name: param } });
  });
  for (const flow of traceProbes(scope, model.functions, model.tasks, functionAt, probes, recorded)) {
    const [u, kind, which] = flow.id.split(':') as [string, string, string];
    const source = sources[Number(u)]!;
    let mapped: Flow | undefined;
    if ('sink' in flow) mapped = { sink: flow.sink, text: flow.text, line: line(flow.at).line };
    else if ('returnedFrom' in flow) mapped = flow.returnedFrom === source.node!.startIndex ? { returned: true } : undefined;
    else {
      const call = source.found.findIndex((c) => key(c.node) === flow.call);
      mapped = call >= 0 ? { call, where: flow.where } : undefined;
    }
    if (!mapped) continue;
    const { summary } = source;
    const list = kind === 'r' ? summary.readFlows[Number(which)] : kind === 'c' ? summary.callFlows[Number(which)] : summary.paramFlows[which];
    list?.push(mapped);
  }
  return new Map(sources.map(({ summary }) => [summary.name, summary]));
}

const knownPart = (arg: SecretRead['group']): UnitPart => (!arg ? null : arg.value.known ? arg.value.value : undefined);

/** A base class expression as a repository class, or a library one (`BaseModel`, `Generic[T]`, a name we cannot follow). */
function baseClass(names: CallNames, base: SyntaxNode, text: string): BaseClass {
  const chain = nameChain(base, text);
  const target = chain && names.target(chain[0]!, chain.slice(1));
  return target && 'file' in target ? { file: target.file, name: target.name } : { library: textOf(base, text) };
}

/** The parameters with a default value that resolves to a string (or `None`). */
function defaultsOf(scope: ModuleScope, fn: SyntaxNode): Record<string, UnitPart> {
  const defaults: Record<string, UnitPart> = {};
  for (const param of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (param.type !== 'default_parameter' && param.type !== 'typed_default_parameter') continue;
    const name = param.childForFieldName('name');
    const value = param.childForFieldName('value');
    if (name?.type !== 'identifier' || !value) continue;
    const resolved = scope.resolveString(value);
    defaults[textOf(name, scope.text)] = resolved.known ? resolved.value : value.type === 'none' ? null : undefined;
  }
  return defaults;
}
