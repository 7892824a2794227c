// Whether a read is served by one of its task's requests, and if not, which request it nearly
// names. Shared by no-undeclared-secret, no-mismatched-secret and no-unused-secret-request.
import { distance } from 'fastest-levenshtein';
import { reachableFunctions } from '../model/analyze.js';
import type { ArgValue, ModuleModel, SecretRead, SecretRequest, TaskModel } from '../model/types.js';

/** A part of a secret name: a known string, absent (`null`), or present but unresolvable (`undefined`). */
type Part = string | null | undefined;

export interface SecretName {
  group: Part;
  key: Part;
  groupVersion: Part;
}

export type NearReason = 'group-version' | 'case' | 'swapped' | 'key' | 'group' | 'missing-group';

export type MatchResult =
  | { kind: 'match'; request: SecretRequest }
  | { kind: 'unknown' }
  | { kind: 'near'; request: SecretRequest; reason: NearReason }
  | { kind: 'none' };

/** One argument of a request or read as a name part: its value, `null` when absent, undefined when it does not resolve. */
/** The value of an argument when it is given and resolved, else undefined. */
export const knownValue = (arg: ArgValue | undefined): string | undefined => (arg?.value.known ? arg.value.value : undefined);

export const namePart = (arg: ArgValue | undefined): Part => (arg === undefined ? null : arg.value.known ? arg.value.value : undefined);

export function requestName(request: SecretRequest): SecretName {
  return { group: namePart(request.group), key: namePart(request.key), groupVersion: namePart(request.groupVersion) };
}

export function readName(read: SecretRead): SecretName {
  return { group: namePart(read.group), key: namePart(read.key), groupVersion: namePart(read.groupVersion) };
}

/** Every part of the name resolves (or is absent). */
export const isKnownName = (name: SecretName) => name.group !== undefined && name.key !== undefined && name.groupVersion !== undefined;

/** What flytekit looks up: the non-empty parts of (group, group_version, key), in that order. */
export function lookupPath(name: SecretName): string[] {
  return [name.group, name.groupVersion, name.key].filter((p): p is string => typeof p === 'string');
}

const samePath = (a: string[], b: string[], fold = false) =>
  a.length === b.length && a.every((p, i) => (fold ? p.toLowerCase() === b[i]!.toLowerCase() : p === b[i]));

/** A likely typo: same letters ignoring case and separators, or an edit distance of 1-2. */
export function isNearName(a: string, b: string): boolean {
  if (a === b) return false;
  const fold = (s: string) => s.toLowerCase().replace(/[-_.]/g, '');
  if (fold(a) === fold(b)) return true;
  const longest = Math.max(a.length, b.length);
  return distance(a, b) <= (longest <= 4 ? 1 : 2);
}

/** Display form of a secret name: `db/password`, `api_token`, `vault/db (group_version "kv2")`. */
export function formatName(name: SecretName): string {
  const base = [name.group, name.key].filter((p) => typeof p === 'string').join('/');
  return name.groupVersion ? `${base} (group_version "${name.groupVersion}")` : base;
}

/** Matches one read against the requests of the task that runs it. */
export function matchRead(read: SecretRead, task: TaskModel): MatchResult {
  const wanted = readName(read);
  if (read.opaqueArgs || !isKnownName(wanted)) return { kind: 'unknown' };
  const path = lookupPath(wanted);
  if (!path.length) return { kind: 'unknown' };
  const candidates = task.requests.map((request) => ({ request, name: requestName(request) }));
  const exact = candidates.find((c) => isKnownName(c.name) && samePath(lookupPath(c.name), path));
  if (exact) return { kind: 'match', request: exact.request };
  if (!task.requestsKnown || candidates.some((c) => !isKnownName(c.name))) return { kind: 'unknown' };

  const known = candidates.map((c) => ({ request: c.request, name: c.name as { group: string | null; key: string | null; groupVersion: string | null } }));
  const near = (reason: NearReason, test: (n: (typeof known)[number]['name']) => boolean): MatchResult | undefined => {
    const found = known.find((c) => test(c.name));
    return found ? { kind: 'near', request: found.request, reason } : undefined;
  };
  const { group, key, groupVersion } = wanted as { group: string | null; key: string | null; groupVersion: string | null };
  return (
    near('group-version', (n) => n.group === group && n.key === key && n.groupVersion !== groupVersion) ??
    near('case', (n) => samePath(lookupPath(n), path, true)) ??
    near('swapped', (n) => group !== null && key !== null && n.group === key && n.key === group) ??
    near('key', (n) => group !== null && n.group === group && key !== null && n.key !== null && isNearName(key, n.key)) ??
    near('group', (n) => key !== null && n.key === key && n.group !== group) ??
    near('missing-group', (n) => read.single && group !== null && n.key === group && n.group !== null) ??
    { kind: 'none' }
  );
}

export interface TaskRead {
  read: SecretRead;
  task: TaskModel;
  /** The helper function the read sits in, when it is not the task's own function. */
  helper?: string;
}

/** Every (read, task) pair: a read in a helper counts once for each task that reaches the helper. */
export function taskReads(model: ModuleModel): TaskRead[] {
  const pairs: TaskRead[] = [];
  for (const task of model.tasks) {
    if (task.flavor !== 'flytekit') continue; // Flyte 2 tasks read secrets from the environment, not an API
    for (const index of reachableFunctions(model, task)) {
      const fn = model.functions[index]!;
      for (const read of fn.reads) pairs.push({ read, task, helper: index === task.functionIndex ? undefined : fn.name });
    }
  }
  return pairs;
}

/**
 * Where a task's read happens, for messages: ` in helper \`h\``, ` via acme.clients.warehouse_engine
 * (line 11)`, or for what flytekit or a plugin reads: ` via @wandb_init(secret=...) (flyteorg/flytekit <file>)`.
 */
export function whereText(read: SecretRead, helper?: string): string {
  const inHelper = helper ? ` in helper \`${helper}\`` : '';
  if (!read.via) return inHelper;
  const { at } = read.via;
  return `${inHelper} via ${read.via.path} (${'flytekit' in at ? `flyteorg/flytekit ${at.flytekit}` : `line ${at.line}`})`;
}
