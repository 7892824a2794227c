// An editor's analysis of one document, kept between its versions: after an edit only the
// top-level functions the edit touched are analysed again; the parts of the other top-level
// statements (functions' reads and calls, tasks, direct reads, leaks) are kept, moved to their new
// offsets. The module-level facts (imports, constants, environments) and the library reads are
// rebuilt every time (they are cheap); each leak's flow records what it looked at, so a flow that
// ran through an edited function is traced again. The model is the one `analyzeModule` builds: a
// test compares them after every edit of recorded edit sequences.
import { attachLibraryReads } from '../flytekit/library-reads.js';
import type { SyntaxNode } from '../python/parser.js';
import { buildModel, collectSecretDefinitions, irrelevantModule, pathVariables, isModuleAnalysed, moduleLoaderFor, type AnalyzeOptions, type ModelBuild } from './analyze.js';
import type { ModuleLoader, ModuleSummary } from './module-loader.js';
import { traceLeaks, type FlowObserver } from './secret-flow.js';
import type { ArgValue, DirectRead, FunctionModel, ModuleModel, SecretLeak, SecretRead, SecretRequest, Span, TaskModel } from './types.js';

export interface IncrementalOptions extends AnalyzeOptions {
  /**
   * Changes whenever what the module imports may have changed (another module was edited): the
   * kept parts hold what imports resolved to, so a new key means a full analysis.
   */
  contextKey?: string | number;
}

/** A top-level statement, with the blank lines and comments before it. */
interface Unit {
  start: number;
  end: number;
  text: string;
}

/** A read or direct read: where a leak's flow starts. */
type Source = SecretRead | DirectRead;

/** What a source's flow looked at: top-level statements (by index) and helpers it came back out of at every call. */
interface FlowDependencies {
  units: Set<number>;
  helpers: Set<string>;
}

/** The parts of the last model, never handed out (rules and syntax tolerance change their copies). */
interface Snapshot {
  key: string;
  units: Unit[];
  /** Unit index of each top-level function, by function index. */
  functionUnits: number[];
  functionNames: string[];
  /** What imports and constants mean: the same for every unit the edit did not touch. */
  fingerprint: string;
  functions: FunctionModel[];
  tasks: TaskModel[];
  reads: SecretRead[];
  directReads: DirectRead[];
  leaks: SecretLeak[];
  flows: Map<Source, FlowDependencies>;
  /** The leak tracer ran out of steps: which flows it cut depends on all of them, so never incremental. */
  exhausted: boolean;
  /** What the loader answered (imports resolved, other modules' summaries): kept parts hold those answers. */
  answers: Map<string, unknown>;
  /** The variables that hold a secret file's path: every flow reading one depends on them. */
  pathVariables: string;
}

/** A kept part refers to text the edit changed: the edit is not one this analysis can take incrementally. */
class NotIncremental extends Error {}

export class IncrementalAnalysis {
  #snapshot: Snapshot | undefined;
  /** How the last call went, for tests and benchmarks: `full` or `incremental`. */
  lastMode: 'full' | 'incremental' | 'irrelevant' = 'full';

  analyze(root: SyntaxNode, text: string, options: IncrementalOptions = {}): ModuleModel {
    const loader = moduleLoaderFor(options);
    if (!isModuleAnalysed(text, options, loader)) {
      this.#snapshot = undefined;
      this.lastMode = 'irrelevant';
      return irrelevantModule();
    }
    const key = JSON.stringify([options.filePath, options.anchors, options.contextKey, !!loader]);
    const units = unitsOf(root, text);
    const previous = this.#snapshot;
    this.#snapshot = undefined; // a throw below must not leave a snapshot of another text
    let result: { snapshot: Snapshot; build: ModelBuild } | undefined;
    if (previous && previous.key === key && !previous.exhausted && (!loader || sameAnswers(loader, previous.answers))) {
      const recording = loader && new RecordingLoader(loader, previous.answers);
      try {
        result = incremental(previous, root, text, units, { ...options, loader: recording });
      } catch (error) {
        if (!(error instanceof NotIncremental)) throw error;
      }
    }
    this.lastMode = result ? 'incremental' : 'full';
    result ??= full(key, root, text, units, { ...options, loader: loader && new RecordingLoader(loader) });
    this.#snapshot = result.snapshot;
    return output(result.snapshot, result.build);
  }
}

