// One inventory file, read into secrets, Namespaces and (for a kustomization) its build inputs.
// Everything a file can be is tried in turn; what matches nothing is noted, not an error.
import { statSync } from 'node:fs';
import path from 'node:path';
import { readTemplateConfigMap, readTemplateFile, readTemplateValues } from './cluster-templates.js';
import { readCloudDump } from './cloud.js';
import { parseManifest } from './documents.js';
import { readFlyteStoreListing } from './flyte-store.js';
import { DEFAULT_LIMITS, readManifestText, stampOf, type FileLimits, type FoundFile, type ReadResult } from './files.js';
import { readObject, type NamespaceObject, type ReadSecret, type ReaderContext } from './kubernetes.js';
import { isKustomization, readKustomization, type KustomizationRead } from './kustomize.js';
import type { InventoryProblem } from './types.js';

export type FileRole = 'manifest' | 'dump';

export interface FileRead {
  file: string;
  role: FileRole;
  stamp: string;
  secrets: ReadSecret[];
  namespaces: NamespaceObject[];
  kustomization?: KustomizationRead;
  problems: InventoryProblem[];
  /** Other files this one made us read (kustomize env files), with their stamps. */
  dependencies: { file: string; stamp: string }[];
}

const TEMPLATE_MARK = /\{\{/;

export function readInventoryFile(file: string, role: FileRole, limits: FileLimits = DEFAULT_LIMITS, found?: FoundFile): FileRead {
  const read = readManifestText(file, limits, found);
  const result: FileRead = { file, role, stamp: read.stamp, secrets: [], namespaces: [], problems: [], dependencies: [] };
  const problem = (reason: string, line?: number, severity: InventoryProblem['severity'] = 'note') =>
    result.problems.push({ file, severity, reason, ...(line ? { line } : {}) });
  if (!read.ok) {
    problem(read.reason, undefined, 'warning');
    return result;
  }
  const context: ReaderContext = { file, role, secrets: result.secrets, namespaces: result.namespaces, problem };
  const text = read.text;
  if (readFlyteStoreListing(text, context)) return result;
  if (readTemplateFile(text, path.basename(file), context)) return result;
  const parsed = parseManifest(file, text);
  if (parsed.problems.length && TEMPLATE_MARK.test(text)) {
    problem('templated YAML ({{ }}) that is not valid YAML until rendered: render it (helm template, kustomize build) and list the output in manifests', parsed.problems[0]!.line, 'warning');
  } else {
    for (const p of parsed.problems) problem(p.reason, p.line, 'warning');
  }
  let recognized = false;
  for (const doc of parsed.documents) {
    const value = doc.value;
    if (isKustomization(file, value)) {
      result.kustomization = readKustomization(value, doc, context, (envFile) => readDependency(envFile, limits, result));
      recognized = true;
      continue;
    }
    const found =
      readObject(value, [], doc, context, readTemplateConfigMap) ||
      readTemplateValues(value, doc, context) ||
      readCloudDump(value, doc, context);
    recognized ||= found;
  }
  if (!recognized && !parsed.problems.length) {
    problem(role === 'dump' ? 'not a kubectl, AWS, GCP or Flyte secret store listing' : 'no Secret or secret source in it (Helm values, CI configuration?)');
  }
  return result;
}

function readDependency(file: string, limits: FileLimits, into: FileRead): ReadResult {
  const read = readManifestText(file, limits);
  into.dependencies.push({ file, stamp: read.stamp });
  return read;
}

/** Whether a cached read still describes the files on disk. */
export function isCurrent(read: FileRead, stamp: string): boolean {
  if (read.stamp !== stamp) return false;
  return read.dependencies.every((dependency) => currentStamp(dependency.file) === dependency.stamp);
}

export function currentStamp(file: string): string {
  try {
    return stampOf(statSync(file));
  } catch {
    return '';
  }
}
