// The queryable inventory of one configuration, shared by the ESLint rule and the language server:
// which secrets (and keys) exist in which namespace, where each is written, and what a request
// lacks. Built once per configuration and process, and rebuilt only when a file's stamp changes.
import { distance } from 'fastest-levenshtein';
import type { FlyteSecretsConfig, SecretManager } from '../config/config.js';
import { isNearName } from '../rules/secret-matching.js';
import { scanInventory, clearFileReads, type InventoryScan, type InventorySource, type ScanOptions } from './scan.js';
import { fillTemplate, projectNamespaces, targetsFor, type NamespaceTarget } from './targets.js';
import type { SecretFlavor } from '../model/types.js';
import type { ExternalManager, InventoryEntry, InventoryProblem, SecretKey } from './types.js';

/** One entry as it applies to one namespace (a cluster-resource template gives one per project namespace). */
export interface Placement {
  entry: InventoryEntry;
  /** The secret's name there (a template's `{{ project }}`/`{{ domain }}` filled in). */
  name: string;
  /** The Kubernetes namespace; absent for unresolved entries and for AWS/GCP/Vault. */
  namespace?: string;
}

export type NamespaceStatus = 'present' | 'missing-secret' | 'missing-key' | 'keys-unknown';

export interface NamespaceCheck {
  target: NamespaceTarget;
  status: NamespaceStatus;
  /** The entries that create the secret in this namespace. */
  placements: Placement[];
  /** The keys known to exist there. */
  keys: string[];
}

export interface SecretRequestName {
  group: string;
  key: string;
}

export interface SecretCheck {
  manager: SecretManager;
  request: SecretRequestName;
  /** K8s: one result per target namespace. */
  namespaces: NamespaceCheck[];
  /** AWS, GCP, Vault: the entries that match (empty when missing). */
  matches: Placement[];
  /** Something the request needs is missing somewhere. */
  missing: boolean;
  /** K8s: the same Secret outside the target namespaces (other namespaces, no namespace). */
  elsewhere: Placement[];
  /** K8s: kustomize generators that create `<group>-<hash>`, which never matches a group. */
  hashed: Placement[];
  /** A near miss of the group or key that exists. */
  didYouMean?: { group?: string; key?: string };
  /** A sentence explaining a likely misunderstanding of the secret manager. */
  note?: string;
  /** Flyte secret store: the entries that serve a target but are not in every cluster. */
  notEverywhere?: Placement[];
}

/**
 * Which inventory a request is checked against: a Flyte 2 request always gets its secrets from the
 * Flyte secret store (`secret-manager` describes flytekit's webhook); a flytekit one from the
 * configured manager, which is the store under `Union`.
 */
export function managerFor(flavor: SecretFlavor, manager: SecretManager): SecretManager {
  return flavor === 'flyte2' ? 'Union' : manager;
}

/** 'Union': the Flyte secret store (Flyte 2's embedded secret manager, Union's secrets). */
type Scope = 'K8s' | ExternalManager | 'Union';

function scopeOf(entry: InventoryEntry): Scope {
  if (entry.scope.kind === 'manager') return entry.scope.manager;
  return entry.scope.kind === 'flyte-store' ? 'Union' : 'K8s';
}

/**
 * Which store entry a task of (project, domain) gets, as the embedded secret manager looks a key
 * up (flyteorg/flyte `embedded_secret_manager.go` `lookUpSecret`): project-domain, then domain,
 * then organization. A project-only secret (Union's guide; the open-source service refuses to
 * create one) is ranked between domain and organization; which of two existing ones wins only
 * changes which listing line we point at. -1: the entry does not apply.
 */
function storeRank(entry: InventoryEntry, target: { project: string; domain: string }): number {
  const scope = entry.scope;
  if (scope.kind !== 'flyte-store') return -1;
  if (scope.project !== undefined && scope.project !== target.project) return -1;
  if (scope.domain !== undefined && scope.domain !== target.domain) return -1;
  if (scope.project !== undefined && scope.domain !== undefined) return 0;
  if (scope.domain !== undefined) return 1;
  return scope.project !== undefined ? 2 : 3;
}
const byText = (a: string, b: string) => a.localeCompare(b);