function full(key: string, root: SyntaxNode, text: string, units: Unit[], options: AnalyzeOptions): { snapshot: Snapshot; build: ModelBuild } {
  const recorder = new FlowRecorder(units);
  const build = buildModel(root, text, options, moduleLoaderFor(options), false, { observer: recorder });
  const { model, scope } = build;
  const snapshot: Snapshot = {
    key,
    units,
    functionUnits: scope.functions.map((fn) => unitAt(units, fn.node.startIndex)),
    functionNames: scope.functions.map((fn) => fn.name),
    fingerprint: fingerprintOf(build),
    functions: model.functions,
    tasks: model.tasks,
    reads: model.reads,
    directReads: model.directReads,
    leaks: model.leaks,
    flows: recorder.flows,
    exhausted: recorder.exhausted,
    answers: options.loader instanceof RecordingLoader ? options.loader.answers : new Map(),
    pathVariables: keyOf(pathVariablesOf(model.tasks, model.environmentRequests, model.secretDefinitions)),
  };
  for (const source of [...model.reads, ...model.directReads]) recorder.own(source);
  return { snapshot, build };
}

function incremental(previous: Snapshot, root: SyntaxNode, text: string, units: Unit[], options: AnalyzeOptions): { snapshot: Snapshot; build: ModelBuild } {
  const old = previous.units;
  if (units.length !== old.length) throw new NotIncremental();
  let first = 0;
  while (first < units.length && units[first]!.text === old[first]!.text) first++;
  let last = units.length - 1;
  while (last >= first && units[last]!.text === old[last]!.text) last--;
  const touched = new Set<number>();
  for (let k = first; k <= last; k++) touched.add(k);
  // Only top-level functions are analysed again; any other statement may change what names mean.
  const functions = new Set<number>();
  previous.functionUnits.forEach((unit, index) => touched.has(unit) && functions.add(index));
  if (functions.size !== touched.size) throw new NotIncremental();

  const ranges = [...touched].map((k) => ({ start: units[k]!.start, end: units[k]!.end }));
  const build = buildModel(root, text, options, moduleLoaderFor(options), false, { restriction: { functions, ranges } });
  const { scope, model: fresh } = build;
  if (
    fingerprintOf(build) !== previous.fingerprint ||
    scope.functions.length !== previous.functionNames.length ||
    scope.functions.some((fn, index) => fn.name !== previous.functionNames[index] || unitAt(units, fn.node.startIndex) !== previous.functionUnits[index])
  ) {
    throw new NotIncremental();
  }
  // A function that becomes or stops being a task changes where every flow through it stops.
  const wasTask = new Set(previous.tasks.map((task) => task.functionIndex));
  for (const index of functions) if (wasTask.has(index) !== fresh.tasks.some((task) => task.functionIndex === index)) throw new NotIncremental();

  const move = offsetMover(old, units, touched);
  const copy = new MovedCopy(move, old[first]?.start ?? Infinity, options.filePath);
  const kept = <T extends { span: { start: number } }>(part: T) => !touched.has(unitAt(old, part.span.start));

  const merged = fresh.functions.map((fn, index) => (functions.has(index) ? fn : copy.function(previous.functions[index]!)));
  for (const fn of merged) if (!functions.has(fn.index) && fn.span.start !== fresh.functions[fn.index]!.span.start) throw new NotIncremental();
  const ownReads = [...previous.reads.filter((read) => !read.via && kept(read)).map((read) => copy.read(read)), ...fresh.reads.filter((read) => !read.via)].sort(byStart);
  const projectReads = merged.flatMap((fn) => fn.reads.filter((read) => read.via));
  const reads = [...ownReads, ...projectReads];
  const directReads = [...previous.directReads.filter(kept).map((read) => copy.directRead(read)), ...fresh.directReads].sort(byStart);
  const tasks = [...previous.tasks.filter(kept).map((task) => copy.task(task)), ...fresh.tasks].sort(byStart);

  // Flows that looked at an edited function, or came back out of a helper the edit may call, are traced again.
  const words = new Set([...touched].flatMap((k) => [...`${old[k]!.text}\n${units[k]!.text}`.matchAll(/\w+/g)].map((match) => match[0])));
  const mentioned = (name: string) => words.has(name);
  const stale = new Set<Source>();
  for (const source of [...previous.reads, ...previous.directReads]) {
    const flow = previous.flows.get(source);
    if (!flow || [...flow.units].some((k) => touched.has(k)) || [...flow.helpers].some(mentioned)) stale.add(source);
  }
  const sources: Source[] = [...reads.filter((read) => !read.via || read.via.returned), ...directReads];
  const freshSources = new Set<Source>([...fresh.reads, ...fresh.directReads]);
  const originalOf = (source: Source) => (freshSources.has(source) ? undefined : copy.original(source) ?? source);
  const retrace = new Set<Source>();
  for (const source of sources) {
    const original = originalOf(source);
    if (!original || stale.has(original)) retrace.add(source);
  }
  // Flows from one offset (a project call's reads) share the tracer's memory: traced together or not at all.
  const starts = new Set([...retrace].map((source) => source.span.start));
  for (const source of sources) if (starts.has(source.span.start)) retrace.add(source);

  const secretDefinitions = collectSecretDefinitions(scope, [...tasks.flatMap((t) => t.requests), ...fresh.environmentRequests]);
  const pathVariablesNow = pathVariablesOf(tasks, fresh.environmentRequests, secretDefinitions);
  if (keyOf(pathVariablesNow) !== previous.pathVariables) throw new NotIncremental(); // kept flows read them
  const recorder = new FlowRecorder(units);
  const traced = traceLeaks(
    scope,
    merged,
    tasks,
    build.functionAt,
    reads.filter((read) => retrace.has(read)),
    directReads.filter((read) => retrace.has(read)),
    build.callSinks,
    recorder,
    pathVariablesNow,
  );
  const rank = new Map(sources.map((source, index) => [source, index]));
  const ordered: { leak: SecretLeak; rank: number; order: number }[] = [];
  const add = (leaks: SecretLeak[]) => {
    const counts = new Map<Source, number>();
    for (const leak of leaks) {
      const source = sourceOf(leak);
      const order = counts.get(source) ?? 0;
      counts.set(source, order + 1);
      ordered.push({ leak, rank: rank.get(source)!, order });
    }
  };
  add(traced);
  add(previous.leaks.filter((leak) => !stale.has(sourceOf(leak))).map((leak) => copy.leak(leak)));
  if (ordered.some((entry) => entry.rank === undefined)) throw new NotIncremental();
  // The tracer's order: by offset, then in the order the sources were traced and their leaks found.
  ordered.sort((a, b) => a.leak.span.start - b.leak.span.start || a.rank - b.rank || a.order - b.order);

  const flows = recorder.flows;
  for (const source of sources) {
    const original = originalOf(source);
    if (!retrace.has(source) && original) flows.set(source, previous.flows.get(original)!);
    else recorder.own(source);
  }
  const model: ModuleModel = { ...fresh, functions: merged, tasks, reads, directReads, leaks: ordered.map((entry) => entry.leak) };
  model.secretDefinitions = secretDefinitions;
  const snapshot: Snapshot = {
    ...previous,
    units,
    functions: merged,
    tasks,
    reads,
    directReads,
    leaks: model.leaks,
    flows,
    exhausted: recorder.exhausted,
    answers: options.loader instanceof RecordingLoader ? options.loader.answers : previous.answers,
  };
  return { snapshot, build: { ...build, model } };
}

