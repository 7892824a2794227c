// Builds the ModuleModel of one Python module from its parse tree.
import { parsePython, type SyntaxNode } from '../python/parser.js';
import { attachProjectReads } from '../project/attach.js';
import { CallNames } from '../project/calls.js';
import type { UnitSummary } from '../project/types.js';
import { buildUnits, moduleValues, topLevelClasses } from '../project/units.js';
import { ProjectIndex } from '../project/project-index.js';
import type { ModuleLoader, ModuleSummary } from './module-loader.js';
import { ModuleScope } from './module-scope.js';
import { attachLibraryReads } from '../flytekit/library-reads.js';
import { extractDirectReads } from './direct-reads.js';
import { extractReads } from './reads.js';
import { traceLeaks, type CallSinks, type FlowObserver } from './secret-flow.js';
import { canonicalSymbol, SYMBOLS } from './symbols.js';
import { buildFunctions, buildTasks, functionLocator, linkFunctions } from './tasks.js';
import type { ModuleModel, SecretRequest, Span, TaskModel } from './types.js';

export interface AnalyzeOptions {
  /** Absolute path of the module: needed to resolve imports of sibling modules. */
  filePath?: string;
  /** How imported modules are found and read; defaults to the shared on-disk loader. */
  loader?: ModuleLoader;
  /** More words that make a module worth analysing (a configured env prefix other than `_FSEC_`). */
  anchors?: string[];
}

/**
 * A module with none of these words cannot declare or read a Flyte secret (a `snowflake://` dataset
 * makes flytekit read one: see flytekit/library-reads-table.ts).
 */
const RELEVANT = /secret|_FSEC_|snowflake:\/\//i;

export function isRelevantModule(text: string, anchors: string[] = []): boolean {
  return RELEVANT.test(text) || anchors.some((anchor) => anchor && text.includes(anchor));
}

/**
 * A task module (flytekit, Flyte 2, Union's SDK, a task decorator): its tasks may call helpers that
 * read secrets in modules it imports. `union` counts only as an import (it is also a word and a set method).
 */
const MENTIONS_FLYTE = /\bflyte(?:kit)?\b|^[ \t]*(?:import|from)[ \t]+union(?:ai)?\b|^[ \t]*@(?:[\w.]*\.)?(?:task|dynamic|eager)\b/m;
const IMPORT = /^[ \t]*(?:from[ \t]+\S+[ \t]+import\b|import[ \t]+\w)/m;

/**
 * True when a task module imports something, from the text alone: the whole-repository analysis
 * may follow its calls (the pre-filter's test, and the first half of callsIntoProject).
 */
export function mayCallIntoProject(text: string): boolean {
  return MENTIONS_FLYTE.test(text) && IMPORT.test(text);
}

/** Import statements, for the cheap question "does this module import the repository's own code?". */
const IMPORTS = /^[ \t]*(?:from[ \t]+(\.+[\w.]*|[\w.]+)[ \t]+import\b|import[ \t]+([\w.]+))/gm;

/** True when some import of the module resolves to a file of the project (not a library). */
function importsProject(text: string, filePath: string, loader: ModuleLoader): boolean {
  for (const match of text.matchAll(IMPORTS)) if (loader.resolve(filePath, match[1] ?? match[2]!)) return true;
  return false;
}

/**
 * A task module that mentions no secret can still call a repository helper that reads one: it is
 * analysed when it imports code of the project.
 */
function callsIntoProject(text: string, filePath: string | undefined, loader: ModuleLoader | undefined): boolean {
  return !!filePath && !!loader && mayCallIntoProject(text) && importsProject(text, filePath, loader);
}

/** The model of a module that never mentions secrets: nothing in it for the rules. */
export function irrelevantModule(): ModuleModel {
  return { relevant: false, functions: [], tasks: [], secretDefinitions: [], environmentRequests: [], reads: [], directReads: [], leaks: [], secretCallee: 'Secret', warnings: [] };
}

export function analyzeModule(root: SyntaxNode, text: string, options: AnalyzeOptions = {}): ModuleModel {
  const loader = moduleLoaderFor(options);
  if (!isModuleAnalysed(text, options, loader)) return irrelevantModule();
  return buildModel(root, text, options, loader, false).model;
}

export function moduleLoaderFor(options: AnalyzeOptions): ModuleLoader | undefined {
  return options.loader ?? (options.filePath ? defaultModuleLoader : undefined);
}

