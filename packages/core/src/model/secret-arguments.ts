// Which secret name a string literal in a module stands for: the group or key argument of a
// `Secret(...)` or of a secret read, and the tasks it belongs to. Editors ask this for completion,
// hover and go-to-definition at the cursor.
import { namePart, taskReads } from '../rules/secret-matching.js';
import type { ArgValue, ModuleModel, SecretRead, SecretRequest, Span, TaskModel } from './types.js';

export type SecretRole = 'group' | 'key';

export interface SecretArgument {
  site: { kind: 'request'; request: SecretRequest } | { kind: 'read'; read: SecretRead };
  role: SecretRole;
  /** The whole string literal, quotes included. */
  span: Span;
  /** Between the quotes: what a completion replaces. */
  content: Span;
  /** The literal's value as written (no escapes are expected in a secret name). */
  value: string;
  /** For a key: the group named in the same call; null when the call names none, undefined when unknown. */
  group: string | null | undefined;
  /** The tasks that make this request or run this read. */
  tasks: TaskModel[];
}

const LITERAL = /^([rRuU]?)('''|"""|'|")/;

/** The content span of a plain (not f-, not bytes) string literal argument. */
function literalContent(arg: ArgValue): Span | undefined {
  const match = LITERAL.exec(arg.text);
  if (!match) return undefined;
  const quote = match[2]!;
  const start = arg.span.start + match[0].length;
  const closed = arg.text.length >= match[0].length + quote.length && arg.text.endsWith(quote);
  return { start, end: closed ? arg.span.end - quote.length : arg.span.end };
}

const inside = (offset: number, span: Span) => offset >= span.start && offset <= span.end;

/** The secret-name string literal at `offset` (inside it or on its quotes), if any. */
export function secretArgumentAt(model: ModuleModel, text: string, offset: number): SecretArgument | undefined {
  const make = (site: SecretArgument['site'], role: SecretRole, arg: ArgValue | undefined, group: ArgValue | undefined, tasks: () => TaskModel[]): SecretArgument | undefined => {
    if (!arg || !inside(offset, arg.span)) return undefined;
    const content = literalContent(arg);
    if (!content) return undefined;
    return { site, role, span: arg.span, content, value: text.slice(content.start, content.end), group: role === 'key' ? namePart(group) : undefined, tasks: tasks() };
  };
  for (const request of requestsOf(model)) {
    if (!request.local || !inside(offset, request.span)) continue;
    const tasks = () => model.tasks.filter((task) => task.requests.some((r) => r.id === request.id));
    const site = { kind: 'request' as const, request };
    const found = make(site, 'group', request.group, undefined, tasks) ?? make(site, 'key', request.key, request.group, tasks);
    if (found) return found;
  }
  for (const read of model.reads) {
    if (read.via || read.kind === 'attribute' || !inside(offset, read.span)) continue;
    const tasks = () => taskReads(model).filter((pair) => pair.read === read).map((pair) => pair.task);
    const site = { kind: 'read' as const, read };
    // `get("X")` with one argument looks up key-only X.
    const found = read.single ? make(site, 'key', read.group, undefined, tasks) : make(site, 'group', read.group, undefined, tasks) ?? make(site, 'key', read.key, read.group, tasks);
    if (found) return found;
  }
  return undefined;
}

/**
 * Every `Secret(...)` the module knows, once each: those written in it (requested or held by a
 * name) first, then what its tasks request from other modules. The one list every rule, completion
 * and reference search reads, so that all pick the same request when two share a name.
 */
export function requestsOf(model: ModuleModel): SecretRequest[] {
  const byId = new Map<string, SecretRequest>();
  for (const request of model.secretDefinitions) byId.set(request.id, request);
  for (const task of model.tasks) for (const request of task.requests) if (!byId.has(request.id)) byId.set(request.id, request);
  return [...byId.values()];
}

export interface SecretUse {
  kind: 'request' | 'read';
  /** The whole `Secret(...)` call or read. */
  span: Span;
  group: ArgValue | undefined;
  key: ArgValue | undefined;
}

/**
 * Every place a module names a secret: the requests written in it and the reads whose names
 * resolve (through constants too). Finding references across a workspace starts from these.
 */
export function secretUses(model: ModuleModel): SecretUse[] {
  const uses: SecretUse[] = [];
  for (const request of requestsOf(model)) {
    if (request.local) uses.push({ kind: 'request', span: request.span, group: request.group, key: request.key });
  }
  for (const read of model.reads) {
    if (read.via) continue; // a read in another module, attached to the call here
    // `get("X")` with one argument names key-only X.
    if (read.single) uses.push({ kind: 'read', span: read.span, group: undefined, key: read.group });
    else uses.push({ kind: 'read', span: read.span, group: read.group, key: read.key });
  }
  return uses.sort((a, b) => a.span.start - b.span.start);
}