/**
 * The model handed out: functions and tasks are copied (library reads and syntax tolerance change
 * them), with the library reads attached as `analyzeModule` attaches them.
 */
function output(snapshot: Snapshot, build: ModelBuild): ModuleModel {
  const functions = snapshot.functions.map((fn) => ({ ...fn, reads: [...fn.reads], calls: [...fn.calls] }));
  const model: ModuleModel = {
    ...build.model,
    functions,
    tasks: snapshot.tasks.map((task) => ({ ...task })),
    reads: [...snapshot.reads],
    directReads: [...snapshot.directReads],
    leaks: [...snapshot.leaks],
  };
  attachLibraryReads(build.scope, model);
  return model;
}

/**
 * A loader that remembers what it answered. Replaying the questions before an incremental analysis
 * tells whether another module changed what the kept parts resolved (and lets the caller's loader
 * see every module this one still depends on).
 */
class RecordingLoader implements ModuleLoader {
  readonly answers: Map<string, unknown>;

  constructor(
    readonly inner: ModuleLoader,
    previous?: Map<string, unknown>,
  ) {
    this.answers = new Map(previous);
  }

  resolve(fromFile: string, module: string): string | undefined {
    const answer = this.inner.resolve(fromFile, module);
    this.answers.set(`resolve\u0000${fromFile}\u0000${module}`, answer);
    return answer;
  }

