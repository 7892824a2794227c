// Go to definition (a secret name in Python -> the manifest line that defines it, one per target
// namespace) and find references (every Python use of a secret, from Python or from a manifest).
import { secretArgumentAt, type InventoryEntry, type InventoryIndex, type ModuleModel } from '@flyte-secrets/core';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Location, Position } from 'vscode-languageserver';
import type { PythonDocument } from './documents.js';
import type { FileInventory } from './inventories.js';
import type { SecretQuery } from './workspace-uses.js';

/** The secret (group, or group and key) whose name is under the cursor, when it is known. */
export function referencedSecret(document: PythonDocument, model: ModuleModel, position: Position): SecretQuery | undefined {
  const argument = secretArgumentAt(model, document.text, document.document.offsetAt(position));
  if (!argument) return undefined;
  if (argument.role === 'group') return { group: argument.value };
  if (argument.group === undefined) return undefined; // the group is not a known string
  return { group: argument.group, key: argument.value };
}

/** A manifest line as a location, narrowed to `name` on it when it is there. */
function manifestLocation(file: string, line: number, name: string): Location {
  let start = 0;
  let end = 0;
  try {
    const text = readFileSync(file, 'utf8').split(/\r?\n/)[line - 1] ?? '';
    const at = text.indexOf(name);
    [start, end] = at >= 0 ? [at, at + name.length] : [0, text.length];
  } catch {
    // the file went away since it was indexed: the line is still the best answer
  }
  return { uri: pathToFileURL(file).href, range: { start: { line: line - 1, character: start }, end: { line: line - 1, character: end } } };
}

function entryLocation(entry: InventoryEntry, name: string, key: string | null | undefined): Location {
  const keyLine = typeof key === 'string' ? entry.keys.find((k) => k.name === key)?.line : undefined;
  return keyLine ? manifestLocation(entry.source.file, keyLine, key!) : manifestLocation(entry.source.file, entry.source.line, name);
}

/** Where the inventory defines a secret: one location per target namespace that has it (or per match of a secret manager). */
export function definitions(inventory: FileInventory, query: SecretQuery): Location[] {
  const { index, config, targets } = inventory;
  if (typeof query.group !== 'string') return [];
  if (config.secretManager === 'AWS' || config.secretManager === 'GCP' || config.secretManager === 'Vault') {
    if (typeof query.key !== 'string') return [];
    return index.check({ group: query.group, key: query.key }, targets, config.secretManager).matches.map((m) => entryLocation(m.entry, m.name, undefined));
  }
  const locations: Location[] = [];
  for (const target of targets) {
    const placements = (index.secretsIn(target.namespace).get(query.group) ?? []).filter((p) => !p.entry.hashedName);
    const placement = placements.find((p) => typeof query.key === 'string' && p.entry.keys.some((k) => k.name === query.key)) ?? placements[0];
    if (placement) locations.push(entryLocation(placement.entry, placement.name, query.key));
  }
  return locations;
}

/** The secret a manifest defines at a (0-based) line: its name line, or one of its keys. */
export function manifestSecretAt(indexes: InventoryIndex[], filePath: string, line: number): SecretQuery | undefined {
  for (const index of indexes) {
    for (const entry of index.entries) {
      if (entry.source.file !== filePath || entry.name.includes('{{')) continue;
      if (entry.source.line === line + 1) return { group: entry.name };
      const key = entry.keys.find((k) => k.line === line + 1);
      if (key) return { group: entry.name, key: key.name };
    }
  }
  return undefined;
}
