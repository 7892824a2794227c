// Human-readable pieces of the inventory, shared by the rule's messages, the language server's
// hovers and the `flyte-secrets inventory` command. Names, keys and places only, never values.
import { displayPath } from './files.js';
import type { Placement } from './inventory-index.js';
import type { InventoryEntry, InventoryProblem, SecretScope } from './types.js';

/** `deploy/dev/db.yaml:4`, relative to the configuration's folder. */
export function describeSource(entry: InventoryEntry, root: string): string {
  return `${displayPath(root, entry.source.file)}:${entry.source.line}`;
}

/** Where an entry lives: a namespace, "all project-domain namespaces", "no namespace", or a secret manager. */
export function describeScope(scope: SecretScope): string {
  switch (scope.kind) {
    case 'namespace':
      return scope.namespace;
    case 'project-namespaces':
      return 'every project-domain namespace';
    case 'unresolved':
      return `(no namespace: ${scope.reason})`;
    case 'manager':
      return `${scope.manager} secret manager`;
    case 'flyte-store':
      return `Flyte secret store: ${storeScopeText(scope)}`;
  }
}

function storeScopeText(scope: Extract<SecretScope, { kind: 'flyte-store' }>): string {
  if (scope.project && scope.domain) return `${scope.project}/${scope.domain}`;
  if (scope.domain) return `domain ${scope.domain}`;
  return scope.project ? `project ${scope.project}` : 'organization';
}

/** A store entry's scope for a message: `the organization`, `domain staging`, `payments/production`, plus its type. */
export function describeStoreScope(entry: InventoryEntry): string {
  if (entry.scope.kind !== 'flyte-store') return describeScope(entry.scope);
  const text = storeScopeText(entry.scope);
  return `${text === 'organization' ? 'the organization' : text}${entry.imagePull ? ' (image-pull secret)' : ''}`;
}

/** `flytesnacks-development (deploy/dev/db.yaml:4)`. */
export function describePlacement(placement: Placement, root: string): string {
  const where = placement.namespace ?? (placement.entry.scope.kind === 'unresolved' ? 'no namespace' : describeScope(placement.entry.scope));
  return `${where} (${describeSource(placement.entry, root)})`;
}

/** Joins a list for a message, cutting it after `max` items. */
export function listForMessage(items: string[], max = 4): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** One problem as a line for a warning: `deploy/bad.yaml:3: invalid YAML: bad indentation`. */
export function describeProblem(problem: InventoryProblem, root: string): string {
  return `${displayPath(root, problem.file)}${problem.line ? `:${problem.line}` : ''}: ${problem.reason}`;
}
