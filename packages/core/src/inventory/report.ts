// What `flyte-secrets inventory` prints: every secret with its namespace, keys and source, which
// project-domain namespace has which secret, and every file skipped or partly read, and why.
// The inventory holds no values, so nothing here can print one.
import type { FlyteSecretsConfig } from '../config/config.js';
import { describeProblem, describeScope, describeSource } from './describe.js';
import { displayPath } from './files.js';
import type { InventoryIndex } from './inventory-index.js';
import type { InventoryEntry, SecretScope } from './types.js';

export interface InventoryReport {
  config: string | null;
  root: string;
  secretManager: string;
  projects: string[];
  domains: string[];
  namespaceTemplate: string;
  projectNamespaces: string[];
  manifests: string[];
  inventory: string[];
  files: { path: string; role: string }[];
  secrets: {
    name: string;
    scope: SecretScope['kind'];
    namespace: string | null;
    manager: string | null;
    keys: string[];
    keysComplete: boolean;
    keysNote: string | null;
    kind: string;
    source: string;
    via: string[];
    hashedName: boolean;
    /** Flyte secret store entries: the scope's fields, the type, and whether every cluster has it. */
    store: { organization: string | null; project: string | null; domain: string | null; imagePull: boolean; notEverywhere: { status: string; missingIn: string[] } | null } | null;
  }[];
  skipped: { file: string; line: number | null; severity: string; reason: string }[];
}

const SCOPE_ORDER: Record<SecretScope['kind'], number> = { namespace: 0, 'project-namespaces': 1, unresolved: 2, manager: 3, 'flyte-store': 4 };

function sortEntries(entries: readonly InventoryEntry[]): InventoryEntry[] {
  const namespaceOf = (e: InventoryEntry) => (e.scope.kind === 'namespace' ? e.scope.namespace : e.scope.kind === 'manager' ? e.scope.manager : e.scope.kind === 'flyte-store' ? describeScope(e.scope) : '');
  return [...entries].sort(
    (a, b) =>
      SCOPE_ORDER[a.scope.kind] - SCOPE_ORDER[b.scope.kind] ||
      namespaceOf(a).localeCompare(namespaceOf(b)) ||
      a.name.localeCompare(b.name) ||
      a.source.file.localeCompare(b.source.file) ||
      a.source.line - b.source.line,
  );
}

/** The inventory as data (`flyte-secrets inventory --json`). Paths are relative to the configuration's folder. */
export function inventoryReport(index: InventoryIndex, config: FlyteSecretsConfig): InventoryReport {
  const root = index.scan.source.root;
  return {
    config: config.source ?? null,
    root,
    secretManager: config.secretManager,
    projects: config.projects,
    domains: config.domains,
    namespaceTemplate: config.namespaceTemplate,
    projectNamespaces: index.projectNamespaces.map((n) => n.namespace),
    manifests: index.scan.source.manifests,
    inventory: index.scan.source.inventory,
    files: index.scan.files.map((f) => ({ path: displayPath(root, f.file), role: f.role })),
    secrets: sortEntries(index.entries).map((entry) => ({
      name: entry.hashedName ? `${entry.name}-<hash>` : entry.name,
      scope: entry.scope.kind,
      namespace: entry.scope.kind === 'namespace' ? entry.scope.namespace : null,
      manager: entry.scope.kind === 'manager' ? entry.scope.manager : null,
      keys: entry.keys.map((k) => k.name),
      keysComplete: entry.keysComplete,
      keysNote: entry.keysNote ?? null,
      kind: entry.kind,
      source: describeSource(entry, root),
      via: (entry.via ?? []).map((file) => displayPath(root, file)),
      hashedName: entry.hashedName === true,
      store:
        entry.scope.kind === 'flyte-store'
          ? {
              organization: entry.scope.organization ?? null,
              project: entry.scope.project ?? null,
              domain: entry.scope.domain ?? null,
              imagePull: entry.imagePull === true,
              notEverywhere: entry.notEverywhere ?? null,
            }
          : null,
    })),
    skipped: index.problems.map((p) => ({ file: displayPath(root, p.file), line: p.line ?? null, severity: p.severity, reason: p.reason })),
  };
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ').trimEnd());
}