  summary(filePath: string): ModuleSummary | undefined {
    const answer = this.inner.summary(filePath);
    this.answers.set(`summary\u0000${filePath}`, answer);
    return answer;
  }
}

function sameAnswers(loader: ModuleLoader, answers: Map<string, unknown>): boolean {
  for (const [question, answer] of answers) {
    const [kind, path, module] = question.split('\u0000');
    if ((kind === 'resolve' ? loader.resolve(path!, module!) : loader.summary(path!)) !== answer) return false;
  }
  return true;
}

const byStart = (a: { span: { start: number } }, b: { span: { start: number } }) => a.span.start - b.span.start;

function sourceOf(leak: SecretLeak): Source {
  return 'read' in leak.source ? leak.source.read : leak.source.direct;
}

function fingerprintOf({ scope }: ModelBuild): string {
  return JSON.stringify([[...scope.bindings], [...scope.functionImports], scope.starModules]);
}

function unitsOf(root: SyntaxNode, text: string): Unit[] {
  const units: Unit[] = [];
  let start = 0;
  for (const statement of root.namedChildren) {
    const end = statement.endIndex;
    units.push({ start, end, text: text.slice(start, end) });
    start = end;
  }
  units.push({ start, end: text.length, text: text.slice(start) });
  return units;
}

