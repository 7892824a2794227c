// Kubernetes objects that create (or prove) secrets: Secret (also SOPS-encrypted), List, ExternalSecret,
// ClusterExternalSecret, SealedSecret, VaultStaticSecret, Vault agent annotations, and the Namespaces
// that ClusterExternalSecret selectors pick. Only names, namespaces and key names are kept.
import type { ManifestDocument } from './documents.js';
import type { InventoryEntry, SecretKey, SecretScope, SourceKind } from './types.js';

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** A secret as one file describes it, before kustomizations and selectors are applied. */
export interface ReadSecret {
  entry: InventoryEntry;
  /** The name is the object's own metadata.name, so a kustomization's namePrefix/nameSuffix renames it. */
  renamable: boolean;
  /** A ClusterExternalSecret's namespace selectors, resolved once every Namespace is known. */
  selectors?: LabelSelector[];
}

/** A Namespace object; `projectNamespaces` when a cluster-resource template creates it in each project. */
export interface NamespaceObject {
  name: string;
  projectNamespaces: boolean;
  labels: Record<string, string>;
}

export interface ReaderContext {
  file: string;
  /** `dump` for the `inventory` files (live cluster state), `manifest` for the `manifests` files. */
  role: 'manifest' | 'dump';
  secrets: ReadSecret[];
  namespaces: NamespaceObject[];
  problem(reason: string, line?: number, severity?: 'warning' | 'note'): void;
  /** Set while reading a Flyte cluster-resource template: namespaced objects land in every project namespace. */
  clusterResourceTemplate?: boolean;
}

type Path = (string | number)[];
export type Json = Record<string, unknown>;

