// Attaches to each task the secrets flytekit and its plugins read in the task's pod because the task
// uses their API (the table in library-reads-table.ts): `@wandb_init(secret=S)` reads S, a
// `StructuredDataset` with a `snowflake://` URI reads private-key/snowflake, a NIM sidecar reads the
// variable injected for NIMSecrets' group/key. Reads that run in a connector service are never a task's.
import type { SyntaxNode } from '../python/parser.js';
import { readString } from '../python/strings.js';
import { argumentOf, callArguments, spanOf, textOf, unparenthesize } from '../python/syntax.js';
import { reachableFunctions } from '../model/analyze.js';
import type { ModuleScope } from '../model/module-scope.js';
import { TASK_DECORATORS } from '../model/symbols.js';
import { knownValue } from '../rules/secret-matching.js';
import type { ArgValue, LibraryRead, ModuleModel, ReadVia, SecretRead, SecretRequest, Span, TaskModel } from '../model/types.js';
import { LIBRARY_READS, type LibraryReadEntry, type LibraryReadKind } from './library-reads-table.js';

type Entry<K extends LibraryReadKind['kind']> = LibraryReadEntry & { read: Extract<LibraryReadKind, { kind: K }> };

const inPod = LIBRARY_READS.filter((entry) => entry.runsIn === 'task-pod');
const ofKind = <K extends LibraryReadKind['kind']>(kind: K) => inPod.filter((e): e is Entry<K> => e.read.kind === kind);

/** The entry a qualified name means: `flytekitplugins.wandb.wandb_init`, or through a submodule (`...wandb.tracking.wandb_init`). */
function entryFor<K extends LibraryReadKind['kind']>(entries: Entry<K>[], qualified: string | undefined): Entry<K> | undefined {
  if (!qualified) return undefined;
  return entries.find((e) => qualified === `${e.module}.${e.name}` || (qualified.startsWith(`${e.module}.`) && qualified.endsWith(`.${e.name}`)));
}

/** A lookup of `group`/`key` shaped as a read; it is never rewritten (rules offer no read fix for it). */
function lookup(span: Span, group: ArgValue | undefined, key: ArgValue | undefined, groupVersion?: ArgValue): SecretRead {
  return {
    kind: 'get',
    span,
    group,
    key,
    groupVersion,
    single: false,
    opaqueArgs: false,
    otherArgs: false,
    keywordStyle: true,
    unknownKeywords: [],
    receiver: { text: '', span, isContext: false },
  };
}

/** A read of a `Secret` object's group and key. The plugins pass no group_version; the request's is kept so that no version claim is made. */
function secretLookup(span: Span, request: SecretRequest): SecretRead {
  return lookup(span, request.group, request.key, request.groupVersion);
}

/** Where a library's lookup happens, for messages: the API as the task uses it, and flytekit's file that reads. */
const libraryVia = (api: string, source: string): ReadVia => ({ path: api, returned: false, at: { flytekit: source } });

const literal = (value: string, span: Span): ArgValue => ({ span, text: JSON.stringify(value), value: { known: true, value } });

export function attachLibraryReads(scope: ModuleScope, model: ModuleModel): void {
  // Types the module names at all: searched once, not once per task (a module may have hundreds).
  const fixed = ofKind('fixed').filter((entry) => scope.text.includes(entry.name));
  for (const task of model.tasks) {
    const reads = task.functionIndex === undefined ? instanceReads(scope, task) : functionTaskReads(scope, model, task, fixed);
    if (reads.length) task.libraryReads = [...(task.libraryReads ?? []), ...reads];
  }
  sqlAlchemyTasksWithoutRequests(scope, model);
}

// ---- decorated tasks ---------------------------------------------------------------------------

