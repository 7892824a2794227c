// Rule 6: a request whose Secret or key is missing from one of the namespaces the task runs in,
// checked against the inventory built from the configured manifests and cluster dumps; a Flyte 2
// request (and a flytekit one under `secret-manager = "Union"`), against the Flyte secret store's
// listing for each project-domain pair the task runs in.
import type { FlyteSecretsConfig } from '../config/config.js';
import { describePlacement, describeProblem, describeSource, describeStoreScope, listForMessage } from '../inventory/describe.js';
import { displayPath } from '../inventory/files.js';
import { NO_NAMESPACE_REASON } from '../inventory/kubernetes.js';
import { getInventory, managerFor, type InventoryIndex, type SecretCheck } from '../inventory/inventory-index.js';
import { targetsFor, type NamespaceTarget } from '../inventory/targets.js';
import type { InventoryEntry } from '../inventory/types.js';
import type { ArgValue, ModuleModel, SecretRequest } from '../model/types.js';
import { knownValue } from './secret-matching.js';
import type { CoreRule, Finding, RuleContext, Suggestion } from './types.js';

const MANAGER_SOURCES = {
  AWS: 'an `aws secretsmanager list-secrets` dump',
  GCP: 'a `gcloud secrets list --format=json` dump',
  Vault: 'Vault agent annotations or VaultStaticSecrets',
  Union: 'Flyte secret store listing (`flyte get secret -o json-raw`)',
};

/**
 * The requests to check, once each: every task's, and every Flyte 2 environment's even when no
 * task of this module uses it (an environment module imported by task modules is checked where
 * its `flyte.Secret(...)` is written).
 */
function checkedRequests(model: ModuleModel): SecretRequest[] {
  const byId = new Map<string, SecretRequest>();
  for (const task of model.tasks) for (const request of task.requests) byId.set(request.id, request);
  for (const request of model.environmentRequests) if (!byId.has(request.id)) byId.set(request.id, request);
  return [...byId.values()];
}

const pair = (target: NamespaceTarget) => `${target.project}/${target.domain}`;

/** The findings for one store request: missing for some project-domain pairs, or listed as not in every cluster. */
function storeFindings(check: SecretCheck, request: SecretRequest, config: FlyteSecretsConfig): Finding[] {
  const root = config.root ?? process.cwd();
  const { key } = check.request;
  const suggestions = suggestionsFor(check, request);
  const common = { span: request.span, ...(suggestions ? { suggestions } : {}) };
  if (check.missing) {
    const lacking = check.namespaces.filter((n) => n.status === 'missing-secret').map((n) => pair(n.target));
    const parts: string[] = [];
    const listed = [...check.namespaces.flatMap((n) => n.placements), ...check.elsewhere];
    const seen = new Set<InventoryEntry>();
    const where = listed.filter((p) => !seen.has(p.entry) && seen.add(p.entry)).map((p) => `${describeStoreScope(p.entry)} (${describeSource(p.entry, root)})`);
    if (where.length) parts.push(`Listed for ${listForMessage(where)}.`);
    if (check.note) parts.push(check.note);
    if (check.didYouMean?.key) parts.push(`Did you mean "${check.didYouMean.key}"?`);
    return [{ messageId: 'missingFromStore', data: { key, missing: listForMessage(lacking, 6), details: parts.length ? ` ${parts.join(' ')}` : '' }, ...common }];
  }
  const partial = check.notEverywhere?.[0];
  if (!partial) return [];
  const { status, missingIn } = partial.entry.notEverywhere!;
  const clusters = missingIn.length ? `it is MISSING in ${listForMessage(missingIn)}` : `its status is ${status}`;
  return [{ messageId: 'notInEveryCluster', data: { key, clusters, source: describeSource(partial.entry, root) }, span: request.span }];
}


