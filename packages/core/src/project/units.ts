// Builds the unit summaries of one module (see types.ts): for every top-level function that is not
// a task, every class (its constructor) and every method, the reads it performs, the repository
// calls it makes, and where each read, each call's result and each parameter goes. Each unit is
// summarised on its own; project-calls.ts composes them across calls and modules.
import type { SyntaxNode } from '../python/parser.js';
import { spanOf, textOf } from '../python/syntax.js';
import { parameterNames } from '../model/local-names.js';
import type { ModuleScope } from '../model/module-scope.js';
import { traceProbes, type Probe } from '../model/secret-flow.js';
import type { ModuleModel, SecretRead } from '../model/types.js';
import { lineLocator } from '../text/line-locator.js';
import { findCalls, nameChain, type CallNames, type FoundCall } from './calls.js';
import type { BaseClass, Flow, UnitPart, UnitRead, UnitSummary } from './types.js';

interface UnitSource {
  summary: UnitSummary;
  node?: SyntaxNode;
  found: FoundCall[];
}

/** Top-level classes of a module, their base expressions and their methods (`def` nodes, decorated or not). */
export function topLevelClasses(root: SyntaxNode, text: string): { name: string; bases: SyntaxNode[]; methods: { name: string; node: SyntaxNode }[] }[] {
  const classes = [];
  for (const statement of root.namedChildren) {
    const definition = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (definition?.type !== 'class_definition') continue;
    const methods = [];
    for (const member of definition.childForFieldName('body')?.namedChildren ?? []) {
      const def = member.type === 'decorated_definition' ? member.childForFieldName('definition') : member;
      const name = def?.type === 'function_definition' ? def.childForFieldName('name') : null;
      if (def && name) methods.push({ name: textOf(name, text), node: def });
    }
    const bases = (definition.childForFieldName('superclasses')?.namedChildren ?? []).filter((base) => base.type !== 'keyword_argument' && base.type !== 'comment');
    classes.push({ name: textOf(definition.childForFieldName('name')!, text), bases, methods });
  }
  return classes;
}

export function buildUnits(
  scope: ModuleScope,
  model: ModuleModel,
  names: CallNames,
  classes: ReturnType<typeof topLevelClasses>,
  functionAt: (offset: number) => number | undefined,
): Map<string, UnitSummary> {
  const { text } = scope;
  const line = lineLocator(text);
  const taskFunctions = new Set(model.tasks.map((t) => t.functionIndex));
  const sources: UnitSource[] = [];

  const unitOf = (name: string, kind: UnitSummary['kind'], node: SyntaxNode, reads: SecretRead[], method: string | undefined, opaque?: string): UnitSource => {
    const all = parameterNames(node, text);
    const params = [...all.positional.slice(method ? 1 : 0), ...all.keywordOnly];
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
    for (const method of cls.methods) sources.push(unitOf(`${cls.name}.${method.name}`, 'method', method.node, readsIn(method.node), cls.name));
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