function functionTaskReads(scope: ModuleScope, model: ModuleModel, task: TaskModel, fixed: Entry<'fixed'>[]): LibraryRead[] {
  const { text } = scope;
  const fn = scope.functions[task.functionIndex!];
  if (!fn) return [];
  const reads: LibraryRead[] = [];
  for (const decorator of fn.decorators) {
    const expression = decorator.namedChild(0);
    // `@actor_env.task`: the environment's pod template is the task's.
    const environment = expression && environmentCall(scope, expression, decorator.startIndex);
    if (environment) reads.push(...podTemplateReads(scope, task, callArguments(environment, text).keywords, environment.startIndex));
    if (expression?.type !== 'call') continue;
    const callee = expression.childForFieldName('function')!;
    const args = callArguments(expression, text);
    if (scope.symbolOf(callee) && TASK_DECORATORS[scope.symbolOf(callee)!]) {
      reads.push(...podTemplateReads(scope, task, args.keywords, decorator.startIndex));
      continue;
    }
    const entry = entryFor(ofKind('decorator-secret'), scope.qualifiedName(callee));
    if (!entry) continue;
    const argument = argumentOf(args, entry.read.position, entry.read.keyword);
    const secret = argument && scope.secretValue(argument);
    if (secret?.kind !== 'secret') continue; // a callable returns the key itself; nothing is read
    reads.push({
      read: { ...secretLookup(spanOf(argument!), secret.request), via: libraryVia(`@${textOf(callee, text)}(${entry.read.keyword}=...)`, entry.source) },
      certain: true,
      declaration: textOf(argument!, text),
    });
  }
  reads.push(...structuredDatasetReads(scope, model, task, fixed));
  return reads;
}

/**
 * flytekit's Snowflake StructuredDataset handler reads private-key/snowflake whenever it encodes or
 * decodes a `snowflake://` dataset in the task's pod. Certain when the task writes such a URI; possible
 * whenever the task handles a StructuredDataset (its URI may come from a SnowflakeTask's output).
 */
function structuredDatasetReads(scope: ModuleScope, model: ModuleModel, task: TaskModel, fixed: Entry<'fixed'>[]): LibraryRead[] {
  const reads: LibraryRead[] = [];
  const { text } = scope;
  for (const entry of fixed) {
    const protocol = `${entry.read.trigger.structuredDatasetProtocol}://`;
    let mentioned = false;
    let uri: SyntaxNode | undefined;
    const named = new RegExp(`\\b${entry.name}\\b`);
    for (const index of reachableFunctions(model, task)) {
      const span = model.functions[index]!.span;
      if (!named.test(text.slice(span.start, span.end))) continue;
      mentioned = true;
      uri ??= protocolString(scope, span, protocol);
    }
    if (!mentioned) continue;
    const at = uri ? spanOf(uri) : task.span;
    reads.push({
      read: { ...lookup(at, literal(entry.read.group, at), literal(entry.read.key, at)), via: libraryVia(`flytekit's ${entry.read.trigger.structuredDatasetProtocol} ${entry.name} handler`, entry.source) },
      certain: uri !== undefined,
      declaration: `${model.secretCallee}(group=${JSON.stringify(entry.read.group)}, key=${JSON.stringify(entry.read.key)})`,
    });
  }
  return reads;
}

/** The first string literal in `span` whose text starts with `protocol` (f-strings included). */
function protocolString(scope: ModuleScope, span: Span, protocol: string): SyntaxNode | undefined {
  const pattern = new RegExp(`[fFrRuU]{0,2}["']{1,3}${protocol.replace(/[/.]/g, '\\$&')}`, 'g');
  pattern.lastIndex = span.start;
  for (let match = pattern.exec(scope.text); match && match.index < span.end; match = pattern.exec(scope.text)) {
    const node = scope.root.descendantForIndex(match.index);
    const string = node?.type === 'string' ? node : node?.parent?.type === 'string' ? node.parent : undefined;
    if (!string) continue;
    const first = readString(string, scope.text).parts[0];
    if (first?.kind === 'text' && first.value.startsWith(protocol)) return string;
  }
  return undefined;
}

/** The value a module-level name holds at `before`: its last assignment above that offset. */
function valueAt(scope: ModuleScope, node: SyntaxNode, before: number): SyntaxNode | undefined {
  const target = unparenthesize(node);
  if (target.type !== 'identifier') return target;
  const assigned = (scope.assignments.get(textOf(target, scope.text)) ?? []).filter((n) => n.startIndex < before).pop();
  return assigned && unparenthesize(assigned);
}

/** `@env.task` / `@env.task(...)` with `env = SomeEnvironment(..., pod_template=...)`: that call. */
function environmentCall(scope: ModuleScope, expression: SyntaxNode, before: number): SyntaxNode | undefined {
  const callee = expression.type === 'call' ? expression.childForFieldName('function')! : expression;
  if (callee.type !== 'attribute' || textOf(callee.childForFieldName('attribute')!, scope.text) !== 'task') return undefined;
  const call = valueAt(scope, callee.childForFieldName('object')!, before);
  return call?.type === 'call' ? call : undefined;
}

