// Where the values read from secrets go. From each read, it climbs the tree to what the value
// becomes (an f-string, a concatenation, a container, `.format`, `str(...)`), to the variable it is
// assigned to, then finds that variable's uses by regex within the function and goes on from each;
// a module helper's parameter or return value carries it on to the helper's body or callers.
// It stops at any other call (passing a secret to a library is how secrets are used) and records
// the sinks that expose it (see leak-sinks.ts). No walk of the whole tree.
import type { SyntaxNode } from '../python/parser.js';
import { calledAs, enclosingFunction, spanOf, textOf, unparenthesize } from '../python/syntax.js';
import { PRESERVING_CALLS, PRESERVING_METHODS, SinkClassifier } from './leak-sinks.js';
import { bindingOf, identifierUses, parameterNames } from './local-names.js';
import type { ModuleScope } from './module-scope.js';
import type { DirectRead, FunctionModel, LeakSink, SecretLeak, SecretRead, TaskModel } from './types.js';

/** What a node holds: the secret itself, the path of its file, an open handle on that file, or its variable's name. */
type Level = 'value' | 'path' | 'handle' | 'env-name';

/** A probe of the project index: a read, call result or parameter of a unit, followed to where it goes. */
type ProbeSource = { probe: string };

interface Taint {
  level: Level;
  source: SecretLeak['source'] | ProbeSource;
  /** The element of a container that holds the secret (dict key or tuple index), when known. */
  member?: string | number;
  /** The task's call through which the value entered a helper: a leak inside the helper is reported there. */
  entered?: { call: SyntaxNode; helper: string };
}

type Step = [SyntaxNode, Taint] | undefined;

/** Where a variable holds a taint: from an offset (to the end of its function, or `to`); `own` is the binding itself. */
interface Extent {
  from: number;
  to?: number;
  own?: number;
}

/** Bounds the work on pathological modules; real task code needs a few hundred steps. */
const MAX_STEPS = 50_000;
const READ_METHODS = new Set(['read', 'readline', 'readlines']);
const LOADERS = new Set(['json.load', 'yaml.safe_load', 'yaml.load', 'tomllib.load', 'toml.load', 'pickle.load']);
const PATH_METHODS = new Set(['joinpath', 'resolve', 'expanduser', 'absolute', 'with_name', 'with_suffix']);
const PATH_CALLS = new Set(['str', 'os.path.join', 'os.path.expanduser', 'pathlib.Path', 'pathlib.PurePath', 'pathlib.PosixPath']);
const CALLING_TASK_KINDS = new Set<TaskModel['kind']>(['dynamic', 'eager', 'environment-task']);

const whole = (taint: Taint): Taint => ({ level: taint.level, source: taint.source, entered: taint.entered });

function indexIn(container: SyntaxNode, child: SyntaxNode): number | undefined {
  const index = container.namedChildren.filter((c) => c.type !== 'comment').findIndex((c) => c.equals(child));
  return index < 0 ? undefined : index;
}

/** Where a value passed to a repository call ends up inside it: the sinks the project index found. */
export type CallSinks = (call: SyntaxNode, where: number | string | undefined) => { sink: LeakSink; text: string; via: string }[];

const LEVELS: Record<SecretRead['kind'], Level> = { get: 'value', attribute: 'value', 'get-secret': 'value', 'env-var-name': 'env-name', 'file-path': 'path' };

/**
 * What each source's flow looked at, for an editor's incremental analysis: a source's leaks stay
 * the same while the text at those offsets, and the calls of the helpers it returned from, do.
 */
export interface FlowObserver {
  /** The flow of `source` read the code at `offset` (a node it followed, a function it searched). */
  visited(source: SecretLeak['source'], offset: number): void;
  /** The flow came back out of the helper `name` at every call of it in the module. */
  returnedFrom(source: SecretLeak['source'], name: string): void;
  /** The step budget ran out: which flows were cut depends on the order of all of them. */
  ranOutOfSteps(): void;
}