/** False for a module that mentions no secret and calls no repository code: its model is `irrelevantModule()`. */
export function isModuleAnalysed(text: string, options: AnalyzeOptions, loader: ModuleLoader | undefined): boolean {
  return isRelevantModule(text, options.anchors) || callsIntoProject(text, options.filePath, loader);
}

/**
 * How an editor's incremental analysis (incremental.ts) builds a model: the leaks' flows are
 * observed, library reads are left to it, and with `functions` only those functions' parts are
 * built (`ranges` are their spans; the caller keeps the other parts and traces the leaks itself).
 */
export interface IncrementalBuild {
  observer?: FlowObserver;
  restriction?: { functions: ReadonlySet<number>; ranges: Span[] };
}

export interface ModelBuild {
  model: ModuleModel;
  scope: ModuleScope;
  units?: Map<string, UnitSummary>;
  functionAt: (offset: number) => number | undefined;
  callSinks?: CallSinks;
}

export function buildModel(root: SyntaxNode, text: string, options: AnalyzeOptions, loader: ModuleLoader | undefined, withUnits: boolean, incremental?: IncrementalBuild): ModelBuild {
  const only = incremental?.restriction;
  const scope = new ModuleScope(root, text, options.filePath, loader);
  const functions = buildFunctions(scope);
  const functionAt = functionLocator(functions);
  linkFunctions(scope, functions, functionAt, only?.functions);
  const { reads, opaque } = extractReads(scope, functionAt, only?.ranges);
  for (const read of reads) if (read.functionIndex !== undefined) functions[read.functionIndex]!.reads.push(read);
  for (const [index, reason] of opaque) functions[index]!.opaqueReason ??= reason;
  const { tasks, environmentRequests } = buildTasks(scope, functions, only?.functions);
  // Only what tasks run needs the rest of the repository (a module without tasks costs no summaries);
  // a summary's units call each other by name, while the linted module's own helpers are followed by the model.
  const follow = loader && options.filePath && (withUnits || tasks.length) ? loader : undefined;
  const classes = follow ? topLevelClasses(root, text) : [];
  const taskFunctions = new Set(tasks.map((t) => t.functionIndex));
  const localUnits = [...(withUnits ? functions.filter((f) => !taskFunctions.has(f.index)).map((f) => f.name) : []), ...classes.map((c) => c.name)];
  const names = follow ? new CallNames(scope, localUnits, (from, module) => follow.resolve(from, module)) : undefined;
  const values = names ? moduleValues(scope, reads, names) : [];
  const callSinks = names && !withUnits ? (only ? projectSinksOf(only.functions) : attachProjectReads(scope, names, functions, reads, follow!)) : undefined;
  const directReads = extractDirectReads(scope, functionAt, only?.ranges);

  /**
   * An incremental build attaches the project reads of its functions only; where a value passed to
   * another function's call goes is looked up when a flow gets there.
   */
  function projectSinksOf(built: ReadonlySet<number>): CallSinks {
    const byFunction = new Map<number, CallSinks | undefined>();
    const sinksOf = (index: number) => {
      if (!byFunction.has(index)) {
        const fn = built.has(index) ? functions[index]! : { ...functions[index]!, reads: [], calls: [] }; // others keep what they had
        byFunction.set(index, attachProjectReads(scope, names!, [fn], built.has(index) ? reads : [], follow!));
      }
      return byFunction.get(index);
    };
    for (const index of built) sinksOf(index);
    return (call, where) => {
      const index = functionAt(call.startIndex);
      return index === undefined ? [] : (sinksOf(index)?.(call, where) ?? []);
    };
  }
  const secret = flytekitSpelling(scope, SYMBOLS.flytekitSecret, 'Secret');
  const context = flytekitSpelling(scope, SYMBOLS.currentContext, 'current_context');
  const requested = [...tasks.flatMap((t) => t.requests), ...environmentRequests];
  const secretDefinitions = collectSecretDefinitions(scope, requested);
  const model: ModuleModel = {
    relevant: true,
    functions,
    tasks,
    secretDefinitions,
    environmentRequests,
    reads,
    directReads,
    leaks: withUnits || only ? [] : traceLeaks(scope, functions, tasks, functionAt, reads, directReads, callSinks, incremental?.observer, pathVariables([...requested, ...secretDefinitions])),
    secretCallee: secret?.callee ?? 'Secret',
    secretImport: secret?.importAt,
    contextCallee: context?.callee,
    contextImport: context?.importAt,
    environ: environSpelling(scope),
    onUnion: scope.importsUnion() || undefined,
    warnings: scope.warnings,
  };
  if (!withUnits && !incremental) attachLibraryReads(scope, model);
  return { model, scope, units: withUnits && names ? buildUnits(scope, model, names, classes, values, functionAt) : undefined, functionAt, callSinks };
}

