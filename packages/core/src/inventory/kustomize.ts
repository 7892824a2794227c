// kustomize, evaluated statically as far as names, namespaces and keys go: a kustomization's
// `namespace` overrides every namespaced object it builds (so a base manifest without namespace
// resolves through each overlay), `namePrefix`/`nameSuffix` rename objects, and `secretGenerator`
// creates Secrets whose names get a content-hash suffix unless `disableNameSuffixHash` is set.
import path from 'node:path';
import type { ManifestDocument } from './documents.js';
import type { ReadResult } from './files.js';
import { isRecord, NO_NAMESPACE_REASON, type Json, type ReadSecret, type ReaderContext } from './kubernetes.js';
import type { SecretKey, SecretScope } from './types.js';

export interface KustomizationRead {
  file: string;
  dir: string;
  namespace?: string;
  namePrefix: string;
  nameSuffix: string;
  /** Local `resources`, `bases` and `components`, as written, with their lines. */
  resources: { path: string; line: number }[];
  /** Secrets of its `secretGenerator`, before its own namespace and prefixes apply. */
  generated: ReadSecret[];
}

const KUSTOMIZATION_NAMES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);
const isKustomizationName = (file: string) => KUSTOMIZATION_NAMES.has(path.basename(file));

export function isKustomization(file: string, value: unknown): value is Json {
  if (!isRecord(value)) return false;
  if (value.kind === 'Kustomization' || value.kind === 'Component') return String(value.apiVersion ?? '').startsWith('kustomize.config.k8s.io/');
  return isKustomizationName(file) && value.kind === undefined;
}

const REMOTE = /^[a-z][a-z0-9+.-]*:\/\/|^github\.com\/|^git@|\?ref=/i;
const NOT_EVALUATED = ['patches', 'patchesStrategicMerge', 'patchesJson6902', 'replacements', 'helmCharts', 'generators', 'transformers'];

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Keys of a kustomize env file (`KEY=VALUE` lines; a bare `KEY` takes its value from the environment). Values are never kept. */
function envFileKeys(content: string): string[] {
  const keys: string[] = [];
  for (const raw of content.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const key = line.split('=', 1)[0]!.trim();
    if (key) keys.push(key);
  }
  return keys;
}

/** `files:` entries are `key=path` or a path whose file name is the key; the files themselves are never read. */
const fileKey = (entry: string) => (entry.includes('=') ? entry.split('=', 1)[0]! : path.basename(entry));

export function readKustomization(
  value: Json,
  doc: ManifestDocument,
  context: ReaderContext,
  readEnvFile: (file: string) => ReadResult,
): KustomizationRead {
  const dir = path.dirname(context.file);
  const resources: KustomizationRead['resources'] = [];
  for (const field of ['resources', 'bases', 'components']) {
    strings(value[field]).forEach((entry, i) => {
      const line = doc.lineOf([field, i]);
      if (REMOTE.test(entry)) context.problem(`remote kustomize ${field.replace(/s$/, '')} "${entry}" is not read`, line);
      else resources.push({ path: entry, line });
    });
  }
  const unevaluated = NOT_EVALUATED.filter((field) => value[field] !== undefined);
  if (unevaluated.length) {
    context.problem(`kustomize ${unevaluated.join(', ')} not evaluated: names and keys may differ from \`kustomize build\``, doc.lineOf([unevaluated[0]!]));
  }
  const hashDisabledEverywhere = isRecord(value.generatorOptions) && value.generatorOptions.disableNameSuffixHash === true;
  const generated: ReadSecret[] = [];
  const generators = Array.isArray(value.secretGenerator) ? value.secretGenerator : [];
  generators.forEach((generator, i) => {
    if (!isRecord(generator)) return;
    const at = ['secretGenerator', i];
    const name = text(generator.name);
    if (!name) {
      context.problem('secretGenerator without a name', doc.lineOf(at), 'warning');
      return;
    }
    const keys: SecretKey[] = [];
    strings(generator.literals).forEach((literal, j) => {
      // Only the text before the first '=' is a key; the rest is the value and is dropped here.
      if (literal.includes('=')) keys.push({ name: literal.slice(0, literal.indexOf('=')), line: doc.lineOf([...at, 'literals', j]) });
    });
    strings(generator.files).forEach((file, j) => keys.push({ name: fileKey(file), line: doc.lineOf([...at, 'files', j]) }));
    const envs = [...strings(generator.envs).map((env, j) => ({ env, line: doc.lineOf([...at, 'envs', j]) }))];
    if (text(generator.env)) envs.push({ env: generator.env as string, line: doc.lineOf([...at, 'env']) });
    let complete = true;
    for (const { env, line } of envs) {
      const read = readEnvFile(path.resolve(dir, env));
      if (read.ok) for (const key of envFileKeys(read.text)) keys.push({ name: key, line });
      else {
        complete = false;
        context.problem(`secretGenerator "${name}": env file ${env} ${read.reason}`, line, 'warning');
      }
    }
    const options = isRecord(generator.options) ? generator.options : {};
    const hashed = !(options.disableNameSuffixHash === true || hashDisabledEverywhere);
    const scope: SecretScope = text(generator.namespace)
      ? { kind: 'namespace', namespace: generator.namespace as string }
      : { kind: 'unresolved', reason: NO_NAMESPACE_REASON };
    generated.push({
      entry: {
        name,
        scope,
        keys,
        keysComplete: complete,
        ...(complete ? {} : { keysNote: 'an env file could not be read' }),
        kind: 'kustomize secretGenerator',
        source: { file: context.file, line: doc.lineOf([...at, 'name']) },
        ...(hashed ? { hashedName: true } : {}),
      },
      renamable: true,
    });
  });
  return {
    file: context.file,
    dir,
    ...(text(value.namespace) ? { namespace: value.namespace as string } : {}),
    namePrefix: text(value.namePrefix) ?? '',
    nameSuffix: text(value.nameSuffix) ?? '',
    resources,
    generated,
  };
}

/** A secret as a kustomization emits it: its namespace set, its name prefixed, and the kustomization noted. */
export function applyKustomization(read: ReadSecret, kustomization: KustomizationRead): ReadSecret {
  const entry = read.entry;
  // A ClusterExternalSecret is cluster-scoped: its namespaces come from its own spec.
  const namespaced = (entry.scope.kind === 'namespace' || entry.scope.kind === 'unresolved') && entry.kind !== 'ClusterExternalSecret';
  const scope: SecretScope = namespaced && kustomization.namespace ? { kind: 'namespace', namespace: kustomization.namespace } : entry.scope;
  const name = read.renamable ? `${kustomization.namePrefix}${entry.name}${kustomization.nameSuffix}` : entry.name;
  return { ...read, entry: { ...entry, name, scope, via: [...(entry.via ?? []), kustomization.file] } };
}