export function traceLeaks(
  scope: ModuleScope,
  functions: FunctionModel[],
  tasks: TaskModel[],
  functionAt: (offset: number) => number | undefined,
  reads: SecretRead[],
  directReads: DirectRead[],
  callSinks?: CallSinks,
  observer?: FlowObserver,
  /** Variables that hold a secret file's path (`env_var=` of a FILE mount): what is read from that file is the secret. */
  pathVariables: ReadonlySet<string> = new Set(),
): SecretLeak[] {
  const tracer = new LeakTracer(scope, functions, tasks, functionAt, callSinks, undefined, observer);
  // A read reached through a repository call is a source only when the call returns its value.
  for (const read of reads) if (!read.via || read.via.returned) tracer.start(read.span, { level: LEVELS[read.kind], source: { read } });
  for (const direct of directReads) {
    const holdsPath = direct.kind === 'env' && direct.name.value.known && pathVariables.has(direct.name.value.value);
    const level: Level = holdsPath ? 'path' : direct.kind === 'env' || direct.accessor.startsWith('Path.read') ? 'value' : 'handle';
    tracer.start(direct.span, { level, source: { direct } });
  }
  if (tracer.exhausted) observer?.ranOutOfSteps();
  return tracer.leaks();
}

/** Where a probe's value goes, for the project index's unit summaries (see project/units.ts). */
export type ProbeFlow =
  | { id: string; sink: LeakSink; text: string; at: number }
  | { id: string; returnedFrom: number }
  | { id: string; call: string; where: number | string };

export interface Probe {
  id: string;
  /** A read or call node to start from, or a parameter of a function node. */
  span?: { start: number; end: number };
  parameter?: { fn: SyntaxNode; name: string };
  kind?: SecretRead['kind'];
}

/**
 * Follows each probe within its own function only: a call the index records (by start offset)
 * or a `return` ends the flow there, and the index composes units across calls on demand.
 */
export function traceProbes(scope: ModuleScope, functions: FunctionModel[], tasks: TaskModel[], functionAt: (offset: number) => number | undefined, probes: Probe[], recordedCalls: Set<string>): ProbeFlow[] {
  const tracer = new LeakTracer(scope, functions, tasks, functionAt, undefined, recordedCalls);
  for (const probe of probes) {
    const taint: Taint = { level: probe.kind ? LEVELS[probe.kind] : 'value', source: { probe: probe.id } };
    if (probe.span) tracer.start(probe.span, taint);
    else if (probe.parameter) tracer.startParameter(probe.parameter.fn, probe.parameter.name, taint);
  }
  return tracer.probeFlows;
}

class LeakTracer {
  readonly probeFlows: ProbeFlow[] = [];
  readonly #sinks: SinkClassifier;
  readonly #found = new Map<string, SecretLeak>();
  readonly #seen = new Set<string>();
  readonly #taskByFunction = new Map<number, TaskModel>();
  readonly #functionByName = new Map<string, number>();
  readonly #callSites = new Map<number, SyntaxNode[]>();
  /** Nodes that hold a taint and are still to be followed: a worklist, so long chains never deepen the stack. */
  readonly #pending: [SyntaxNode, Taint][] = [];
  #steps = 0;

  constructor(
    readonly scope: ModuleScope,
    readonly functions: FunctionModel[],
    tasks: TaskModel[],
    readonly functionAt: (offset: number) => number | undefined,
    readonly callSinks?: CallSinks,
    /** Probe mode: calls the project index records, where a flow stops. */
    readonly recordedCalls?: Set<string>,
    readonly observer?: FlowObserver,
  ) {
    this.#sinks = new SinkClassifier(scope);
    for (const task of tasks) if (task.functionIndex !== undefined) this.#taskByFunction.set(task.functionIndex, task);
    for (const fn of functions) this.#functionByName.set(fn.name, fn.index);
  }

