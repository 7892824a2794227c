// Completion inside the string arguments of `Secret(...)` and of secret reads: groups, then the
// keys of the chosen group, from the inventory (saying in which target namespaces each exists) and
// from the requests in reach (a read's tasks, or the whole module).
import { managerFor, requestName, requestsOf, secretArgumentAt, type ModuleModel, type SecretRequest } from '@flyte-secrets/core';
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver';
import type { PythonDocument } from './documents.js';
import type { FileInventory } from './inventories.js';
import { toRange } from './positions.js';

interface Candidate {
  value: string;
  /** Where the name comes from, shown next to it. */
  details: string[];
  /** Sorts what exists in every target namespace first, then what exists in some, then the rest. */
  rank: number;
}

/** The requests a completion may offer, and what to say about where each comes from. */
function requestsInReach(model: ModuleModel, tasks: { name: string; requests: SecretRequest[] }[], site: 'read' | 'request') {
  if (site === 'read') return tasks.flatMap((task) => task.requests.map((request) => ({ request, detail: `requested by task ${task.name}` })));
  return requestsOf(model).map((request) => ({ request, detail: 'requested in this module' }));
}

/** `in a, b` or `in a; missing in b` (namespaces, or `project/domain` pairs of the Flyte secret store). */
function presence(places: string[], all: string[]): { detail: string; rank: number } {
  const missing = all.filter((place) => !places.includes(place));
  return { detail: `in ${places.join(', ')}${missing.length ? `; missing in ${missing.join(', ')}` : ''}`, rank: missing.length ? 1 : 0 };
}

export function completions(document: PythonDocument, model: ModuleModel, position: Position, inventory: FileInventory | undefined): CompletionItem[] {
  const argument = secretArgumentAt(model, document.text, document.document.offsetAt(position));
  if (!argument) return [];
  const candidates = new Map<string, Candidate>();
  const add = (value: string | null | undefined, detail: string, rank: number) => {
    if (typeof value !== 'string' || !value) return;
    const known = candidates.get(value) ?? { value, details: [], rank };
    if (!known.details.includes(detail)) known.details.push(detail);
    known.rank = Math.min(known.rank, rank);
    candidates.set(value, known);
  };
  const flavor = argument.site.kind === 'request' ? argument.site.request.flavor : 'flytekit';
  if (inventory?.targets.length && managerFor(flavor, inventory.config.secretManager) === 'Union') {
    // The store names a secret by key alone: offer its secrets as keys, never as groups.
    if (argument.role === 'key') {
      const all = inventory.targets.map((t) => `${t.project}/${t.domain}`);
      for (const [value, served] of inventory.index.storeNamesFor(inventory.targets)) {
        const { detail, rank } = presence(served, all);
        add(value, `Flyte secret store, ${detail}`, rank);
      }
    }
  } else if (inventory?.targets.length) {
    const found = argument.role === 'group' ? inventory.index.groupsFor(inventory.targets) : typeof argument.group === 'string' ? inventory.index.keysFor(argument.group, inventory.targets) : new Map<string, string[]>();
    const all = inventory.targets.map((t) => t.namespace);
    for (const [value, namespaces] of found) {
      const { detail, rank } = presence(namespaces, all);
      add(value, detail, rank);
    }
  }
  for (const { request, detail } of requestsInReach(model, argument.tasks, argument.site.kind)) {
    const name = requestName(request);
    if (argument.role === 'group') add(name.group, detail, 2);
    else if (argument.group === undefined || name.group === argument.group || (argument.group === null && !name.group)) add(name.key, detail, 2);
  }
  const range = toRange(document.document, argument.content);
  return [...candidates.values()].map((candidate, order) => ({
    label: candidate.value,
    kind: CompletionItemKind.Value,
    detail: candidate.details.join('; '),
    sortText: `${candidate.rank}${String(order).padStart(4, '0')}`,
    textEdit: { range, newText: candidate.value },
  }));
}
