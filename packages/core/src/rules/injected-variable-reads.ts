// Reads of an environment variable that nearly, but not exactly, names a variable the task's secrets
// inject: Flyte 2 `flyte.Secret(..., as_env_var=...)` (or its default UPPER(group_key) name) and
// flytekit `Secret(..., env_var=...)`. `os.environ["OPENAI_KEY"]` beside `as_env_var="OPENAI_API_KEY"`
// gets KeyError (or None) at run time. Reported by no-mismatched-secret.
import type { FlyteSecretsConfig } from '../config/config.js';
import { reachableFunctions } from '../model/analyze.js';
import type { DirectRead, ModuleModel, SecretRequest, TaskModel } from '../model/types.js';
import { declaredEnvVar, DOCS_PREFIX } from './injected-names.js';
import { isNearName } from './secret-matching.js';

export interface VariableNearMiss {
  task: TaskModel;
  read: DirectRead;
  /** The variable read, and the injected one it nearly names. */
  variable: string;
  injected: string;
  request: SecretRequest;
}

/**
 * A likely slip in a variable name: a near name (case, separators, one or two edits), or one word
 * of the `_`-separated name left out or added (`OPENAI_KEY` for `OPENAI_API_KEY`).
 */
export function isNearVariable(read: string, injected: string): boolean {
  if (read === injected) return false;
  if (isNearName(read, injected)) return true;
  const [short, long] = [read.split('_'), injected.split('_')].sort((a, b) => a.length - b.length) as [string[], string[]];
  if (long.length !== short.length + 1 || short.length < 2) return false;
  return long.some((_, skip) => long.filter((__, i) => i !== skip).join('_') === short.join('_'));
}

/**
 * Names the module sets itself, so a read of them is no slip: dict keys (`env_vars={"X": ...}`,
 * `with_env_vars({"X": ...})`), `env_vars=dict(X=...)` keywords, `os.environ["X"] = ...`, `setdefault("X"`.
 */
function setInModule(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const quoted = `["']${escaped}["']`;
  return new RegExp(`${quoted}\\s*:|\\bdict\\([^)]*\\b${escaped}\\s*=[^=]|environ\\[\\s*${quoted}\\s*\\]\\s*=[^=]|setdefault\\(\\s*${quoted}`).test(text);
}

export function variableNearMisses(model: ModuleModel, text: string, config: FlyteSecretsConfig): VariableNearMiss[] {
  const misses: VariableNearMiss[] = [];
  for (const task of model.tasks) {
    const injected = new Map<string, SecretRequest>();
    for (const request of task.requests) {
      const name = declaredEnvVar(request);
      if (name !== undefined && !injected.has(name)) injected.set(name, request);
    }
    if (!injected.size) continue;
    const functions = new Set(reachableFunctions(model, task));
    const reads = model.directReads.filter(
      (read): read is DirectRead & { name: { value: { known: true; value: string } } } =>
        read.kind === 'env' && read.name.value.known && read.functionIndex !== undefined && functions.has(read.functionIndex),
    );
    // A task that also reads the right name reads the other on purpose (`os.getenv("NEW") or os.environ["OLD"]`).
    const readNames = new Set(reads.map((read) => read.name.value.value));
    for (const read of reads) {
      const variable = read.name.value.value;
      if (injected.has(variable) || variable.startsWith(config.envPrefix) || variable.startsWith(DOCS_PREFIX)) continue;
      const near = [...injected].find(([name]) => isNearVariable(variable, name) && !readNames.has(name));
      if (near && !setInModule(text, variable)) misses.push({ task, read, variable, injected: near[0], request: near[1] });
    }
  }
  return misses;
}