function nearest(wanted: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (!isNearName(wanted, candidate)) continue;
    const d = distance(wanted.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance || (d === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

const AWS_ARN = /^arn:aws[\w-]*:secretsmanager:[^:]*:[^:]*:secret:(.+)$/;
/** AWS appends `-` and 6 random characters to every secret's ARN. */
const AWS_ARN_SUFFIX = /-[A-Za-z0-9]{6}$/;
const GCP_RESOURCE = /^projects\/[^/]+\/secrets\/([^/]+)$/;

export class InventoryIndex {
  readonly scan: InventoryScan;
  /** The project-domain namespaces of the configuration this index was resolved for. */
  readonly projectNamespaces: NamespaceTarget[];
  readonly #byName = new Map<string, Placement[]>();
  readonly #byNamespace = new Map<string, Map<string, Placement[]>>();
  readonly #scopes = new Set<Scope>();

  constructor(scan: InventoryScan, namespaces: NamespaceTarget[]) {
    this.scan = scan;
    this.projectNamespaces = namespaces;
    for (const entry of scan.entries) {
      this.#scopes.add(scopeOf(entry));
      if (entry.scope.kind === 'project-namespaces') {
        for (const target of namespaces) this.#add({ entry, name: fillTemplate(entry.name, target), namespace: target.namespace });
      } else {
        this.#add({ entry, name: entry.name, namespace: entry.scope.kind === 'namespace' ? entry.scope.namespace : undefined });
      }
    }
  }

  #add(placement: Placement): void {
    const named = this.#byName.get(placement.name) ?? [];
    named.push(placement);
    this.#byName.set(placement.name, named);
    if (placement.namespace === undefined) return;
    const inNamespace = this.#byNamespace.get(placement.namespace) ?? new Map<string, Placement[]>();
    inNamespace.set(placement.name, [...(inNamespace.get(placement.name) ?? []), placement]);
    this.#byNamespace.set(placement.namespace, inNamespace);
  }

  /** The store entry that serves a secret to a task of (project, domain), if any. */
  storeEntryFor(name: string, target: { project: string; domain: string }): InventoryEntry | undefined {
    let best: InventoryEntry | undefined;
    let bestRank = Infinity;
    for (const { entry } of this.lookup(name)) {
      const rank = storeRank(entry, target);
      if (rank >= 0 && rank < bestRank) {
        best = entry;
        bestRank = rank;
      }
    }
    return best;
  }

  /** Completion of Flyte 2 keys: each store secret that serves some target, with the targets (`project/domain`) it serves. */
  storeNamesFor(targets: NamespaceTarget[]): Map<string, string[]> {
    const names = new Map<string, string[]>();
    for (const name of this.allSecretNames('Union')) {
      const served = targets.filter((target) => this.storeEntryFor(name, target)).map((target) => `${target.project}/${target.domain}`);
      if (served.length) names.set(name, served);
    }
    return names;
  }

  /** Whether the configuration lists any manifests or dumps at all. */
  get configured(): boolean {
    return this.scan.source.manifests.length + this.scan.source.inventory.length > 0;
  }

  get entries(): readonly InventoryEntry[] {
    return this.scan.entries;
  }

  /** Files skipped or partly read, and why (warnings are bad input, notes are expected). */
  get problems(): readonly InventoryProblem[] {
    return this.scan.problems;
  }

  /** Changes whenever a manifest or dump changes: a cache key for results that depend on the inventory. */
  get fingerprint(): string {
    return this.scan.fingerprint;
  }

  /** Whether any entry serves this secret manager (Kubernetes Secrets for K8s). */
  hasEntriesFor(manager: Scope): boolean {
    return this.#scopes.has(manager);
  }

  /** Every placement of a secret with this exact name (all namespaces, no namespace, secret managers). */
  lookup(name: string): Placement[] {
    return this.#byName.get(name) ?? [];
  }

  /** The secrets in one namespace, by name (completion of groups). */
  secretsIn(namespace: string): Map<string, Placement[]> {
    return this.#byNamespace.get(namespace) ?? new Map();
  }

  /** The keys of a Secret in one namespace, and whether that is all of them (completion of keys). */
  keysIn(name: string, namespace: string): { keys: SecretKey[]; complete: boolean } | undefined {
    const placements = this.secretsIn(namespace).get(name)?.filter((p) => !p.entry.hashedName);
    if (!placements?.length) return undefined;
    const keys = new Map<string, SecretKey>();
    for (const placement of placements) for (const key of placement.entry.keys) if (!keys.has(key.name)) keys.set(key.name, key);
    return { keys: [...keys.values()], complete: placements.every((p) => p.entry.keysComplete) };
  }

  /** Completion of groups: each Secret in any of the target namespaces, with the namespaces that have it. */
  groupsFor(targets: NamespaceTarget[]): Map<string, string[]> {
    const groups = new Map<string, string[]>();
    for (const target of targets) {
      for (const [name, placements] of this.secretsIn(target.namespace)) {
        if (placements.every((p) => p.entry.hashedName)) continue;
        groups.set(name, [...(groups.get(name) ?? []), target.namespace]);
      }
    }
    return groups;
  }

  /** Completion of keys: each key of a Secret across the target namespaces, with the namespaces that have it. */
  keysFor(name: string, targets: NamespaceTarget[]): Map<string, string[]> {
    const keys = new Map<string, string[]>();
    for (const target of targets) {
      for (const key of this.keysIn(name, target.namespace)?.keys ?? []) keys.set(key.name, [...(keys.get(key.name) ?? []), target.namespace]);
    }
    return keys;
  }

  /** Names of the secrets known for a manager (Kubernetes Secret names by default). */
  allSecretNames(manager: Scope = 'K8s'): string[] {
    const names = new Set<string>();
    for (const [name, placements] of this.#byName) if (placements.some((p) => scopeOf(p.entry) === manager && !p.entry.hashedName)) names.add(name);
    return [...names].sort(byText);
  }

  /** Every Kubernetes namespace that holds a secret in the inventory. */
  namespaces(): string[] {
    return [...this.#byNamespace.keys()].sort(byText);
  }

  /** The namespaces a file's requests must exist in (see `targetsFor`). */
  targetsFor(filePath: string | undefined, config: FlyteSecretsConfig): NamespaceTarget[] {
    return targetsFor(filePath, config);
  }

  /** What a request (group, key) finds in the inventory: per target namespace for K8s, by name for AWS, GCP and Vault. */
  check(request: SecretRequestName, targets: NamespaceTarget[], manager: SecretManager): SecretCheck {
    const base: SecretCheck = { manager, request, namespaces: [], matches: [], missing: false, elsewhere: [], hashed: [] };
    if (manager === 'AWS' || manager === 'GCP' || manager === 'Vault') return this.#checkManager(base, manager);
    if (manager === 'Global') return base; // served from the webhook's own environment: nothing to check
    if (manager === 'Union') return this.#checkStore(base, targets);
    const { group, key } = request;
    const named = this.lookup(group).filter((p) => scopeOf(p.entry) === 'K8s');
    const targetNamespaces = new Set(targets.map((t) => t.namespace));
    for (const target of targets) {
      const placements = named.filter((p) => p.namespace === target.namespace && !p.entry.hashedName);
      const keys = [...new Set(placements.flatMap((p) => p.entry.keys.map((k) => k.name)))].sort(byText);
      let status: NamespaceStatus = 'present';
      if (!placements.length) status = 'missing-secret';
      else if (!keys.includes(key)) status = placements.every((p) => p.entry.keysComplete) ? 'missing-key' : 'keys-unknown';
      base.namespaces.push({ target, status, placements, keys });
    }
    base.missing = base.namespaces.some((n) => n.status === 'missing-secret' || n.status === 'missing-key');
    base.elsewhere = named.filter((p) => !p.entry.hashedName && (p.namespace === undefined || !targetNamespaces.has(p.namespace)));
    base.hashed = named.filter((p) => p.entry.hashedName);
    if (!base.missing) return base;
    const lacking = base.namespaces.filter((n) => n.status === 'missing-secret');
    if (lacking.length && !base.elsewhere.length && !base.namespaces.some((n) => n.status !== 'missing-secret')) {
      const candidates = lacking.flatMap((n) => [...this.secretsIn(n.target.namespace).keys()]);
      const group = nearest(request.group, candidates.length ? candidates : this.allSecretNames());
      if (group) base.didYouMean = { group };
    } else {
      const keys = base.namespaces.flatMap((n) => n.keys);
      const nearKey = nearest(key, keys);
      if (nearKey && base.namespaces.some((n) => n.status === 'missing-key')) base.didYouMean = { key: nearKey };
    }
    return base;
  }

  /** The store looks a secret up by key alone (`deriveSecretNameComponents` uses `secret.Key`); group is not part of the name. */
  #checkStore(base: SecretCheck, targets: NamespaceTarget[]): SecretCheck {
    const { group, key } = base.request;
    const serving = new Set<InventoryEntry>();
    for (const target of targets) {
      const entry = this.storeEntryFor(key, target);
      if (entry) serving.add(entry);
      base.namespaces.push({ target, status: entry ? 'present' : 'missing-secret', placements: entry ? [{ entry, name: key }] : [], keys: [] });
    }
    base.missing = base.namespaces.some((n) => n.status === 'missing-secret');
    base.elsewhere = this.lookup(key).filter((p) => scopeOf(p.entry) === 'Union' && !serving.has(p.entry));
    const partial = [...serving].filter((entry) => entry.notEverywhere).map((entry) => ({ entry, name: key }));
    if (partial.length) base.notEverywhere = partial;
    if (!base.missing) return base;
    if (group && group !== key && this.lookup(group).some((p) => scopeOf(p.entry) === 'Union')) {
      base.note = `The store looks secrets up by key alone; "${group}" is this request's group, and a secret of that name exists: request Secret(key="${group}").`;
    } else if (!base.elsewhere.length) {
      const near = nearest(key, this.allSecretNames('Union'));
      if (near) base.didYouMean = { key: near };
    }
    return base;
  }

  #checkManager(base: SecretCheck, manager: ExternalManager): SecretCheck {
    const { group, key } = base.request;
    const candidates = this.scan.entries.filter((entry) => scopeOf(entry) === manager);
    let wanted: string;
    let matches: (entry: InventoryEntry) => boolean;
    let nameIsKey = false;
    if (manager === 'AWS') {
      // Flyte's AWS sidecar fetches SECRET_ARN = group (without trailing ':') + ':' + key (without leading ':').
      const id = `${group.replace(/:+$/, '')}:${key.replace(/^:+/, '')}`;
      const arn = AWS_ARN.exec(id);
      wanted = arn ? arn[1]! : id;
      nameIsKey = !!arn;
      matches = (entry) => entry.name === wanted && (!arn || !entry.resource || entry.resource.replace(AWS_ARN_SUFFIX, '') === id || entry.resource === id);
    } else if (manager === 'GCP') {
      wanted = GCP_RESOURCE.exec(group)?.[1] ?? group;
      matches = (entry) => entry.name === wanted;
    } else {
      wanted = group.replace(/\/+$/, '');
      matches = (entry) => entry.name.replace(/\/+$/, '') === wanted;
    }
    base.matches = candidates.filter(matches).map((entry) => ({ entry, name: entry.name }));
    base.missing = base.matches.length === 0;
    if (!base.missing) return base;
    const named = manager === 'AWS' && !nameIsKey ? candidates.find((entry) => entry.name === group) : undefined;
    if (named) {
      // What the team's seed guide tells users ("names matching the Flyte group") is not what Flyte does.
      const prefix = named.resource?.replace(/:secret:.*$/, ':secret') ?? 'arn:aws:secretsmanager:<region>:<account>:secret';
      base.note = `Flyte's AWS secret manager fetches the secret "${group}:${key}" (group, ':', key), not the one named "${group}": request Secret(group="${prefix}", key="${group}").`;
      return base;
    }
    const near = nearest(wanted, new Set(candidates.map((c) => c.name)));
    if (near) base.didYouMean = nameIsKey ? { key: near } : { group: near };
    return base;
  }
}

interface CachedScan {
  scan: InventoryScan;
  checkedAt: number;
  indexes: Map<string, InventoryIndex>;
}

const scans = new Map<string, CachedScan>();

/** Long enough that a lint of many files rescans rarely, short enough for an editor's ESLint server. */
const DEFAULT_MAX_AGE_MS = 5000;

export interface InventoryOptions extends ScanOptions {
  /**
   * How long a built inventory is trusted before its files are checked again (stat and glob,
   * re-reading only changed files). ESLint runs use the default; an editor passes 0 after a save.
   */
  maxAgeMs?: number;
}

export function inventorySource(config: FlyteSecretsConfig): InventorySource {
  return { root: config.root ?? process.cwd(), manifests: config.manifests, inventory: config.inventory };
}

/** The inventory for a configuration, built once per process and rebuilt when a file changes. */
export function getInventory(config: FlyteSecretsConfig, options: InventoryOptions = {}): InventoryIndex {
  const source = inventorySource(config);
  const key = JSON.stringify(source);
  const now = Date.now();
  let cached = scans.get(key);
  // `>=`: with maxAgeMs 0 a build from the same millisecond must not be trusted.
  if (!cached || now - cached.checkedAt >= (options.maxAgeMs ?? DEFAULT_MAX_AGE_MS)) {
    const scan = scanInventory(source, options);
    if (!cached || cached.scan.fingerprint !== scan.fingerprint) cached = { scan, checkedAt: now, indexes: new Map() };
    else cached.checkedAt = now;
    scans.set(key, cached);
  }
  const namespaces = projectNamespaces(config);
  const namespacesKey = namespaces.map((n) => `${n.namespace}\u0000${n.project}\u0000${n.domain}`).join('\u0001');
  let index = cached.indexes.get(namespacesKey);
  if (!index) {
    index = new InventoryIndex(cached.scan, namespaces);
    cached.indexes.set(namespacesKey, index);
  }
  return index;
}

/** Forgets every inventory and file read (an editor calls this when its file watcher fires). */
export function clearInventoryCache(): void {
  scans.clear();
  clearFileReads();
}