  get exhausted(): boolean {
    return this.#steps > MAX_STEPS;
  }

  leaks(): SecretLeak[] {
    return [...this.#found.values()].sort((a, b) => a.span.start - b.span.start);
  }

  start(span: { start: number; end: number }, taint: Taint): void {
    const node = this.scope.root.descendantForIndex(span.start, span.end);
    if (!node || node.startIndex !== span.start || node.endIndex !== span.end) return;
    this.#pending.push([node, taint]);
    this.#drain();
  }

  startParameter(fn: SyntaxNode, name: string, taint: Taint): void {
    const body = fn.childForFieldName('body');
    if (body) this.#defineVariable(name, fn, { from: body.startIndex }, taint);
    this.#drain();
  }

  #drain(): void {
    for (let next = this.#pending.pop(); next; next = this.#pending.pop()) {
      if (this.observer && !('probe' in next[1].source)) this.observer.visited(next[1].source, next[0].startIndex);
      this.#flow(...next);
    }
  }

  #sourceKey(taint: Taint): string {
    const { source } = taint;
    const origin = 'probe' in source ? source.probe : String('read' in source ? source.read.span.start : source.direct.span.start);
    return taint.entered ? `${origin}@${taint.entered.call.startIndex}` : origin;
  }

  #record(sink: LeakSink, node: SyntaxNode, sinkText: string, taint: Taint, via?: string): void {
    const { source, entered } = taint;
    if ('probe' in source) {
      this.probeFlows.push({ id: source.probe, sink, text: sinkText, at: node.startIndex });
      return;
    }
    // A sink inside a helper is reported once per call through which the value entered it.
    const at = entered ? entered.call : node;
    const key = `${at.startIndex}:${this.#sourceKey({ ...taint, entered: undefined })}:${entered ? sinkText : ''}`;
    if (this.#found.has(key)) return;
    this.#found.set(key, { sink, span: spanOf(at), sinkText, via: via ?? entered?.helper, source, functionIndex: this.functionAt(at.startIndex) });
  }

  /** Follows a node that holds the taint up to where its value goes. */
  #flow(start: SyntaxNode, taint: Taint): void {
    let child = start;
    let current = taint;
    for (let parent = child.parent; parent && this.#steps++ < MAX_STEPS; parent = child.parent) {
      const next = this.#step(parent, child, current);
      if (!next) return;
      [child, current] = next;
    }
  }

  #step(parent: SyntaxNode, child: SyntaxNode, taint: Taint): Step {
    const { text } = this.scope;
    const is = (field: string) => parent.childForFieldName(field)?.equals(child) ?? false;
    const value = taint.level === 'value';
    switch (parent.type) {
      case 'parenthesized_expression':
      case 'await':
      case 'boolean_operator':
        return [parent, taint];
      case 'conditional_expression':
        return parent.namedChild(1)?.equals(child) ? undefined : [parent, taint];
      case 'interpolation':
        return value && is('expression') && parent.parent ? [parent.parent, whole(taint)] : undefined;
      case 'concatenated_string':
        return value ? [parent, whole(taint)] : undefined;
      case 'binary_operator':
        if (value) return [parent, whole(taint)];
        return taint.level === 'path' && parent.childForFieldName('operator')?.type === '/' && is('left') ? [parent, taint] : undefined;
      case 'list':
      case 'tuple':
      case 'set':
      case 'expression_list':
        return value ? [parent, { ...taint, member: parent.type === 'set' ? undefined : indexIn(parent, child) }] : undefined;
      case 'list_comprehension':
      case 'set_comprehension':
      case 'generator_expression':
      case 'dictionary_comprehension':
        return value && is('body') ? [parent, whole(taint)] : undefined;
      case 'pair':
        return value && is('value') && parent.parent ? [parent.parent, { ...taint, member: this.#literal(parent.childForFieldName('key')) }] : undefined;
      case 'list_splat':
      case 'dictionary_splat':
        if (parent.parent?.type === 'argument_list') return this.#argument(parent.parent.parent!, taint, undefined);
        return value && parent.parent ? [parent.parent, whole(taint)] : undefined;
      case 'subscript':
        return this.#subscript(parent, child, taint);
      case 'attribute': {
        if (!is('object')) return undefined;
        const attribute = textOf(parent.childForFieldName('attribute')!, text);
        const call = calledAs(parent);
        if (call) return this.#method(call, attribute, taint);
        // `settings.password` of a record built with `password=secret`.
        return value && taint.member === attribute ? [parent, whole(taint)] : undefined;
      }
      case 'keyword_argument': {
        const list = parent.parent;
        if (!is('value') || list?.type !== 'argument_list' || list.parent?.type !== 'call') return undefined;
        return this.#argument(list.parent, taint, textOf(parent.childForFieldName('name')!, text));
      }
      case 'argument_list':
        return parent.parent?.type === 'call' ? this.#argument(parent.parent, taint, indexIn(parent, child)) : undefined;
      case 'assignment':
        if (is('right')) this.#bind(parent.childForFieldName('left')!, { from: parent.endIndex }, taint);
        return undefined;
      case 'augmented_assignment':
        if (is('right') && value) this.#bind(parent.childForFieldName('left')!, { from: parent.endIndex }, whole(taint));
        return undefined;
      case 'named_expression':
        if (!is('value')) return undefined;
        this.#bind(parent.childForFieldName('name')!, { from: parent.endIndex }, taint);
        return [parent, taint];
      case 'return_statement':
        this.#returned(parent, child, taint);
        return undefined;
      case 'raise_statement':
        if (value && !is('cause')) this.#record('raise', parent, 'raise', taint);
        return undefined;
      case 'assert_statement':
        if (value && !parent.namedChild(0)?.equals(child)) this.#record('raise', parent, 'assert', taint);
        return undefined;
      case 'for_statement':
        if (is('right') && value) this.#bind(parent.childForFieldName('left')!, { from: parent.childForFieldName('left')!.endIndex }, whole(taint));
        return undefined;
      case 'for_in_clause': {
        // The comprehension's body comes before its `for`: its variable lives in the whole comprehension.
        const comprehension = parent.parent;
        if (is('right') && value && comprehension) this.#bind(parent.childForFieldName('left')!, { from: comprehension.startIndex, to: comprehension.endIndex }, whole(taint));
        return undefined;
      }
      case 'as_pattern': {
        const alias = parent.childForFieldName('alias');
        if (parent.namedChild(0)?.equals(child) && alias) this.#bind(alias.namedChild(0) ?? alias, { from: alias.endIndex }, taint);
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /** A string or integer literal's value (a dict key, an index). */
  #literal(node: SyntaxNode | null): string | number | undefined {
    if (!node) return undefined;
    if (node.type === 'integer') return Number(textOf(node, this.scope.text));
    const resolved = node.type === 'string' ? this.scope.resolveString(node) : undefined;
    return resolved?.known ? resolved.value : undefined;
  }

  #subscript(parent: SyntaxNode, child: SyntaxNode, taint: Taint): Step {
    const index = parent.childForFieldName('subscript');
    if (parent.childForFieldName('value')?.equals(child)) {
      // A slice (`key[:4]`) is taken as deliberate masking.
      if (taint.level !== 'value' || !index || index.type === 'slice') return undefined;
      const key = this.#literal(index);
      if (taint.member !== undefined && key !== undefined && key !== taint.member) return undefined;
      return [parent, whole(taint)];
    }
    const environ = this.scope.qualifiedName(parent.childForFieldName('value')!) === 'os.environ';
    return taint.level === 'env-name' && environ && index?.equals(child) ? [parent, { ...taint, level: 'value' }] : undefined;
  }

  #method(call: SyntaxNode, method: string, taint: Taint): Step {
    switch (taint.level) {
      case 'value': {
        if (method === 'get' || method === 'pop') {
          const key = this.#literal(call.childForFieldName('arguments')?.namedChild(0) ?? null);
          return taint.member !== undefined && key !== undefined && key !== taint.member ? undefined : [call, whole(taint)];
        }
        return PRESERVING_METHODS.has(method) ? [call, whole(taint)] : undefined;
      }
      case 'handle':
        return READ_METHODS.has(method) ? [call, { ...taint, level: 'value' }] : undefined;
      case 'path':
        if (method === 'read_text' || method === 'read_bytes') return [call, { ...taint, level: 'value' }];
        if (method === 'open') return [call, { ...taint, level: 'handle' }];
        return PATH_METHODS.has(method) ? [call, taint] : undefined;
      default:
        return undefined;
    }
  }

  /** The taint reaches a call as an argument (at index or keyword `where`). */
  #argument(call: SyntaxNode, taint: Taint, where: number | string | undefined): Step {
    const callee = call.childForFieldName('function')!;
    const name = this.#sinks.callName(callee);
    const first = where === 0;
    switch (taint.level) {
      case 'env-name':
        return first && (name === 'os.getenv' || name === 'os.environ.get') ? [call, { ...taint, level: 'value' }] : undefined;
      case 'path':
        if (first && (name === 'open' || name === 'io.open')) return [call, { ...taint, level: 'handle' }];
        return PATH_CALLS.has(name) ? [call, taint] : undefined;
      case 'handle':
        return first && LOADERS.has(name) ? [call, { ...taint, level: 'value' }] : undefined;
      default:
        break;
    }
    const index = this.functionAt(call.startIndex);
    const task = index !== undefined ? this.#taskByFunction.get(index) : undefined;
    const sink = this.#sinks.classify(call, callee, name, where, task && this.scope.functions[index!]!.node);
    if (sink) {
      this.#record(sink.sink, sink.node, sink.text, taint);
      return undefined;
    }
    const method = callee.type === 'attribute' ? textOf(callee.childForFieldName('attribute')!, this.scope.text) : undefined;
    if (method === 'format' || method === 'format_map' || method === 'join') return [call, whole(taint)];
    if (PRESERVING_CALLS.has(name)) return [call, name === 'dict' && typeof where === 'string' ? { ...taint, member: where } : whole(taint)];
    if (this.#sinks.isRecordClass(callee)) return [call, { ...taint, member: typeof where === 'string' ? where : undefined }];
    const callKey = `${call.startIndex}:${call.endIndex}`;
    if (this.recordedCalls?.has(callKey) && 'probe' in taint.source && taint.level === 'value' && where !== undefined) {
      this.probeFlows.push({ id: taint.source.probe, call: callKey, where });
      return undefined;
    }
    const helper = callee.type === 'identifier' ? this.#functionByName.get(textOf(callee, this.scope.text)) : undefined;
    if (helper === undefined) {
      // A repository helper of another module (or a class method) that writes the value to a sink.
      if (taint.level === 'value' && this.callSinks) for (const inner of this.callSinks(call, where)) this.#record(inner.sink, call, inner.text, taint, inner.via);
      return undefined; // an unknown function uses the secret: not a leak
    }
    if (this.#taskByFunction.has(helper)) {
      if (task && CALLING_TASK_KINDS.has(task.kind)) this.#record('task-input', call, textOf(callee, this.scope.text), taint);
      return undefined;
    }
    if (this.recordedCalls) return undefined;
    this.#bindParameter(helper, where, taint.entered ? taint : { ...taint, entered: { call, helper: textOf(callee, this.scope.text) } });
    return undefined;
  }

  #bind(target: SyntaxNode, extent: Extent, taint: Taint): void {
    const left = unparenthesize(target);
    switch (left.type) {
      case 'identifier': {
        const fn = enclosingFunction(left);
        if (fn) this.#defineVariable(textOf(left, this.scope.text), fn, { ...extent, own: left.startIndex }, taint);
        return;
      }
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'tuple':
      case 'list': {
        const elements = left.namedChildren.filter((c) => c.type !== 'comment');
        const picked = typeof taint.member === 'number' ? elements[taint.member] : undefined;
        for (const element of picked ? [picked] : elements) this.#bind(element, extent, whole(taint));
        return;
      }
      case 'subscript': {
        // `creds["password"] = secret` makes `creds` hold it; `os.environ[...] = secret` hands it to a child process.
        const container = left.childForFieldName('value')!;
        if (container.type !== 'identifier' || this.scope.qualifiedName(container) === 'os.environ') return;
        this.#bind(container, extent, { ...whole(taint), member: this.#literal(left.childForFieldName('subscript')) });
        return;
      }
      default:
        return; // attributes (`self.token = ...`): object state is not followed
    }
  }

  /** The variable holds the taint within its extent in the function, until it is bound again. */
  #defineVariable(name: string, fn: SyntaxNode, extent: Extent, taint: Taint): void {
    const key = `${this.#sourceKey(taint)}:${fn.startIndex}:${name}:${extent.from}:${taint.level}:${taint.member ?? ''}`;
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    if (this.observer && !('probe' in taint.source)) this.observer.visited(taint.source, fn.startIndex);
    const end = extent.to ?? fn.endIndex;
    let until = end;
    for (const use of identifierUses(this.scope.root, this.scope.text, name, extent.from, end)) {
      if (use.startIndex >= until) break;
      const binding = bindingOf(use);
      if (binding) {
        // Uses on the right of `x = f(x)` still see the old value; uses after it do not.
        if (!binding.augmented && until === end && use.startIndex !== extent.own) until = binding.from;
        continue;
      }
      this.#pending.push([use, taint]);
    }
  }

  #bindParameter(index: number, where: number | string | undefined, taint: Taint): void {
    const fn = this.scope.functions[index]!.node;
    if (this.observer && !('probe' in taint.source)) this.observer.visited(taint.source, fn.startIndex);
    const params = parameterNames(fn, this.scope.text);
    const name = typeof where === 'number' ? params.positional[where] : where !== undefined && [...params.positional, ...params.keywordOnly].includes(where) ? where : undefined;
    const body = fn.childForFieldName('body');
    if (name && body) this.#defineVariable(name, fn, { from: body.startIndex }, whole(taint));
  }

  #returned(statement: SyntaxNode, value: SyntaxNode, taint: Taint): void {
    const fn = enclosingFunction(statement);
    if (this.recordedCalls) {
      if (fn && 'probe' in taint.source && taint.level === 'value') this.probeFlows.push({ id: taint.source.probe, returnedFrom: fn.startIndex });
      return;
    }
    const index = fn ? this.functionAt(fn.startIndex) : undefined;
    if (index === undefined || this.functions[index]!.span.start !== fn!.startIndex) return; // nested function or lambda
    if (this.#taskByFunction.has(index)) {
      if (taint.level === 'value') this.#record('return', value, 'return', taint);
      return;
    }
    const key = `${this.#sourceKey(taint)}:return:${index}:${taint.level}:${taint.member ?? ''}`;
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    // The value comes back out of the helper at its calls.
    if (this.observer && !('probe' in taint.source)) this.observer.returnedFrom(taint.source, this.functions[index]!.name);
    for (const call of this.#callsOf(index)) this.#pending.push([call, { ...taint, entered: undefined }]);
  }

  /** Every `helper(...)` call of a module-level function, anywhere in the module. */
  #callsOf(index: number): SyntaxNode[] {
    let calls = this.#callSites.get(index);
    if (calls) return calls;
    calls = [];
    const { root, text } = this.scope;
    for (const identifier of identifierUses(root, text, this.functions[index]!.name, 0, text.length)) {
      const call = calledAs(identifier);
      if (call) calls.push(call);
    }
    this.#callSites.set(index, calls);
    return calls;
  }
}
