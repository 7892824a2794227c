// Tasks and environments: which functions run as Flyte tasks, what each requests, and which
// module-level helpers each one calls.
import type { SyntaxNode } from '../python/parser.js';
import { callArguments, identifierAt, namesVariable, spanOf, textOf, unparenthesize } from '../python/syntax.js';
import type { RequestList } from './module-scope.js';
import { ModuleScope } from './module-scope.js';
import { matchesIn } from '../text/matches.js';
import { canonicalSymbol, SECRET_CONSUMING_KEYWORDS, SYMBOLS, TASK_DECORATORS } from './symbols.js';
import type { FunctionModel, SecretFlavor, SecretRequest, TaskKind, TaskModel } from './types.js';

interface Environment {
  flavor: SecretFlavor;
  list: RequestList;
  span?: { start: number; end: number };
}

const SECRET_FIELDS = new Set(['group', 'key', 'group_version', 'env_var', 'as_env_var', 'mount_requirement']);

export function buildFunctions(scope: ModuleScope): FunctionModel[] {
  return scope.functions.map((fn, index) => {
    const nameNode = fn.node.childForFieldName('name')!;
    const body = fn.node.childForFieldName('body') ?? fn.node;
    return {
      index,
      name: fn.name,
      span: spanOf(fn.node),
      nameSpan: spanOf(nameNode),
      bodySpan: spanOf(body),
      reads: [],
      calls: [],
    };
  });
}

/** The index of the module-level function whose definition contains an offset. */
export function functionLocator(functions: FunctionModel[]): (offset: number) => number | undefined {
  return (offset) => {
    let low = 0;
    let high = functions.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const fn = functions[mid]!;
      if (offset < fn.span.start) high = mid - 1;
      else if (offset >= fn.span.end) low = mid + 1;
      else return mid;
    }
    return undefined;
  };
}

/**
 * Fills `calls` (references from one function's body to another module-level function) and marks
 * functions that hand a module-level `Secret` object to other code; of the functions `only` names
 * when given (an editor's incremental analysis: the others keep what they had).
 */
export function linkFunctions(scope: ModuleScope, functions: FunctionModel[], functionAt: (offset: number) => number | undefined, only?: ReadonlySet<number>): void {
  const { root, text } = scope;
  const byName = new Map<string, number>();
  for (const fn of functions) byName.set(fn.name, fn.index);
  const secretNames = [...scope.assignments.keys()].filter((name) => scope.singleAssignment(name) && scope.secretValueOfName(name));
  const names = [...byName.keys(), ...secretNames];
  if (!names.length || !functions.length) return;
  const pattern = new RegExp(`\\b(?:${names.join('|')})\\b`, 'g');
  const ranges = only ? [...only].map((index) => functions[index]!.span) : [{ start: functions[0]!.span.start, end: text.length }];
  for (const match of matchesIn(pattern, text, ranges)) {
    const caller = functionAt(match.index);
    if (caller === undefined) continue;
    const fn = functions[caller]!;
    if (match.index < fn.bodySpan.start) continue; // the def line and its parameters
    const identifier = identifierAt(root, match.index, match.index + match[0].length);
    if (!identifier || !namesVariable(identifier)) continue;
    const parent = identifier.parent;
    const callee = byName.get(match[0]);
    if (callee !== undefined) {
      if (callee !== caller && !fn.calls.includes(callee)) fn.calls.push(callee);
      continue;
    }
    const field = parent?.type === 'attribute' ? textOf(parent.childForFieldName('attribute')!, text) : undefined;
    if (!field || !SECRET_FIELDS.has(field)) {
      fn.opaqueReason ??= `hands the Secret object \`${match[0]}\` to other code`;
    }
  }
}

/**
 * The tasks of a module, and the requests of its environments (which no task may use yet). With
 * `only`, the tasks of those functions alone (an editor's incremental analysis keeps the others).
 */
