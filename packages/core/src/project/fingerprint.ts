// A fingerprint of what the project's modules tell each other (their summaries), for caches that
// key on the linted file alone (ESLint's --cache): a helper that starts reading another secret
// changes it; an edit that changes no summary (a comment, a task body) does not. Built on the
// pre-filter: a module in which no rule can find anything (prefilter.ts) is not parsed, its text's
// hash stands for its summary (any edit to it changes the fingerprint: conservative).
import { createHash } from 'node:crypto';
import { defaultModuleLoader } from '../model/analyze.js';
import type { ModuleSummary, SecretValue } from '../model/module-loader.js';
import type { SecretRequest } from '../model/types.js';
import { mayHoldFindings } from '../prefilter.js';
import { projectRoot } from './discovery.js';
import type { ProjectIndex } from './project-index.js';

const requestDigest = (r: SecretRequest) => [r.flavor, r.group?.value, r.key?.value, r.groupVersion?.value, r.mount, r.envVar?.value];
const secretDigest = (value: SecretValue) => (value.kind === 'secret' ? requestDigest(value.request) : [value.kind, value.known, value.requests.map(requestDigest)]);

/** What importers can see of a summary, without offsets that move with every edit. */
export function summaryDigest(summary: ModuleSummary): string {
  return JSON.stringify([
    [...summary.constants],
    [...summary.secrets].map(([name, value]) => [name, secretDigest(value)]),
    [...summary.reexports],
    [...summary.defined],
    summary.stars,
    [...summary.units.values()],
  ]);
}

const RECENT_MS = 1000;
const recent = new Map<string, { value: string; at: number }>();

/** The fingerprint of every module summary of the project that contains `cwd` (ESLint asks several times in a row). */
export function projectFingerprint(cwd: string, index: ProjectIndex = defaultModuleLoader): string {
  const known = recent.get(cwd);
  if (known && index === defaultModuleLoader && Date.now() - known.at < RECENT_MS) return known.value;
  const value = computeFingerprint(cwd, index);
  recent.set(cwd, { value, at: Date.now() });
  return value;
}

function computeFingerprint(cwd: string, index: ProjectIndex): string {
  const hash = createHash('sha256');
  for (const file of index.modules(projectRoot(cwd))) {
    const current = index.text(file);
    let digest = '';
    if (current && !mayHoldFindings(current.text)) digest = `text:${current.hash}`;
    else if (current) {
      const summary = index.summary(file);
      digest = summary ? summaryDigest(summary) : '';
    }
    hash.update(`${file}\u0000${digest}\u0001`);
  }
  return hash.digest('hex').slice(0, 16);
}
