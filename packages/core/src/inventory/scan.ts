// Builds the raw inventory of one configuration (its folder, `manifests` and `inventory` globs):
// every file read once and cached by stamp, kustomizations evaluated, ClusterExternalSecret
// selectors matched against the Namespaces found. The result carries a fingerprint of every
// file it depends on, so callers can tell whether anything changed.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_LIMITS, DUMP_NAME, findFiles, type FileLimits, type FoundFile } from './files.js';
import type { LabelSelector, NamespaceObject, ReadSecret } from './kubernetes.js';
import { applyKustomization, type KustomizationRead } from './kustomize.js';
import { currentStamp, isCurrent, readInventoryFile, type FileRead, type FileRole } from './read-file.js';
import type { InventoryEntry, InventoryProblem } from './types.js';

export interface InventorySource {
  /** The folder the globs are relative to (the pyproject.toml's). */
  root: string;
  manifests: string[];
  inventory: string[];
}

export interface InventoryScan {
  source: InventorySource;
  entries: InventoryEntry[];
  problems: InventoryProblem[];
  /** Every file read, with its role and stamp. */
  files: { file: string; role: FileRole; stamp: string }[];
  /** Changes whenever any file the inventory depends on changes, appears or disappears. */
  fingerprint: string;
}

export interface ScanOptions {
  limits?: FileLimits;
}

/** Reads of unchanged files are reused across scans (the language server rescans after every save). */
const fileReads = new Map<string, FileRead>();

export function clearFileReads(): void {
  fileReads.clear();
}

function readCached(file: string, role: FileRole, limits: FileLimits, found?: FoundFile): FileRead {
  const key = `${role}\u0000${file}\u0000${limits.maxYamlBytes}:${limits.maxJsonBytes}`;
  const cached = fileReads.get(key);
  if (cached && isCurrent(cached, found?.stamp ?? currentStamp(file))) return cached;
  const read = readInventoryFile(file, role, limits, found);
  fileReads.set(key, read);
  return read;
}

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

type KustomizationFile = FileRead & { kustomization: KustomizationRead };
type Child = { kind: 'file'; read: FileRead } | { kind: 'kustomization'; read: KustomizationFile };

/** Evaluates every kustomization; returns the secrets they build and the files they consumed. */
function buildKustomizations(reads: Map<string, FileRead>, load: (file: string) => FileRead, problems: InventoryProblem[]) {
  const children = new Map<string, Child[]>();
  const referenced = new Set<string>();
  const queue = [...reads.values()].filter((read): read is KustomizationFile => !!read.kustomization);
  const all = new Set(queue);
  const warn = (file: string, line: number, reason: string) => problems.push({ file, severity: 'warning', reason, line });

  const childOf = (kustomization: KustomizationRead, resource: { path: string; line: number }): Child | undefined => {
    const target = path.resolve(kustomization.dir, resource.path);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(target).isDirectory();
    } catch {
      warn(kustomization.file, resource.line, `kustomize resource "${resource.path}" not found`);
      return undefined;
    }
    if (!isDirectory) return { kind: 'file', read: load(target) };
    const file = KUSTOMIZATION_FILES.map((name) => path.join(target, name)).find((candidate) => currentStamp(candidate) !== '');
    const read = file ? load(file) : undefined;
    if (!read?.kustomization) {
      warn(kustomization.file, resource.line, `kustomize resource folder "${resource.path}" has no readable kustomization`);
      return undefined;
    }
    return { kind: 'kustomization', read: read as KustomizationFile };
  };

  while (queue.length) {
    const read = queue.pop()!;
    if (children.has(read.file)) continue;
    const list = read.kustomization.resources.map((resource) => childOf(read.kustomization, resource)).filter((c): c is Child => !!c);
    children.set(read.file, list);
    for (const child of list) {
      referenced.add(child.read.file);
      if (child.kind === 'kustomization' && !all.has(child.read)) {
        queue.push(child.read);
        all.add(child.read);
      }
    }
  }

  const collect = (read: KustomizationFile, stack: string[]): ReadSecret[] => {
    if (stack.includes(read.file)) {
      warn(read.file, 1, 'kustomizations include each other in a cycle; not followed');
      return [];
    }
    const secrets: ReadSecret[] = [];
    for (const child of children.get(read.file) ?? []) {
      secrets.push(...(child.kind === 'file' ? child.read.secrets : collect(child.read, [...stack, read.file])));
    }
    secrets.push(...read.kustomization.generated);
    return secrets.map((secret) => applyKustomization(secret, read.kustomization));
  };

  // Only kustomizations nothing else includes are built; a base alone is not what gets deployed.
  const roots = [...all].filter((read) => !referenced.has(read.file));
  return { secrets: roots.flatMap((root) => collect(root, [])), consumed: referenced };
}