export function buildTasks(scope: ModuleScope, functions: FunctionModel[], only?: ReadonlySet<number>): { tasks: TaskModel[]; environmentRequests: SecretRequest[] } {
  const { text } = scope;
  const environments = new Map<string, Environment>();
  const tasks: TaskModel[] = [];

  for (const { name, call } of scope.assignedCalls) {
    const callee = call.childForFieldName('function');
    if (!callee) continue;
    const symbol = scope.symbolOf(callee);
    const args = callArguments(call, text);
    if (symbol === SYMBOLS.flyte2Environment || symbol === SYMBOLS.flyte2AppEnvironment) {
      const secrets = args.keywords.get('secrets')?.value;
      environments.set(name, { flavor: 'flyte2', list: secrets ? flyte2Requests(scope, secrets) : { requests: [], known: true }, span: secrets && spanOf(secrets) });
      continue;
    }
    if (symbol?.endsWith('.ActorEnvironment') || canonicalSymbol(symbol ?? '') === 'flytekit.ActorEnvironment') {
      const secrets = args.keywords.get('secret_requests')?.value;
      environments.set(name, { flavor: 'flytekit', list: secrets ? scope.requestList(secrets) : { requests: [], known: true }, span: secrets && spanOf(secrets) });
      continue;
    }
    if (callee.type === 'attribute' && textOf(callee.childForFieldName('attribute')!, text) === 'clone_with') {
      const baseName = textOf(callee.childForFieldName('object')!, text);
      const base = environments.get(baseName);
      const secrets = args.keywords.get('secrets')?.value;
      if (base) {
        environments.set(name, secrets ? { flavor: base.flavor, list: flyte2Requests(scope, secrets), span: spanOf(secrets) } : base);
      } else if (secrets && scope.bindings.has(baseName)) {
        // An environment imported from another module: `clone_with(secrets=...)` replaces its secrets, so
        // the clone's are known here (only Flyte 2's TaskEnvironment has clone_with).
        environments.set(name, { flavor: 'flyte2', list: flyte2Requests(scope, secrets), span: spanOf(secrets) });
      }
      continue;
    }
    const requests = args.keywords.get('secret_requests')?.value;
    if (requests && !only) {
      const list = scope.requestList(requests);
      tasks.push({
        name,
        kind: 'task-instance',
        flavor: 'flytekit',
        span: spanOf(call),
        requests: list.requests,
        requestsKnown: list.known,
        requestsSpan: spanOf(requests),
        consumedRequestIds: [],
        opaqueReason: `\`${textOf(callee, text)}\` runs code that flyte-secrets cannot see`,
      });
    }
  }

  scope.functions.forEach((fn, index) => {
    if (only && !only.has(index)) return;
    let kind: TaskKind | undefined;
    let flavor: SecretFlavor = 'flytekit';
    let list: RequestList = { requests: [], known: true };
    let requestsSpan: { start: number; end: number } | undefined;
    let requestsInsert: TaskModel['requestsInsert'];
    let opaqueReason: string | undefined;
    const consumed: SecretRequest[] = [];
    const helperDecorators: number[] = [];
    for (const decorator of fn.decorators) {
      const expression = decorator.namedChild(0);
      if (!expression) continue;
      const call = expression.type === 'call' ? expression : undefined;
      const callee = call ? call.childForFieldName('function')! : expression;
      const symbol = scope.symbolOf(callee);
      const taskKind = symbol ? TASK_DECORATORS[symbol] : undefined;
      if (taskKind) {
        kind = taskKind;
        const value = call && callArguments(call, text).keywords.get('secret_requests')?.value;
        if (value) {
          list = scope.requestList(value);
          requestsSpan = spanOf(value);
        }
        requestsInsert = insertionPoint(call, expression, value);
        continue;
      }
      const environment = environmentTask(callee, text, environments);
      if (environment) {
        kind = 'environment-task';
        flavor = environment.flavor;
        list = environment.list;
        requestsSpan = environment.span;
        continue;
      }
      if (symbol === SYMBOLS.workflow || symbol?.startsWith('flytekit.') || symbol?.startsWith('flyte.')) continue;
      const helper = callee.type === 'identifier' ? functions.findIndex((f) => f.name === textOf(callee, text)) : -1;
      if (helper >= 0) {
        helperDecorators.push(helper);
        continue;
      }
      const keywords = call ? callArguments(call, text).keywords : new Map();
      const secretArgs = [...keywords].filter(([name]) => SECRET_CONSUMING_KEYWORDS.has(name));
      for (const [, { value }] of secretArgs) {
        const secret = scope.secretValue(value);
        if (secret?.kind === 'secret') consumed.push(secret.request);
        else if (secret) consumed.push(...secret.requests);
        else opaqueReason ??= `passes \`${textOf(value, text)}\` to @${textOf(callee, text)}`;
      }
      if (!secretArgs.length) opaqueReason ??= `is decorated with @${textOf(callee, text)}, which flyte-secrets cannot see into`;
    }
    if (!kind) return;
    const function_ = functions[index]!;
    for (const helper of helperDecorators) if (!function_.calls.includes(helper)) function_.calls.push(helper);
    tasks.push({
      name: fn.name,
      kind,
      flavor,
      span: function_.nameSpan,
      functionIndex: index,
      requests: list.requests,
      requestsKnown: list.known,
      requestsSpan,
      requestsInsert,
      consumedRequestIds: list.requests.filter((r) => consumed.some((c) => sameSecret(c, r))).map((r) => r.id),
      opaqueReason,
    });
  });
  tasks.sort((a, b) => a.span.start - b.span.start);
  return { tasks, environmentRequests: [...environments.values()].flatMap((e) => e.list.requests) };
}

