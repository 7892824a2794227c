import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanInventory, type InventoryEntry, type InventoryScan } from '../../src/index.js';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../fixtures/inventory');

/** Scans one folder of fixtures/inventory with the given globs. */
export function scan(manifests: string[], inventory: string[] = []): InventoryScan {
  return scanInventory({ root: FIXTURES, manifests, inventory });
}

/** A compact, comparable view of an entry: where, what, which keys, from which line. */
export function summary(entry: InventoryEntry) {
  const scope = entry.scope;
  return {
    name: entry.name,
    where: scope.kind === 'namespace' ? scope.namespace : scope.kind === 'manager' ? `manager:${scope.manager}` : scope.kind,
    keys: entry.keys.map((k) => k.name),
    complete: entry.keysComplete,
    kind: entry.kind,
    at: `${path.relative(FIXTURES, entry.source.file)}:${entry.source.line}`,
  };
}

export function find(result: InventoryScan, name: string) {
  return result.entries.filter((e) => e.name === name).map(summary);
}