/** Containers besides the task's own (`primary`) in a pod template written here. */
const OTHER_CONTAINERS = /\binit_containers\b|V1Container\(\s*(?!name\s*=\s*["']primary["'])/;

/**
 * `pod_template=nim.pod_template` with `nim = NIM(secrets=NIMSecrets(...))`: the plugin's sidecar reads
 * the injected `<prefix><GROUP>_<KEY>` variable. The webhook injects every request (variable or file)
 * into every container of the pod, so a pod template that adds containers, or one flyte-secrets
 * cannot see (`pod_template_name=`, an imported template), may be what reads any of them.
 */
function podTemplateReads(scope: ModuleScope, task: TaskModel, keywords: Map<string, { value: SyntaxNode }>, before: number): LibraryRead[] {
  const named = keywords.get('pod_template_name')?.value;
  const podTemplate = keywords.get('pod_template')?.value;
  if (!podTemplate && !named) return [];
  const sidecar = podTemplate && sidecarOf(scope, podTemplate, before);
  const reads = sidecar ? sidecarReads(scope, sidecar.entry, sidecar.call) : undefined;
  if (reads) return reads;
  const template = podTemplate && valueAt(scope, podTemplate, before);
  const spec = template?.type === 'call' ? callArguments(template, scope.text).keywords.get('pod_spec')?.value : undefined;
  const specValue = spec && valueAt(scope, spec, before);
  const seen = template?.type === 'call' && (!spec || specValue?.type === 'call') && ![template, specValue].some((n) => n && OTHER_CONTAINERS.test(textOf(n, scope.text)));
  if (named || !seen) {
    for (const request of task.requests) if (!task.consumedRequestIds.includes(request.id)) task.consumedRequestIds.push(request.id);
  }
  return [];
}

/** `X.pod_template` where X's last module-level assignment before the decorator is a plugin's sidecar class. */
function sidecarOf(scope: ModuleScope, podTemplate: SyntaxNode, before: number): { entry: Entry<'sidecar-env'>; call: SyntaxNode } | undefined {
  const target = unparenthesize(podTemplate);
  if (target.type !== 'attribute' || textOf(target.childForFieldName('attribute')!, scope.text) !== 'pod_template') return undefined;
  const call = valueAt(scope, target.childForFieldName('object')!, before);
  if (call?.type !== 'call') return undefined;
  const entry = entryFor(ofKind('sidecar-env'), scope.qualifiedName(call.childForFieldName('function')!));
  return entry ? { entry, call } : undefined;
}

/** The group/key pairs of NIMSecrets / HFSecret, or undefined when they do not resolve. */
function sidecarReads(scope: ModuleScope, entry: Entry<'sidecar-env'>, call: SyntaxNode): LibraryRead[] | undefined {
  const { text } = scope;
  const args = callArguments(call, text);
  let secrets = argumentOf(args, 0, entry.read.argument);
  if (secrets && unparenthesize(secrets).type === 'identifier') secrets = scope.singleAssignment(textOf(unparenthesize(secrets), text));
  secrets = secrets && unparenthesize(secrets);
  if (secrets?.type !== 'call' || !entryName(scope, secrets, entry.read.secretsClass)) return undefined;
  const keywords = callArguments(secrets, text).keywords;
  const prefixNode = keywords.get('secrets_prefix')?.value;
  const prefix = prefixNode ? scope.resolveString(prefixNode) : undefined;
  const reads: LibraryRead[] = [];
  for (const pair of entry.read.pairs) {
    const keyNode = keywords.get(pair.key)?.value;
    if (!keyNode || keyNode.type === 'none') continue;
    const groupNode = keywords.get(pair.group)?.value;
    const key = scope.argValue(keyNode);
    const group = groupNode && groupNode.type !== 'none' ? scope.argValue(groupNode) : undefined;
    if (!key.value.known || (group && !group.value.known)) return undefined;
    // The plugin builds the name as `<secrets_prefix><group>_<key>`, upper-cased, as the webhook does.
    const envVar = prefix?.known ? `${prefix.value}${group ? `${knownValue(group)}_` : ''}${knownValue(key)}`.toUpperCase() : undefined;
    reads.push({
      read: { ...lookup(spanOf(keyNode), group, key), kind: 'env-var-name', via: libraryVia(`the ${entry.name} sidecar (\`${entry.read.secretsClass}(${pair.key}=...)\`, read from its environment variable)`, entry.source) },
      certain: false,
      envVar,
    });
  }
  return reads;
}

/** The call's callee is the plugin class `name` (imported under any path) or a bare `name`. */
function entryName(scope: ModuleScope, call: SyntaxNode, name: string): boolean {
  const callee = call.childForFieldName('function')!;
  const qualified = scope.qualifiedName(callee) ?? textOf(callee, scope.text);
  return qualified === name || qualified.endsWith(`.${name}`);
}

// ---- task instances ----------------------------------------------------------------------------

/** The module-level call that made a task instance. */
function instanceCall(scope: ModuleScope, task: TaskModel): SyntaxNode | undefined {
  return scope.assignedCalls.find(({ name, call }) => name === task.name && call.startIndex === task.span.start)?.call;
}

function instanceReads(scope: ModuleScope, task: TaskModel): LibraryRead[] {
  const call = instanceCall(scope, task);
  if (!call) return [];
  const qualified = scope.qualifiedName(call.childForFieldName('function')!);
  const own = entryFor(ofKind('own-request'), qualified);
  if (own) {
    return task.requests.map((request) => ({
      read: { ...secretLookup(request.span, request), via: libraryVia(`\`${own.name}\` (it reads the secret it is given)`, own.source) },
      certain: false,
    }));
  }
  const config = entryFor(ofKind('config-secrets'), qualified);
  return config ? configReads(scope, config, call) : [];
}

/** `SQLAlchemyTask(..., task_config=SQLAlchemyConfig(secret_connect_args={"password": Secret(...)}))`. */
function configReads(scope: ModuleScope, entry: Entry<'config-secrets'>, call: SyntaxNode): LibraryRead[] {
  const { text } = scope;
  let config: SyntaxNode | undefined = callArguments(call, text).keywords.get('task_config')?.value;
  if (config && unparenthesize(config).type === 'identifier') config = scope.singleAssignment(textOf(unparenthesize(config), text));
  config = config && unparenthesize(config);
  if (config?.type !== 'call' || !entryName(scope, config, entry.read.config)) return [];
  const value = callArguments(config, text).keywords.get(entry.read.keyword)?.value;
  const secrets = value && scope.secretValue(value);
  if (!secrets || secrets.kind === 'secret') return [];
  // Anchored in the task: at the Secret when it is written inside secret_connect_args, else at the
  // argument (a module-level Secret constant may be shared by tasks that are right).
  const inside = (inner: Span, outer: Span) => inner.start >= outer.start && inner.end <= outer.end;
  return secrets.requests.map((request) => ({
    read: { ...secretLookup(inside(request.span, spanOf(value!)) ? request.span : spanOf(value!), request), via: libraryVia(`\`${entry.read.config}(${entry.read.keyword}=...)\``, entry.source) },
    certain: true,
    declaration: request.local ? text.slice(request.span.start, request.span.end) : undefined,
  }));
}

/**
 * A SQLAlchemyTask that lists Secrets in secret_connect_args but has no secret_requests: flytekit's
 * executor reads them all and raises ValueError. Modelled as a task instance that requests nothing.
 */
function sqlAlchemyTasksWithoutRequests(scope: ModuleScope, model: ModuleModel): void {
  const { text } = scope;
  for (const { name, call } of scope.assignedCalls) {
    const entry = entryFor(ofKind('config-secrets'), scope.qualifiedName(call.childForFieldName('function')!));
    const args = callArguments(call, text);
    if (!entry || args.keywords.has('secret_requests') || args.hasSplat) continue;
    const reads = configReads(scope, entry, call);
    if (!reads.length) continue;
    const list = call.childForFieldName('arguments')!;
    const last = list.namedChildren[list.namedChildCount - 1];
    const trailingComma = last !== undefined && text.slice(last.endIndex, list.endIndex - 1).includes(',');
    model.tasks.push({
      name,
      kind: 'task-instance',
      flavor: 'flytekit',
      span: spanOf(call),
      requests: [],
      requestsKnown: true,
      requestsInsert: { offset: list.endIndex - 1, before: `${last && !trailingComma ? ', ' : ''}secret_requests=[`, after: ']' },
      consumedRequestIds: [],
      opaqueReason: `\`${textOf(call.childForFieldName('function')!, text)}\` runs code that flyte-secrets cannot see`,
      libraryReads: reads,
    });
  }
  model.tasks.sort((a, b) => a.span.start - b.span.start);
}

export interface TaskLibraryRead {
  task: TaskModel;
  library: LibraryRead;
}

/** Every (task, library read) pair of a module's flytekit tasks. */
export function taskLibraryReads(model: ModuleModel): TaskLibraryRead[] {
  return model.tasks.filter((task) => task.flavor === 'flytekit').flatMap((task) => (task.libraryReads ?? []).map((library) => ({ task, library })));
}
