import { reachableFunctions } from '../model/analyze.js';
import { DirectReadClassifier, injectedNames } from './injected-names.js';
import { formatName, isKnownName, matchRead, requestName } from './secret-matching.js';
import type { SecretRequest, TaskModel } from '../model/types.js';
import type { CoreRule, Finding, RuleContext } from './types.js';

export const noUnusedSecretRequest: CoreRule = {
  name: 'no-unused-secret-request',
  meta: {
    type: 'suggestion',
    description: 'Disallow requesting a secret that the task never reads',
    recommended: 'warn',
    messages: {
      unused:
        'Task `{{task}}` requests secret {{secret}} but never reads it: remove it from secret_requests (every requested secret is mounted into the pod), or read it with current_context().secrets.get(...).',
      unusedByEnvironment:
        "No task of the environment ({{tasks}}) reads secret {{secret}}: remove it from the environment's secret_requests (every requested secret is mounted into each task's pod), or read it with current_context().secrets.get(...).",
    },
    schema: [],
    defaultOptions: [],
    languages: ['python'],
  },
  check({ analysis, config }) {
    const findings: Finding[] = [];
    // The tasks of one environment (Union's ActorEnvironment) share its requests: a request is
    // unused only when none of them reads it, and it is reported once.
    const groups = new Map<string, TaskModel[]>();
    for (const task of analysis.module.tasks) {
      if (task.flavor !== 'flytekit' || task.functionIndex === undefined) continue;
      const key = task.kind === 'environment-task' && task.requestsSpan ? `environment@${task.requestsSpan.start}` : `task@${task.span.start}`;
      groups.set(key, [...(groups.get(key) ?? []), task]);
    }
    for (const tasks of groups.values()) {
      const unused = tasks.map((task) => unusedRequests(task, analysis, config));
      if (unused.some((list) => list === undefined)) continue;
      for (const request of unused[0]!) {
        if (!unused.every((list) => list!.includes(request))) continue;
        const secret = formatName(requestName(request));
        findings.push(
          tasks.length === 1
            ? { messageId: 'unused', data: { task: tasks[0]!.name, secret }, span: request.span }
            : { messageId: 'unusedByEnvironment', data: { tasks: tasks.map((t) => `\`${t.name}\``).join(', '), secret }, span: request.span },
        );
      }
    }
    return findings;
  },
};

/** The requests of a task that nothing it runs reads, or undefined when that cannot be known. */
function unusedRequests(task: TaskModel, analysis: RuleContext['analysis'], config: RuleContext['config']): SecretRequest[] | undefined {
  const model = analysis.module;
  if (task.opaqueReason) return undefined;
  const functions = reachableFunctions(model, task).map((i) => model.functions[i]!);
  if (functions.some((fn) => fn.opaqueReason)) return undefined;
  const used = new Set<string>(task.consumedRequestIds);
  // What flytekit or a plugin reads for the task (certain or not) is a use too.
  for (const read of [...functions.flatMap((fn) => fn.reads), ...(task.libraryReads ?? []).map((library) => library.read)]) {
    const match = matchRead(read, task);
    if (match.kind === 'unknown') return undefined; // an unresolvable read may be the one that uses each request
    if (match.kind === 'match' || match.kind === 'near') used.add(match.request.id);
  }
  // A direct read of the request's variable or file (even under the guide's wrong FLYTE_SECRETS_
  // name) is meant as a use: no-direct-secret-access reports it.
  const classifier = new DirectReadClassifier(task.requests, config);
  const indexes = new Set(functions.map((fn) => fn.index));
  for (const direct of model.directReads) {
    const request = direct.functionIndex !== undefined && indexes.has(direct.functionIndex) ? classifier.classify(direct)?.request : undefined;
    if (request) used.add(request.id);
  }
  const body = functions.map((fn) => analysis.text.slice(fn.bodySpan.start, fn.bodySpan.end)).join('\n').toUpperCase();
  return task.requests.filter((request) => {
    if (used.has(request.id) || request.envVar) return false; // an env_var is read by libraries, unseen
    if (!isKnownName(requestName(request))) return false;
    // Reading the injected variable or file directly is still a use (no-direct-secret-access objects to it).
    return !injectedNames(request, config).some((direct) => body.includes(direct.toUpperCase()));
  });
}