/** Tells the user once per configuration why the rule checks nothing, or which files it could not read. */
function reportInventoryProblems(index: InventoryIndex, config: FlyteSecretsConfig, requests: SecretRequest[], warn: RuleContext['warn']): void {
  if (!warn) return;
  const base = process.cwd();
  for (const problem of index.problems) if (problem.severity === 'warning') warn(`inventory: ${describeProblem(problem, base)}`);
  const manager = requests.some((r) => managerFor(r.flavor, config.secretManager) === 'Union') ? 'Union' : config.secretManager;
  if (manager !== 'Global' && !index.hasEntriesFor(manager)) {
    const what = manager === 'K8s' ? 'Kubernetes secrets' : `${MANAGER_SOURCES[manager]}`;
    warn(`inventory: no ${what} found in the manifests/inventory of ${config.source ?? 'the ESLint settings'}; secret-exists-in-namespaces has nothing to check against (run \`npx flyte-secrets inventory\` to see what was read)`);
  }
}

/** A replacement for a plain string literal written in this file (`"db-creds"` -> `"db_creds"`). */
function literalEdit(arg: ArgValue | undefined, request: SecretRequest, replacement: string) {
  if (!arg || !request.local) return undefined;
  const literal = /^(["'])([^"'\\\n]*)\1$/.exec(arg.text);
  if (!literal || literal[2] !== knownValue(arg)) return undefined;
  return [{ span: arg.span, text: `${literal[1]}${replacement}${literal[1]}` }];
}

function details(check: SecretCheck, root: string): string {
  const parts: string[] = [];
  const { group, key } = check.request;
  const present = [
    ...check.namespaces.filter((n) => n.status === 'present' || n.status === 'keys-unknown').flatMap((n) => n.placements.slice(0, 1)),
    ...check.elsewhere.filter((p) => p.namespace !== undefined),
  ];
  if (present.length) parts.push(`Present in ${listForMessage(present.map((p) => describePlacement(p, root)))}.`);
  const unplaced = check.elsewhere.filter((p) => p.namespace === undefined && p.entry.scope.kind === 'unresolved');
  const withoutNamespace = unplaced.filter((p) => p.entry.scope.kind === 'unresolved' && p.entry.scope.reason === NO_NAMESPACE_REASON);
  if (withoutNamespace.length) {
    parts.push(
      `Found without a namespace in ${listForMessage(withoutNamespace.map((p) => describeSource(p.entry, root)))}: whoever applies it picks the namespace; set metadata.namespace (or a kustomization namespace) to count it.`,
    );
  }
  for (const p of unplaced.filter((u) => !withoutNamespace.includes(u))) {
    parts.push(`Found in ${describeSource(p.entry, root)}, whose namespace is unknown (${(p.entry.scope as { reason: string }).reason}).`);
  }
  const lackingKey = check.namespaces.filter((n) => n.status === 'missing-key');
  if (lackingKey.length && check.namespaces.some((n) => n.status === 'missing-secret')) {
    parts.push(`In ${listForMessage(lackingKey.map((n) => n.target.namespace))} it has no key "${key}".`);
  }
  for (const n of lackingKey.slice(0, 1)) parts.push(`Keys in ${n.target.namespace} (${describeSource(n.placements[0]!.entry, root)}): ${listForMessage(n.keys, 8) || 'none'}.`);
  if (check.hashed.length) {
    parts.push(
      `kustomize generates it as "${group}-<hash>" (${describeSource(check.hashed[0]!.entry, root)}), which never matches a Flyte group: set options.disableNameSuffixHash: true.`,
    );
  }
  if (check.note) parts.push(check.note);
  if (check.didYouMean?.group) parts.push(`Did you mean "${check.didYouMean.group}"?`);
  if (check.didYouMean?.key) parts.push(`Did you mean key "${check.didYouMean.key}"?`);
  return parts.length ? ` ${parts.join(' ')}` : '';
}

function suggestionsFor(check: SecretCheck, request: SecretRequest): Suggestion[] | undefined {
  const suggestions: Suggestion[] = [];
  const { group, key } = check.didYouMean ?? {};
  const groupEdit = group ? literalEdit(request.group, request, group) : undefined;
  if (groupEdit) suggestions.push({ messageId: 'useExisting', data: { what: 'group', name: group! }, edits: groupEdit });
  const keyEdit = key ? literalEdit(request.key, request, key) : undefined;
  if (keyEdit) suggestions.push({ messageId: 'useExisting', data: { what: 'key', name: key! }, edits: keyEdit });
  return suggestions.length ? suggestions : undefined;
}

function finding(check: SecretCheck, request: SecretRequest, config: FlyteSecretsConfig, index: InventoryIndex): Finding {
  const root = config.root ?? process.cwd();
  const { group, key } = check.request;
  const suggestions = suggestionsFor(check, request);
  const common = { span: request.span, ...(suggestions ? { suggestions } : {}) };
  if (check.manager !== 'K8s') {
    const sources = [...new Set(index.entries.filter((e) => e.scope.kind === 'manager' && e.scope.manager === check.manager).map((e) => displayPath(root, e.source.file)))];
    const secret = check.manager === 'GCP' ? `"${group}"` : `"${group}" / "${key}"`;
    return { messageId: 'missingFromManager', data: { secret, manager: check.manager, sources: listForMessage(sources, 3), details: details(check, root) }, ...common };
  }
  const lacking = check.namespaces.filter((n) => n.status === 'missing-secret').map((n) => n.target.namespace);
  if (lacking.length) return { messageId: 'missingSecret', data: { group, key, missing: listForMessage(lacking, 6), details: details(check, root) }, ...common };
  const lackingKey = check.namespaces.filter((n) => n.status === 'missing-key').map((n) => n.target.namespace);
  return { messageId: 'missingKey', data: { group, key, missing: listForMessage(lackingKey, 6), details: details(check, root) }, ...common };
}

export const secretExistsInNamespaces: CoreRule = {
  name: 'secret-exists-in-namespaces',
  meta: {
    type: 'problem',
    description: "Require every requested secret and key to exist in each namespace the task runs in, according to the cluster's manifests",
    recommended: 'error',
    hasSuggestions: true,
    messages: {
      missingSecret:
        'Secret "{{group}}" (key "{{key}}") is missing from {{missing}}: Flyte mounts secrets as optional, so the task starts there and fails when it reads the secret.{{details}}',
      missingKey:
        'Secret "{{group}}" has no key "{{key}}" in {{missing}}: Flyte mounts secrets as optional, so the task starts there and fails when it reads the secret.{{details}}',
      missingFromStore:
        'Secret "{{key}}" is not in the Flyte secret store for {{missing}}: no scope that applies there (project-domain, domain, project, organization) lists it, so the task fails to start ("secret not found across all scopes").{{details}}',
      notInEveryCluster:
        'Secret "{{key}}" is in the Flyte secret store, but not in every cluster ({{clusters}}, {{source}}): a task scheduled on such a cluster fails to start.',
      missingFromManager:
        'Secret {{secret}} is not in the {{manager}} inventory ({{sources}}): the {{manager}} secret manager cannot inject it when the task starts.{{details}}',
      useExisting: 'Use the {{what}} "{{name}}", which exists in the inventory.',
    },
    schema: [],
    defaultOptions: [],
    languages: ['python'],
  },
  check({ analysis, config, warn }) {
    const manager = config.secretManager;
    const targets = targetsFor(analysis.filePath, config);
    const requests = checkedRequests(analysis.module).filter((request) => managerFor(request.flavor, manager) !== 'Global');
    if (!targets.length || !requests.length) return [];
    const index = getInventory(config);
    if (!index.configured) return [];
    reportInventoryProblems(index, config, requests, warn);
    const findings: Finding[] = [];
    for (const request of requests) {
      const checkedBy = managerFor(request.flavor, manager);
      const store = checkedBy === 'Union';
      // Global secrets live in the webhook's own environment: nothing lists them.
      if (checkedBy === 'Global' || !index.hasEntriesFor(checkedBy)) continue;
      const key = request.key ? knownValue(request.key) : manager === 'GCP' && !store ? '' : undefined;
      // The store ignores group, so an unresolvable one does not stop the check.
      const group = request.group ? (knownValue(request.group) ?? (store ? '' : undefined)) : store ? '' : undefined;
      if (group === undefined || key === undefined || (!store && !group) || (store && !key)) continue;
      const check = index.check({ group, key }, targets, checkedBy);
      if (store) findings.push(...storeFindings(check, request, config));
      else if (check.missing) findings.push(finding(check, request, config, index));
    }
    return findings;
  },
};
