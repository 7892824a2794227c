// A fingerprint of everything flyte-secrets reads besides the linted file: every
// `[tool.flyte-secrets]` configuration reachable from a folder and every manifest and dump those
// configurations read. ESLint's --cache keys results on the file and on its ESLint config only;
// the ESLint plugin puts this fingerprint into that config so a changed manifest invalidates it.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { findPyproject, loadConfig } from '../config/config.js';
import { findFiles } from './files.js';
import { getInventory } from './inventory-index.js';

const PYPROJECT = /^pyproject\.toml$/;

/**
 * Fingerprints the configurations of `cwd` (its nearest pyproject.toml and every pyproject.toml
 * below it) with `overrides` (ESLint settings) applied, and the inventories they build.
 */
export function configurationFingerprint(cwd: string, overrides?: Record<string, unknown>): string {
  // ESLint asks once per distinct config object, often several times in a row.
  const key = JSON.stringify([cwd, overrides ?? null]);
  const recent = recentFingerprints.get(key);
  if (recent && Date.now() - recent.at < RECENT_MS) return recent.value;
  const value = computeFingerprint(cwd, overrides);
  recentFingerprints.set(key, { value, at: Date.now() });
  return value;
}

const RECENT_MS = 1000;
const recentFingerprints = new Map<string, { value: string; at: number }>();

function computeFingerprint(cwd: string, overrides: Record<string, unknown> | undefined): string {
  const pyprojects = new Set<string>();
  const above = findPyproject(cwd);
  if (above) pyprojects.add(above);
  for (const file of findFiles(cwd, ['**/pyproject.toml'], { accept: PYPROJECT }).files) pyprojects.add(file.path);
  const hash = createHash('sha256');
  const folders = pyprojects.size ? [...pyprojects].sort().map((file) => path.dirname(file)) : [cwd];
  for (const folder of folders) {
    const { config } = loadConfig(path.join(folder, '__fingerprint__.py'), overrides);
    const index = getInventory(config, { maxAgeMs: 0 });
    hash.update(`${JSON.stringify(config)}\u0000${index.fingerprint}\u0001`);
  }
  return hash.digest('hex').slice(0, 16);
}
