// Builds the ModuleModel of one Python module from its parse tree.
import { parsePython, type SyntaxNode } from '../python/parser.js';
import { FileModuleLoader, type ModuleLoader, type ModuleSummary } from './module-loader.js';
import { ModuleScope } from './module-scope.js';
import { extractReads } from './reads.js';
import { canonicalSymbol, SYMBOLS } from './symbols.js';
import { buildFunctions, buildTasks, functionLocator, linkFunctions } from './tasks.js';
import type { ModuleModel, SecretRequest, TaskModel } from './types.js';

export interface AnalyzeOptions {
  /** Absolute path of the module: needed to resolve imports of sibling modules. */
  filePath?: string;
  /** How imported modules are found and read; defaults to the shared on-disk loader. */
  loader?: ModuleLoader;
}

/** A module with none of these words cannot declare or read a Flyte secret. */
const RELEVANT = /secret|_FSEC_/i;

export function isRelevantModule(text: string): boolean {
  return RELEVANT.test(text);
}

export function analyzeModule(root: SyntaxNode, text: string, options: AnalyzeOptions = {}): ModuleModel {
  if (!isRelevantModule(text)) {
    return { relevant: false, functions: [], tasks: [], secretDefinitions: [], reads: [], secretCallee: 'Secret', warnings: [] };
  }
  const loader = options.loader ?? (options.filePath ? defaultModuleLoader : undefined);
  const scope = new ModuleScope(root, text, options.filePath, loader);
  const functions = buildFunctions(scope);
  const functionAt = functionLocator(functions);
  linkFunctions(scope, functions, functionAt);
  const { reads, opaque } = extractReads(scope, functionAt);
  for (const read of reads) if (read.functionIndex !== undefined) functions[read.functionIndex]!.reads.push(read);
  for (const [index, reason] of opaque) functions[index]!.opaqueReason ??= reason;
  const { tasks, environmentRequests } = buildTasks(scope, functions);
  return {
    relevant: true,
    functions,
    tasks,
    secretDefinitions: collectSecretDefinitions(scope, [...tasks.flatMap((t) => t.requests), ...environmentRequests]),
    reads,
    ...secretSpelling(scope),
    warnings: scope.warnings,
  };
}

/** Every distinct `Secret(...)` written in this module that a task or environment requests or a name holds. */
function collectSecretDefinitions(scope: ModuleScope, requested: SecretRequest[]): SecretRequest[] {
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

/** The name under which this module can call flytekit's `Secret`, and the import it may need. */
function secretSpelling(scope: ModuleScope): Pick<ModuleModel, 'secretCallee' | 'secretImport'> {
  for (const [name, binding] of scope.bindings) {
    const qualified = binding.name ? `${binding.module}.${binding.name}` : binding.module;
    if (canonicalSymbol(qualified) === SYMBOLS.flytekitSecret) return { secretCallee: name };
  }
  for (const [name, binding] of scope.bindings) {
    if (!binding.name && canonicalSymbol(binding.module) === 'flytekit') return { secretCallee: `${name}.Secret` };
  }
  for (const [module, end] of scope.fromImportEnds) {
    if (canonicalSymbol(module) === 'flytekit') return { secretCallee: 'Secret', secretImport: { offset: end, text: ', Secret' } };
  }
  return { secretCallee: 'Secret' };
}

/** Per model: each task's reachable functions (every rule asks, for every task). */
const reachableCache = new WeakMap<ModuleModel, Map<TaskModel, number[]>>();

/** Module functions reachable from a task's function (itself included), through helper calls. */
export function reachableFunctions(model: ModuleModel, task: TaskModel): number[] {
  if (task.functionIndex === undefined) return [];
  let byTask = reachableCache.get(model);
  if (!byTask) {
    byTask = new Map();
    reachableCache.set(model, byTask);
  }
  const cached = byTask.get(task);
  if (cached) return cached;
  const seen = new Set<number>([task.functionIndex]);
  const queue = [task.functionIndex];
  const taskFunctions = new Set(model.tasks.map((t) => t.functionIndex));
  while (queue.length) {
    const fn = model.functions[queue.pop()!]!;
    for (const callee of fn.calls) {
      // Calling another task from a @dynamic runs it in its own pod, with its own secrets.
      if (seen.has(callee) || taskFunctions.has(callee)) continue;
      seen.add(callee);
      queue.push(callee);
    }
  }
  const reachable = [...seen].sort((a, b) => a - b);
  byTask.set(task, reachable);
  return reachable;
}

/** The summary another module imports from `filePath` (parses it, then frees the tree). */
export function summarizeModule(filePath: string, text: string, loader: ModuleLoader): ModuleSummary {
  const tree = parsePython(text);
  try {
    return new ModuleScope(tree.rootNode, text, filePath, loader).summary();
  } finally {
    tree.delete();
  }
}

/** The process-wide loader: one cache of sibling-module summaries for a whole lint run. */
export const defaultModuleLoader: ModuleLoader = new FileModuleLoader(summarizeModule);