/** Where a `Secret(...)` goes: into the list, into the decorator's arguments, or after a bare `@task`. */
function insertionPoint(call: SyntaxNode | undefined, expression: SyntaxNode, value: SyntaxNode | undefined): TaskModel['requestsInsert'] {
  if (value) {
    if (value.type !== 'list') return undefined;
    return { offset: value.endIndex - 1, before: value.namedChildCount ? ', ' : '', after: '' };
  }
  if (!call) return { offset: expression.endIndex, before: '(secret_requests=[', after: '])' };
  const args = call.childForFieldName('arguments');
  if (!args) return undefined;
  return { offset: args.endIndex - 1, before: `${args.namedChildCount ? ', ' : ''}secret_requests=[`, after: ']' };
}

function environmentTask(callee: SyntaxNode, text: string, environments: Map<string, Environment>): Environment | undefined {
  if (callee.type !== 'attribute') return undefined;
  const object = unparenthesize(callee.childForFieldName('object')!);
  if (object.type !== 'identifier' || textOf(callee.childForFieldName('attribute')!, text) !== 'task') return undefined;
  return environments.get(textOf(object, text));
}

/** Flyte 2 `secrets=`: a string, a `Secret`, or a list of either. A bare string is `Secret(key=...)`. */
function flyte2Requests(scope: ModuleScope, node: SyntaxNode): RequestList {
  const target = unparenthesize(node);
  const elements = target.type === 'list' || target.type === 'tuple' ? target.namedChildren.filter((c) => c.type !== 'comment') : [target];
  const result: RequestList = { requests: [], known: true };
  for (const element of elements) {
    if (element.type === 'string' || element.type === 'concatenated_string') {
      result.requests.push({
        flavor: 'flyte2',
        key: scope.argValue(element),
        mount: 'ENV_VAR',
        span: spanOf(element),
        local: true,
        id: `${scope.filePath ?? ''}#${element.startIndex}`,
      });
      continue;
    }
    const part = scope.requestList(target.type === 'list' || target.type === 'tuple' ? wrapList(element) : element);
    result.requests.push(...part.requests);
    result.known &&= part.known;
  }
  return result;
}

/** `requestList` expects a list for `*splat` elements; other elements are handled on their own. */
function wrapList(element: SyntaxNode): SyntaxNode {
  return element.type === 'list_splat' ? element.namedChild(0) ?? element : element;
}

function sameSecret(a: SecretRequest, b: SecretRequest): boolean {
  if (a.id === b.id) return true;
  const value = (v: SecretRequest['group']) => (v?.value.known ? v.value.value : v ? undefined : null);
  const ga = value(a.group);
  const ka = value(a.key);
  return ga !== undefined && ka !== undefined && ga === value(b.group) && ka === value(b.key);
}