/** The unit holding an offset (the last one that starts at or before it). */
function unitAt(units: Unit[], offset: number): number {
  let low = 0;
  let high = units.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (units[mid]!.start <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Old offsets to new ones, for text in units the edit did not touch. */
function offsetMover(old: Unit[], units: Unit[], touched: Set<number>): (offset: number, isEnd: boolean) => number {
  return (offset, isEnd) => {
    const k = unitAt(old, isEnd && offset > 0 ? offset - 1 : offset);
    if (touched.has(k)) throw new NotIncremental();
    return offset + units[k]!.start - old[k]!.start;
  };
}

/**
 * Copies of kept parts with every offset moved: spans, insertion offsets and the ids of
 * `Secret(...)` calls written here (`<file>#<offset>`). One copy per object, so the copies refer to
 * each other as the originals did (a leak's source is the model's read, tasks of one environment
 * share its requests).
 */
class MovedCopy {
  readonly #copies = new Map<object, object>();
  readonly #originals = new Map<object, object>();
  readonly #idPrefix: string;

  constructor(
    readonly move: (offset: number, isEnd: boolean) => number,
    /** Offsets before it are where they were: parts wholly before the edit are kept as they are. */
    readonly unchangedBefore: number,
    readonly filePath: string | undefined,
  ) {
    this.#idPrefix = `${filePath ?? ''}#`;
  }

  /** The kept part a copy was made from (undefined for a part kept as it was). */
  original<T extends object>(copy: T): T | undefined {
    return this.#originals.get(copy) as T | undefined;
  }

  function(fn: FunctionModel): FunctionModel {
    if (this.#before(fn.span)) return fn;
    return { ...fn, span: this.#span(fn.span), nameSpan: this.#span(fn.nameSpan), bodySpan: this.#span(fn.bodySpan), reads: fn.reads.map((read) => this.read(read)), calls: [...fn.calls] };
  }

  read(read: SecretRead): SecretRead {
    if (this.#before(read.span) && viaFile(read) !== this.filePath) return read; // its arguments are inside it
    return this.#once(read, () => {
      if (viaFile(read) === this.filePath) throw new NotIncremental(); // a line of this file
      return {
        ...read,
        span: this.#span(read.span),
        ...(read.group && { group: this.#arg(read.group) }),
        ...(read.key && { key: this.#arg(read.key) }),
        ...(read.groupVersion && { groupVersion: this.#arg(read.groupVersion) }),
        unknownKeywords: read.unknownKeywords.map((keyword) => ({ ...keyword, span: this.#span(keyword.span), value: this.#arg(keyword.value)! })),
        ...(read.method && { method: { ...read.method, span: this.#span(read.method.span) } }),
        receiver: { ...read.receiver, span: this.#span(read.receiver.span) },
        ...(read.argsSpan && { argsSpan: this.#span(read.argsSpan) }),
      };
    });
  }

  directRead(read: DirectRead): DirectRead {
    if (this.#before(read.span)) return read;
    return this.#once(read, () => ({ ...read, span: this.#span(read.span), name: this.#arg(read.name)!, ...(read.value && { value: { ...read.value, span: this.#span(read.value.span) } }) }));
  }

  task(task: TaskModel): TaskModel {
    if (task.libraryReads) throw new NotIncremental(); // kept parts are those before library reads
    // Requests may be written elsewhere (a module constant, an environment).
    const before = this.#before(task.span) && (!task.requestsSpan || this.#before(task.requestsSpan)) && (!task.requestsInsert || task.requestsInsert.offset < this.unchangedBefore);
    if (before && task.requests.every((request) => this.#before(request.span))) return task;
    return {
      ...task,
      span: this.#span(task.span),
      requests: this.#once(task.requests, () => task.requests.map((request) => this.#request(request))),
      ...(task.requestsSpan && { requestsSpan: this.#span(task.requestsSpan) }),
      ...(task.requestsInsert && { requestsInsert: { ...task.requestsInsert, offset: this.move(task.requestsInsert.offset, false) } }),
      consumedRequestIds: task.consumedRequestIds.map((id) => this.#id(id)),
    };
  }

  leak(leak: SecretLeak): SecretLeak {
    const { source } = leak;
    if (this.#before(leak.span) && this.#before('read' in source ? source.read.span : source.direct.span)) return leak;
    return {
      ...leak,
      span: this.#span(leak.span),
      source: this.#once(source, () => ('read' in source ? { read: this.read(source.read) } : { direct: this.directRead(source.direct) })),
    };
  }

  #request(request: SecretRequest): SecretRequest {
    // A request defined in another module is reported where this one names it; its arguments are there.
    if (request.definedIn) return this.#once(request, () => ({ ...request, span: this.#span(request.span) }));
    return this.#once(request, () => ({
      ...request,
      ...(request.group && { group: this.#arg(request.group) }),
      ...(request.key && { key: this.#arg(request.key) }),
      ...(request.groupVersion && { groupVersion: this.#arg(request.groupVersion) }),
      ...(request.envVar && { envVar: this.#arg(request.envVar) }),
      span: this.#span(request.span),
      id: this.#id(request.id),
    }));
  }

  #before(span: Span): boolean {
    return span.end <= this.unchangedBefore;
  }

  #once<T extends object>(original: T, make: () => T): T {
    let copy = this.#copies.get(original) as T | undefined;
    if (!copy) {
      copy = make();
      this.#copies.set(original, copy);
      this.#originals.set(copy, original);
    }
    return copy;
  }

  #arg(arg: ArgValue | undefined): ArgValue | undefined {
    return arg && { ...arg, span: this.#span(arg.span) };
  }

  #span(span: Span): Span {
    const start = this.move(span.start, false);
    return { start, end: Math.max(start, this.move(span.end, true)) };
  }

  #id(id: string): string {
    const offset = id.startsWith(this.#idPrefix) ? id.slice(this.#idPrefix.length) : '';
    return /^\d+$/.test(offset) ? `${this.#idPrefix}${this.move(Number(offset), false)}` : id;
  }
}

/** Records, for each source, the top-level statements its flow looked at and the helpers it came back out of. */
class FlowRecorder implements FlowObserver {
  readonly flows = new Map<Source, FlowDependencies>();
  exhausted = false;

  constructor(readonly units: Unit[]) {}

  visited(source: SecretLeak['source'], offset: number): void {
    this.#flow('read' in source ? source.read : source.direct).units.add(unitAt(this.units, offset));
  }

  returnedFrom(source: SecretLeak['source'], name: string): void {
    this.#flow('read' in source ? source.read : source.direct).helpers.add(name);
  }

  /** A source's own statement is always a dependency (even when its flow went nowhere). */
  own(source: Source): void {
    this.#flow(source).units.add(unitAt(this.units, source.span.start));
  }

  ranOutOfSteps(): void {
    this.exhausted = true;
  }

  #flow(source: Source): FlowDependencies {
    let flow = this.flows.get(source);
    if (!flow) this.flows.set(source, (flow = { units: new Set(), helpers: new Set() }));
    return flow;
  }
}

/** The repository file a read reached through helpers is written in (none for a library's read). */
function viaFile(read: SecretRead): string | undefined {
  return read.via && 'file' in read.via.at ? read.via.at.file : undefined;
}

function pathVariablesOf(tasks: TaskModel[], environmentRequests: SecretRequest[], secretDefinitions: SecretRequest[]): Set<string> {
  return pathVariables([...tasks.flatMap((t) => t.requests), ...environmentRequests, ...secretDefinitions]);
}

const keyOf = (names: Set<string>) => [...names].sort().join('\n');