function keysCell(entry: InventoryEntry): string {
  if (entry.scope.kind === 'flyte-store') {
    const notes = [entry.imagePull ? 'image-pull secret' : 'looked up by name', ...(entry.notEverywhere ? [`not in every cluster: ${entry.notEverywhere.missingIn.length ? `MISSING in ${entry.notEverywhere.missingIn.join(', ')}` : entry.notEverywhere.status}`] : [])];
    return `(${notes.join('; ')})`;
  }
  const keys = entry.keys.map((k) => k.name).join(', ');
  if (entry.keysComplete) return keys || '(no keys)';
  return `${keys ? `${keys} + ` : ''}unknown keys (${entry.keysNote ?? 'not listed'})`;
}

function servingScope(entry: InventoryEntry | undefined): string {
  if (entry?.scope.kind !== 'flyte-store') return '-';
  const { project, domain } = entry.scope;
  return project && domain ? 'pair' : domain ? 'domain' : project ? 'project' : 'org';
}

/** The inventory as text for a terminal. */
export function renderInventoryText(index: InventoryIndex, config: FlyteSecretsConfig): string {
  const root = index.scan.source.root;
  const lines: string[] = [];
  lines.push(`flyte-secrets inventory for ${config.source ?? root}`);
  lines.push(`  secret manager: ${config.secretManager}; namespace template: ${config.namespaceTemplate}`);
  lines.push(`  manifests: ${index.scan.source.manifests.join(', ') || '(none)'}; inventory: ${index.scan.source.inventory.join(', ') || '(none)'}`);
  lines.push(`  ${index.scan.files.length} file(s) read; project-domain namespaces: ${index.projectNamespaces.map((n) => n.namespace).join(', ') || '(no projects configured)'}`);
  lines.push('');
  const entries = sortEntries(index.entries);
  if (entries.length) {
    const rows = [['NAMESPACE', 'SECRET', 'KEYS', 'SOURCE']];
    for (const entry of entries) {
      const name = entry.hashedName ? `${entry.name}-<hash>` : entry.name;
      const via = entry.via?.length ? ` via ${entry.via.map((file) => displayPath(root, file)).join(' < ')}` : '';
      rows.push([entry.scope.kind === 'unresolved' ? '(no namespace)' : describeScope(entry.scope), name, keysCell(entry), `${describeSource(entry, root)} (${entry.kind})${via}`]);
    }
    lines.push(...table(rows));
  } else {
    lines.push('No secrets found.');
  }
  const targets = index.projectNamespaces;
  if (targets.length && index.hasEntriesFor('K8s')) {
    lines.push('', 'Kubernetes Secrets per project-domain namespace (yes: present, -: missing):');
    const names = index.allSecretNames('K8s').filter((name) => targets.some((t) => index.secretsIn(t.namespace).has(name)));
    const rows = [['SECRET', ...targets.map((t) => t.namespace)]];
    for (const name of names) rows.push([name, ...targets.map((t) => (index.keysIn(name, t.namespace) ? 'yes' : '-'))]);
    lines.push(...(names.length ? table(rows) : ['(none of the project-domain namespaces has a Secret)']));
    const unresolved = entries.filter((e) => e.scope.kind === 'unresolved');
    if (unresolved.length) lines.push(`(${unresolved.length} secret(s) without a namespace count for no project-domain namespace)`);
  }
  if (targets.length && index.hasEntriesFor('Union')) {
    lines.push('', 'Flyte secret store per project/domain (the scope that serves it: pair, domain, project, org; -: missing):');
    const names = index.allSecretNames('Union');
    const rows = [['SECRET', ...targets.map((t) => `${t.project}/${t.domain}`)]];
    for (const name of names) rows.push([name, ...targets.map((t) => servingScope(index.storeEntryFor(name, t)))]);
    lines.push(...table(rows));
  }
  const problems = index.problems;
  lines.push('');
  if (problems.length) {
    lines.push(`Skipped or partly read (${problems.length}):`);
    for (const problem of problems) lines.push(`  ${problem.severity === 'warning' ? 'warning' : 'note   '}  ${describeProblem(problem, root)}`);
  } else {
    lines.push('No file skipped.');
  }
  return `${lines.join('\n')}\n`;
}