function matchesSelector(selector: LabelSelector, labels: Record<string, string>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (labels[key] !== value) return false;
  for (const expression of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, expression.key);
    const value = labels[expression.key];
    const values = expression.values ?? [];
    switch (expression.operator) {
      case 'In':
        if (!has || !values.includes(value!)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(value!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** A ClusterExternalSecret's selectors, matched against the Namespaces the manifests define. */
function resolveSelectors(secret: ReadSecret, namespaces: NamespaceObject[]): InventoryEntry[] {
  const selectors = secret.selectors;
  if (!selectors) return [secret.entry];
  const matched = namespaces.filter((namespace) => selectors.some((selector) => matchesSelector(selector, namespace.labels)));
  if (!matched.length) return [secret.entry];
  const scopes = new Map<string, InventoryEntry['scope']>();
  for (const namespace of matched) {
    if (namespace.projectNamespaces) scopes.set('', { kind: 'project-namespaces' });
    else scopes.set(namespace.name, { kind: 'namespace', namespace: namespace.name });
  }
  return [...scopes.values()].map((scope) => ({ ...secret.entry, scope }));
}

export function scanInventory(source: InventorySource, options: ScanOptions = {}): InventoryScan {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const problems: InventoryProblem[] = [];
  const reads = new Map<string, FileRead>();
  for (const [role, patterns] of [['manifest', source.manifests], ['dump', source.inventory]] as const) {
    if (!patterns.length) continue;
    const found = findFiles(source.root, patterns, { limits, ...(role === 'dump' ? { accept: DUMP_NAME } : {}) });
    problems.push(...found.problems);
    for (const file of found.files) {
      if (role === 'dump' && reads.has(`manifest\u0000${file.path}`)) continue; // listed by manifests and inventory: read once
      reads.set(`${role}\u0000${file.path}`, readCached(file.path, role, limits, file));
    }
  }
  const loaded = new Map<string, FileRead>();
  const load = (file: string) => {
    const known = reads.get(`manifest\u0000${file}`) ?? loaded.get(file);
    if (known) return known;
    const read = readCached(file, 'manifest', limits);
    loaded.set(file, read);
    return read;
  };
  const kustomized = buildKustomizations(reads, load, problems);
  const allReads = [...reads.values(), ...loaded.values()];
  const secrets = [...kustomized.secrets];
  for (const read of reads.values()) if (!kustomized.consumed.has(read.file) && !read.kustomization) secrets.push(...read.secrets);
  const namespaces = allReads.flatMap((read) => read.namespaces);
  const entries = secrets.flatMap((secret) => resolveSelectors(secret, namespaces));
  for (const read of allReads) problems.push(...read.problems);

  const files = allReads.flatMap((read) => [
    { file: read.file, role: read.role, stamp: read.stamp },
    ...read.dependencies.map((dependency) => ({ file: dependency.file, role: read.role, stamp: dependency.stamp })),
  ]);
  const hash = createHash('sha256');
  hash.update(JSON.stringify(source));
  for (const file of files) hash.update(`\u0000${file.role}\u0000${file.file}\u0000${file.stamp}`);
  for (const problem of problems) hash.update(`\u0000${problem.file}\u0000${problem.reason}`);
  return { source, entries, problems: dedupeProblems(problems), files, fingerprint: hash.digest('hex').slice(0, 16) };
}

function dedupeProblems(problems: InventoryProblem[]): InventoryProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.file}\u0000${problem.line ?? ''}\u0000${problem.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
