// Completion inside the string arguments of `Secret(...)` and of secret reads: groups, then the
// keys of the chosen group, from the requests in reach (a read's tasks, or the whole module).
import { requestName, requestsOf, secretArgumentAt, type ModuleModel, type SecretRequest } from '@flyte-secrets/core';
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver';
import type { PythonDocument } from './documents.js';
import { toRange } from './positions.js';

interface Candidate {
  value: string;
  /** Where the name comes from, shown next to it. */
  detail: string;
}

/** The requests a completion may offer, and what to say about where each comes from. */
function requestsInReach(model: ModuleModel, tasks: { name: string; requests: SecretRequest[] }[], site: 'read' | 'request') {
  if (site === 'read') return tasks.flatMap((task) => task.requests.map((request) => ({ request, detail: `requested by task ${task.name}` })));
  return requestsOf(model).map((request) => ({ request, detail: 'requested in this module' }));
}

export function completions(document: PythonDocument, model: ModuleModel, position: Position): CompletionItem[] {
  const text = document.text;
  const argument = secretArgumentAt(model, text, document.document.offsetAt(position));
  if (!argument) return [];
  const candidates = new Map<string, Candidate>();
  for (const { request, detail } of requestsInReach(model, argument.tasks, argument.site.kind)) {
    const name = requestName(request);
    let value: string | null | undefined;
    if (argument.role === 'group') value = name.group;
    else if (argument.group === undefined || name.group === argument.group || (argument.group === null && !name.group)) value = name.key;
    if (typeof value !== 'string' || !value) continue;
    const known = candidates.get(value);
    candidates.set(value, { value, detail: known && known.detail !== detail ? `${known.detail}; ${detail}` : detail });
  }
  const range = toRange(document.document, argument.content);
  return [...candidates.values()].map((candidate) => ({
    label: candidate.value,
    kind: CompletionItemKind.Value,
    detail: candidate.detail,
    textEdit: { range, newText: candidate.value },
  }));
}