export const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const record = (value: unknown): Json => (isRecord(value) ? value : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const string = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Secret types that are machinery, not application secrets. */
const IGNORED_SECRET_TYPES = new Set(['kubernetes.io/service-account-token', 'helm.sh/release.v1']);

/** Why an object without metadata.namespace (and no kustomization namespace) is unresolved. */
export const NO_NAMESPACE_REASON = 'no metadata.namespace';
const UNRESOLVED: SecretScope = { kind: 'unresolved', reason: NO_NAMESPACE_REASON };

/** Names of the keys of the map at `path`, each with its line (keys that came from a merge key get the map's line). */
function keysAt(doc: ManifestDocument, path: Path, value: unknown): SecretKey[] {
  if (!isRecord(value)) return [];
  const written = new Map(doc.keysOf(path).map((k) => [k.name, k.line]));
  const fallback = doc.lineOf(path);
  return Object.keys(value).map((name) => ({ name, line: written.get(name) ?? fallback }));
}

function mergeKeys(...groups: SecretKey[][]): SecretKey[] {
  const byName = new Map<string, SecretKey>();
  for (const group of groups) for (const key of group) if (!byName.has(key.name)) byName.set(key.name, key);
  return [...byName.values()];
}

/**
 * The object's name and namespace. A name that is not a plain string is a template the YAML
 * parser read as a map (`name: {{ .Values.name }}`): reported, and the object is skipped.
 */
function identity(object: Json, at: Path, doc: ManifestDocument, context: ReaderContext, kind: string): { name: string; scope: SecretScope; line: number } | undefined {
  const metadata = record(object.metadata);
  const line = doc.lineOf([...at, 'metadata', 'name']);
  const name = string(metadata.name);
  if (!name) {
    if (metadata.name !== undefined) context.problem(`${kind} has a templated or invalid metadata.name (render the chart first, e.g. helm template)`, line, 'warning');
    else if (metadata.generateName !== undefined) context.problem(`${kind} uses generateName: its name is chosen by the API server`, line);
    else context.problem(`${kind} has no metadata.name`, line, 'warning');
    return undefined;
  }
  if (context.clusterResourceTemplate) return { name, scope: { kind: 'project-namespaces' }, line };
  const namespace = metadata.namespace;
  if (namespace !== undefined && !string(namespace)) {
    context.problem(`${kind} "${name}" has a templated or invalid metadata.namespace`, doc.lineOf([...at, 'metadata', 'namespace']), 'warning');
    return { name, scope: { kind: 'unresolved', reason: 'templated metadata.namespace' }, line };
  }
  return { name, scope: namespace ? { kind: 'namespace', namespace: namespace as string } : UNRESOLVED, line };
}

function entryKind(context: ReaderContext, kind: SourceKind): SourceKind {
  if (context.clusterResourceTemplate) return 'cluster-resource template';
  return context.role === 'dump' && kind === 'Secret' ? 'cluster dump' : kind;
}

function readSecret(object: Json, at: Path, doc: ManifestDocument, context: ReaderContext): void {
  if (IGNORED_SECRET_TYPES.has(String(object.type))) return;
  const id = identity(object, at, doc, context, 'Secret');
  if (!id) return;
  const keys = mergeKeys(keysAt(doc, [...at, 'data'], object.data), keysAt(doc, [...at, 'stringData'], object.stringData));
  const kind = isRecord(object.sops) ? 'SOPS Secret' : 'Secret';
  context.secrets.push({
    entry: { name: id.name, scope: id.scope, keys, keysComplete: true, kind: entryKind(context, kind), source: { file: context.file, line: id.line } },
    renamable: true,
  });
}

/** Keys an ExternalSecret spec puts into its target Secret (external-secrets.io v1 and v1beta1). */
function externalSecretKeys(spec: Json, at: Path, doc: ManifestDocument): { keys: SecretKey[]; complete: boolean; note?: string } {
  const target = record(spec.target);
  const template = isRecord(target.template) ? target.template : undefined;
  const dataKeys = list(spec.data).flatMap((item, i) => {
    const name = string(record(item).secretKey);
    return name ? [{ name, line: doc.lineOf([...at, 'data', i, 'secretKey']) }] : [];
  });
  const fromDataFrom = list(spec.dataFrom).length > 0;
  const templateKeys = template ? keysAt(doc, [...at, 'target', 'template', 'data'], template.data) : [];
  const templateFrom = template ? list(template.templateFrom).length > 0 : false;
  // A template with data replaces what data/dataFrom fetched, unless its mergePolicy is Merge.
  const replaces = template && (templateKeys.length > 0 || templateFrom) && template.mergePolicy !== 'Merge';
  if (replaces) {
    return { keys: templateKeys, complete: !templateFrom, note: templateFrom ? 'target.template.templateFrom adds keys from other objects' : undefined };
  }
  const unknownNote = fromDataFrom ? 'dataFrom fetches keys from the provider' : templateFrom ? 'target.template.templateFrom adds keys from other objects' : undefined;
  return { keys: mergeKeys(dataKeys, templateKeys), complete: !unknownNote, note: unknownNote };
}

function readExternalSecret(object: Json, at: Path, doc: ManifestDocument, context: ReaderContext): void {
  const spec = record(object.spec);
  const target = record(spec.target);
  if (target.creationPolicy === 'None') return; // creates no Secret
  const id = identity(object, at, doc, context, 'ExternalSecret');
  if (!id) return;
  const targetName = string(target.name);
  const { keys, complete, note } = externalSecretKeys(spec, [...at, 'spec'], doc);
  context.secrets.push({
    entry: {
      name: targetName ?? id.name,
      scope: id.scope,
      keys,
      keysComplete: complete,
      ...(note ? { keysNote: note } : {}),
      kind: entryKind(context, 'ExternalSecret'),
      source: { file: context.file, line: targetName ? doc.lineOf([...at, 'spec', 'target', 'name']) : id.line },
    },
    renamable: !targetName,
  });
}

function readClusterExternalSecret(object: Json, at: Path, doc: ManifestDocument, context: ReaderContext): void {
  const metadata = record(object.metadata);
  const spec = record(object.spec);
  const externalSpec = record(spec.externalSecretSpec);
  const target = record(externalSpec.target);
  if (target.creationPolicy === 'None') return;
  const externalName = string(spec.externalSecretName) ?? string(metadata.name);
  const line = doc.lineOf([...at, 'metadata', 'name']);
  if (!externalName) {
    context.problem('ClusterExternalSecret has no usable name', line, 'warning');
    return;
  }
  const name = string(target.name) ?? externalName;
  const { keys, complete, note } = externalSecretKeys(externalSpec, [...at, 'spec', 'externalSecretSpec'], doc);
  const entry = (scope: SecretScope): InventoryEntry => ({
    name,
    scope,
    keys,
    keysComplete: complete,
    ...(note ? { keysNote: note } : {}),
    kind: 'ClusterExternalSecret',
    source: { file: context.file, line },
  });
  for (const namespace of list(spec.namespaces)) {
    if (string(namespace)) context.secrets.push({ entry: entry({ kind: 'namespace', namespace: namespace as string }), renamable: false });
  }
  const selectors = [...list(spec.namespaceSelectors), ...(isRecord(spec.namespaceSelector) ? [spec.namespaceSelector] : [])].filter(isRecord) as LabelSelector[];
  if (selectors.length) {
    context.secrets.push({ entry: entry({ kind: 'unresolved', reason: `namespace selector ${describeSelectors(selectors)} matches no Namespace in the manifests` }), renamable: false, selectors });
  }
}

function describeSelectors(selectors: LabelSelector[]): string {
  return selectors
    .map((selector) => {
      const labels = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
      const expressions = (selector.matchExpressions ?? []).map((e) => `${e.key} ${e.operator}${e.values ? ` (${e.values.join(', ')})` : ''}`);
      return [...labels, ...expressions].join(',') || '{}';
    })
    .join(' or ');
}

function readSealedSecret(object: Json, at: Path, doc: ManifestDocument, context: ReaderContext): void {
  // The controller names the Secret after the SealedSecret's own metadata, whatever spec.template says.
  const id = identity(object, at, doc, context, 'SealedSecret');
  if (!id) return;
  const spec = record(object.spec);
  const template = record(spec.template);
  const keys = mergeKeys(keysAt(doc, [...at, 'spec', 'encryptedData'], spec.encryptedData), keysAt(doc, [...at, 'spec', 'template', 'data'], template.data));
  const opaque = spec.data !== undefined;
  context.secrets.push({
    entry: {
      name: id.name,
      scope: id.scope,
      keys,
      keysComplete: !opaque,
      ...(opaque ? { keysNote: 'the deprecated spec.data blob hides its keys' } : {}),
      kind: entryKind(context, 'SealedSecret'),
      source: { file: context.file, line: id.line },
    },
    renamable: true,
  });
}

/** Vault path as Vault Agent templates and Flyte's Vault manager spell it (kv-v2 reads go through `data/`). */
function vaultPath(mount: string, secretPath: string, type: unknown): string {
  const clean = (s: string) => s.replace(/^\/+|\/+$/g, '');
  return type === 'kv-v2' ? `${clean(mount)}/data/${clean(secretPath)}` : `${clean(mount)}/${clean(secretPath)}`;
}

function readVaultStaticSecret(object: Json, at: Path, doc: ManifestDocument, context: ReaderContext): void {
  const spec = record(object.spec);
  const destination = record(spec.destination);
  const name = string(destination.name);
  const line = doc.lineOf([...at, 'spec', 'destination', 'name']);
  const id = identity(object, at, doc, context, 'VaultStaticSecret');
  if (!id) return;
  if (!name) {
    context.problem('VaultStaticSecret has no spec.destination.name', line, 'warning');
    return;
  }
  const templates = record(record(destination.transformation).templates);
  const keys = keysAt(doc, [...at, 'spec', 'destination', 'transformation', 'templates'], templates);
  const note = 'the keys are the fields of the Vault secret';
  context.secrets.push({
    entry: { name, scope: id.scope, keys, keysComplete: false, keysNote: note, kind: entryKind(context, 'VaultStaticSecret'), source: { file: context.file, line } },
    renamable: false,
  });
  const mount = string(spec.mount);
  const secretPath = string(spec.path);
  if (mount && secretPath) {
    context.secrets.push({
      entry: {
        name: vaultPath(mount, secretPath, spec.type),
        scope: { kind: 'manager', manager: 'Vault' },
        keys: [],
        keysComplete: false,
        keysNote: note,
        kind: 'VaultStaticSecret',
        source: { file: context.file, line: doc.lineOf([...at, 'spec', 'path']) },
      },
      renamable: false,
    });
  }
}

const VAULT_SECRET_ANNOTATION = 'vault.hashicorp.com/agent-inject-secret-';

/** Pod templates that can carry Vault Agent annotations, by where they sit in a workload. */
const POD_METADATA_PATHS: Path[] = [['metadata'], ['spec', 'template', 'metadata'], ['template', 'metadata'], ['spec', 'jobTemplate', 'spec', 'template', 'metadata']];

/** `vault.hashicorp.com/agent-inject-secret-<name>: <path>`: the Vault paths pods read. Templates are not read. */
function readVaultAnnotations(object: Json, at: Path, doc: ManifestDocument, context: ReaderContext): void {
  for (const metadataPath of POD_METADATA_PATHS) {
    let metadata: unknown = object;
    for (const part of metadataPath) metadata = record(metadata)[part];
    const annotations = record(record(metadata).annotations);
    for (const [annotation, value] of Object.entries(annotations)) {
      if (!annotation.startsWith(VAULT_SECRET_ANNOTATION) || !string(value)) continue;
      context.secrets.push({
        entry: {
          name: value as string,
          scope: { kind: 'manager', manager: 'Vault' },
          keys: [],
          keysComplete: false,
          keysNote: 'annotations name Vault paths, not their fields',
          kind: 'Vault agent annotation',
          source: { file: context.file, line: doc.lineOf([...at, ...metadataPath, 'annotations', annotation]) },
        },
        renamable: false,
      });
    }
  }
}

function readNamespace(object: Json, context: ReaderContext): void {
  const metadata = record(object.metadata);
  const name = string(metadata.name);
  const labels = Object.fromEntries(Object.entries(record(metadata.labels)).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  if (context.clusterResourceTemplate) context.namespaces.push({ name: name ?? '', projectNamespaces: true, labels });
  else if (name) context.namespaces.push({ name, projectNamespaces: false, labels });
}

export type TemplateReader = (object: Json, at: Path, doc: ManifestDocument, context: ReaderContext) => void;

/**
 * Reads one object (and the items of a List). Returns whether it was a secret source at all, so
 * a file of Helm values or CI jobs can be told apart from a manifest. `readTemplates` handles the
 * ConfigMap that holds Flyte cluster-resource templates.
 */
export function readObject(object: unknown, at: Path, doc: ManifestDocument, context: ReaderContext, readTemplates: TemplateReader): boolean {
  if (!isRecord(object)) return false;
  const kind = object.kind;
  const group = String(object.apiVersion ?? '').split('/')[0];
  const before = context.secrets.length;
  switch (kind) {
    case 'Secret':
      readSecret(object, at, doc, context);
      return true;
    case 'ExternalSecret':
    case 'ClusterExternalSecret':
      if (group !== 'external-secrets.io') return false;
      (kind === 'ExternalSecret' ? readExternalSecret : readClusterExternalSecret)(object, at, doc, context);
      return true;
    case 'SealedSecret':
      readSealedSecret(object, at, doc, context);
      return true;
    case 'VaultStaticSecret':
      readVaultStaticSecret(object, at, doc, context);
      return true;
    case 'Namespace':
      readNamespace(object, context);
      return true;
    case 'ConfigMap':
      readTemplates(object, at, doc, context);
      return context.secrets.length > before;
    default:
      if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(object.items)) {
        let any = false;
        object.items.forEach((item, i) => {
          any = readObject(item, [...at, 'items', i], doc, context, readTemplates) || any;
        });
        return any;
      }
  }
  readVaultAnnotations(object, at, doc, context);
  return context.secrets.length > before;
}
