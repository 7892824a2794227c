import { reachableFunctions } from '../model/analyze.js';
import { DirectReadClassifier, injectedNames } from './injected-names.js';
import { formatName, isKnownName, matchRead, requestName } from './secret-matching.js';
import type { CoreRule, Finding } from './types.js';

export const noUnusedSecretRequest: CoreRule = {
  name: 'no-unused-secret-request',
  meta: {
    type: 'suggestion',
    description: 'Disallow requesting a secret that the task never reads',
    recommended: 'warn',
    messages: {
      unused:
        'Task `{{task}}` requests secret {{secret}} but never reads it: remove it from secret_requests (every requested secret is mounted into the pod), or read it with current_context().secrets.get(...).',
    },
    schema: [],
    defaultOptions: [],
    languages: ['python'],
  },
  check({ analysis, config }) {
    const findings: Finding[] = [];
    const model = analysis.module;
    for (const task of model.tasks) {
      if (task.flavor !== 'flytekit' || task.functionIndex === undefined || task.opaqueReason) continue;
      const functions = reachableFunctions(model, task).map((i) => model.functions[i]!);
      if (functions.some((fn) => fn.opaqueReason)) continue;
      const used = new Set<string>(task.consumedRequestIds);
      let unknownRead = false;
      // What flytekit or a plugin reads for the task (certain or not) is a use too.
      for (const read of [...functions.flatMap((fn) => fn.reads), ...(task.libraryReads ?? []).map((library) => library.read)]) {
        const match = matchRead(read, task);
        if (match.kind === 'unknown') unknownRead = true;
        else if (match.kind === 'match' || match.kind === 'near') used.add(match.request.id);
      }
      if (unknownRead) continue; // an unresolvable read may be the one that uses each request
      // A direct read of the request's variable or file (even under the guide's wrong FLYTE_SECRETS_
      // name) is meant as a use: no-direct-secret-access reports it.
      const classifier = new DirectReadClassifier(task.requests, config);
      const indexes = new Set(functions.map((fn) => fn.index));
      for (const direct of model.directReads) {
        const request = direct.functionIndex !== undefined && indexes.has(direct.functionIndex) ? classifier.classify(direct)?.request : undefined;
        if (request) used.add(request.id);
      }
      const body = functions.map((fn) => analysis.text.slice(fn.bodySpan.start, fn.bodySpan.end)).join('\n').toUpperCase();
      for (const request of task.requests) {
        if (used.has(request.id) || request.envVar) continue; // an env_var is read by libraries, unseen
        const name = requestName(request);
        if (!isKnownName(name)) continue;
        // Reading the injected variable or file directly is still a use (no-direct-secret-access objects to it).
        if (injectedNames(request, config).some((direct) => body.includes(direct.toUpperCase()))) continue;
        findings.push({ messageId: 'unused', data: { task: task.name, secret: formatName(name) }, span: request.span });
      }
    }
    return findings;
  },
};
