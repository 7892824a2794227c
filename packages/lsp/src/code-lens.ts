// A code lens above each task that requests secrets: "secrets: 3/3 namespaces", or what is missing
// where ("db/password missing in payments-production").
import { definitionStart, managerFor, requestName, type ModuleModel } from '@flyte-secrets/core';
import type { CodeLens } from 'vscode-languageserver';
import type { PythonDocument } from './documents.js';
import type { FileInventory } from './inventories.js';

/** A task whose secrets come from the Flyte secret store: which keys lack a scope for which project-domain pairs. */
function storeSummary(task: ModuleModel['tasks'][number], inventory: FileInventory): string | undefined {
  const { index, targets } = inventory;
  const keys = task.requests.map((request) => requestName(request).key).filter((key): key is string => typeof key === 'string' && !!key);
  if (!keys.length || !targets.length || !index.hasEntriesFor('Union')) return undefined;
  const checks = keys.map((key) => index.check({ group: '', key }, targets, 'Union'));
  const missing = checks.filter((check) => check.missing);
  if (!missing.length) {
    const partial = checks.filter((check) => check.notEverywhere).map((check) => check.request.key);
    return `secrets: ${checks.length}/${checks.length} in the Flyte secret store for ${targets.length} project/domain pair(s)${partial.length ? ` (not in every cluster: ${partial.join(', ')})` : ''}`;
  }
  const [first, ...others] = missing.map((check) => {
    const lacking = check.namespaces.filter((n) => n.status === 'missing-secret').map((n) => `${n.target.project}/${n.target.domain}`);
    return `${check.request.key} missing from the store for ${lacking.join(', ')}`;
  });
  return others.length ? `${first} (and ${others.length} more missing)` : first;
}

function summary(model: ModuleModel['tasks'][number], inventory: FileInventory): string | undefined {
  const { index, config, targets } = inventory;
  const names = model.requests.map(requestName).filter((n): n is { group: string; key: string; groupVersion: string | null | undefined } => typeof n.group === 'string' && typeof n.key === 'string');
  if (!names.length || config.secretManager === 'Global') return undefined;
  const checks = names.map((name) => index.check({ group: name.group, key: name.key }, targets, config.secretManager));
  const missing = checks.filter((check) => check.missing);
  if (config.secretManager !== 'K8s') {
    if (!missing.length) return `secrets: all ${checks.length} in the ${config.secretManager} inventory`;
    return `${missing.map((c) => `${c.request.group}/${c.request.key}`).join(', ')} not in the ${config.secretManager} inventory`;
  }
  if (!targets.length) return undefined;
  if (!missing.length) return `secrets: ${targets.length}/${targets.length} namespaces`;
  const [first, ...others] = missing.map((check) => {
    const lacking = check.namespaces.filter((n) => n.status === 'missing-secret' || n.status === 'missing-key').map((n) => n.target.namespace);
    return `${check.request.group}/${check.request.key} missing in ${lacking.join(', ')}`;
  });
  return others.length ? `${first} (and ${others.length} more missing)` : first;
}

export function codeLenses(document: PythonDocument, model: ModuleModel, inventory: FileInventory | undefined): CodeLens[] {
  if (!inventory) return [];
  const lenses: CodeLens[] = [];
  for (const task of model.tasks) {
    if (!task.requestsKnown) continue;
    const title = managerFor(task.flavor, inventory.config.secretManager) === 'Union' ? storeSummary(task, inventory) : summary(task, inventory);
    if (!title) continue;
    const at = document.document.positionAt(definitionStart(document.tree().rootNode, task.span.start));
    // An empty command: the lens is information, not an action.
    lenses.push({ range: { start: at, end: at }, command: { title, command: '' } });
  }
  return lenses;
}