/** The `env_var=` names of flytekit FILE mounts: the webhook sets them to the file's path, not its value. */
export function pathVariables(requests: SecretRequest[]): Set<string> {
  const names = new Set<string>();
  for (const request of requests) {
    if (request.flavor === 'flytekit' && request.mount === 'FILE' && request.envVar?.value.known) names.add(request.envVar.value.value);
  }
  return names;
}

/** Every distinct `Secret(...)` written in this module that a task or environment requests or a name holds. */
export function collectSecretDefinitions(scope: ModuleScope, requested: SecretRequest[]): SecretRequest[] {
  const byId = new Map<string, SecretRequest>();
  for (const request of requested) if (request.local) byId.set(request.id, request);
  for (const name of scope.assignments.keys()) {
    const value = scope.singleAssignment(name) && scope.secretValueOfName(name);
    if (!value) continue;
    const requests = value.kind === 'secret' ? [value.request] : value.requests;
    for (const request of requests) if (request.local) byId.set(request.id, request);
  }
  return [...byId.values()].sort((a, b) => a.span.start - b.span.start);
}

/** The name under which this module can call a flytekit symbol (`Secret`, `fk.Secret`), or the import it needs. */
function flytekitSpelling(scope: ModuleScope, symbol: string, name: string): { callee: string; importAt?: { offset: number; text: string } } | undefined {
  const moduleBindings = [...scope.bindings].filter(([local]) => !scope.functionImports.has(local));
  for (const [local, binding] of moduleBindings) {
    const qualified = binding.name ? `${binding.module}.${binding.name}` : binding.module;
    if (canonicalSymbol(qualified) === symbol) return { callee: local };
  }
  for (const [local, binding] of moduleBindings) {
    if (!binding.name && canonicalSymbol(binding.module) === 'flytekit') return { callee: `${local}.${name}` };
  }
  for (const [module, end] of scope.fromImportEnds) {
    if (canonicalSymbol(module) === 'flytekit') return { callee: name, importAt: { offset: end, text: `, ${name}` } };
  }
  return undefined;
}

/** `os.environ` as this module can write it: `os.environ`, `environ` (`from os import environ`). */
function environSpelling(scope: ModuleScope): string | undefined {
  for (const [local, binding] of scope.bindings) {
    if (scope.functionImports.has(local)) continue;
    if (binding.module === 'os' && !binding.name) return `${local}.environ`;
    if (binding.module === 'os' && binding.name === 'environ') return local;
  }
  return undefined;
}

const taskFunctionsByModel = new WeakMap<ModuleModel, Set<number | undefined>>();

/** Module functions reachable from a task's function (itself included), through helper calls. */
export function reachableFunctions(model: ModuleModel, task: TaskModel): number[] {
  if (task.functionIndex === undefined) return [];
  const seen = new Set<number>([task.functionIndex]);
  const queue = [task.functionIndex];
  let taskFunctions = taskFunctionsByModel.get(model);
  if (!taskFunctions) taskFunctionsByModel.set(model, (taskFunctions = new Set(model.tasks.map((t) => t.functionIndex))));
  while (queue.length) {
    const fn = model.functions[queue.shift()!]!;
    for (const callee of fn.calls) {
      // Calling another task from a @dynamic runs it in its own pod, with its own secrets.
      if (seen.has(callee) || taskFunctions.has(callee)) continue;
      seen.add(callee);
      queue.push(callee);
    }
  }
  return [...seen].sort((a, b) => a - b);
}

/**
 * The summary another module imports from `filePath` (parses it, then frees the tree): its
 * constants and `Secret`s, and its units (a module that never mentions secrets can still log a
 * parameter, or call a helper that reads one).
 */
export function summarizeModule(filePath: string, text: string, loader: ModuleLoader): ModuleSummary {
  const tree = parsePython(text);
  try {
    return summarizeTree(tree.rootNode, text, filePath, loader);
  } finally {
    tree.delete();
  }
}

/** The summary of a module from a tree the caller parsed anyway (the linted file), without parsing it again. */
export function summarizeTree(root: SyntaxNode, text: string, filePath: string, loader: ModuleLoader): ModuleSummary {
  const { scope, units } = buildModel(root, text, { filePath }, loader, true);
  return { ...scope.summary(), units: units ?? new Map() };
}

/** The process-wide project index: one cache of module summaries for a whole lint run. */
export const defaultModuleLoader = new ProjectIndex({ summarize: summarizeModule });
