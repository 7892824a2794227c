// Finding and reading the files the inventory is built from, defensively: globs relative to the
// pyproject folder, no directory symlinks followed (so no loops), size and binary checks before a
// parser sees a byte, and a stamp (mtime + size) per file so a changed manifest is noticed.
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import picomatch from 'picomatch';
import type { InventoryProblem } from './types.js';

export interface FoundFile {
  /** Absolute path. */
  path: string;
  size: number;
  /** Changes whenever the file does (mtime and size), so caches can key on it. */
  stamp: string;
}

export interface FileLimits {
  /** Largest YAML file read (the YAML parser holds the whole document tree in memory). */
  maxYamlBytes: number;
  /** Largest JSON file read (cluster dumps can be big; JSON.parse is cheap). */
  maxJsonBytes: number;
  /** Stop looking after this many files. */
  maxFiles: number;
}

export const DEFAULT_LIMITS: FileLimits = { maxYamlBytes: 8 * 1024 * 1024, maxJsonBytes: 64 * 1024 * 1024, maxFiles: 200_000 };

/** Folders that never hold deployment manifests and can be huge. */
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', '.venv', 'venv', '__pycache__', '.terraform', '.tox']);
const MANIFEST_NAME = /\.(ya?ml|json)$|^Kustomization$/i;
/** Dumps also come as a redirect of a command's output (`flyte get secret -o json > secrets.txt`). */
export const DUMP_NAME = /\.(ya?ml|json|txt)$/i;

export const stampOf = (stats: Stats) => `${stats.mtimeMs}:${stats.size}`;

const toPosix = (p: string) => p.split(path.sep).join('/');

/** A path relative to the config folder, for messages (`deploy/dev/db.yaml`). */
export function displayPath(root: string, file: string): string {
  const relative = toPosix(path.relative(root, file));
  return relative && !relative.startsWith('../') ? relative : file;
}

export interface Discovery {
  files: FoundFile[];
  problems: InventoryProblem[];
}

export interface FindOptions {
  limits?: FileLimits;
  /** File names worth reading (default: YAML, JSON and `Kustomization`); others are noted. */
  accept?: RegExp;
}

/**
 * The files that `patterns` (globs relative to `root`) match. Directory symlinks are reported and
 * not followed; file symlinks are read through.
 */
export function findFiles(root: string, patterns: string[], options: FindOptions = {}): Discovery {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const accept = options.accept ?? MANIFEST_NAME;
  const found = new Map<string, FoundFile>();
  const problems: InventoryProblem[] = [];
  const reported = new Set<string>();
  const problem = (file: string, severity: InventoryProblem['severity'], reason: string) => {
    if (reported.has(file)) return;
    reported.add(file);
    problems.push({ file, severity, reason });
  };

  const add = (file: string, stats: Stats) => {
    if (found.has(file)) return;
    if (found.size >= limits.maxFiles) {
      problem(root, 'warning', `more than ${limits.maxFiles} files match manifests/inventory; the rest are not read`);
      return;
    }
    if (!accept.test(path.basename(file))) {
      problem(file, 'note', accept === DUMP_NAME ? 'not a .yaml, .yml, .json or .txt file' : 'not a .yaml, .yml or .json file');
      return;
    }
    found.set(file, { path: file, size: stats.size, stamp: stampOf(stats) });
  };

  for (const pattern of patterns) {
    const scan = picomatch.scan(pattern);
    if (!scan.isGlob) {
      const file = path.resolve(root, pattern);
      try {
        const stats = statSync(file);
        if (stats.isFile()) add(file, stats);
        else problem(file, 'warning', 'is listed in the configuration but is not a file');
      } catch (error) {
        problem(file, 'warning', `is listed in the configuration but cannot be read (${errorCode(error)})`);
      }
      continue;
    }
    const matches = picomatch(pattern, { dot: false });
    const base = path.resolve(root, scan.base || '.');
    const before = found.size;
    walk(base, (file, stats) => {
      if (matches(toPosix(path.relative(root, file)))) add(file, stats);
    }, problem);
    if (found.size === before) problems.push({ file: root, severity: 'note', reason: `the pattern "${pattern}" matches no manifest` });
  }
  return { files: [...found.values()].sort((a, b) => a.path.localeCompare(b.path)), problems };
}

type Reporter = (file: string, severity: InventoryProblem['severity'], reason: string) => void;

function walk(start: string, visit: (file: string, stats: Stats) => void, problem: Reporter): void {
  const visited = new Set<string>();
  const stack = [start];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries;
    try {
      const stats = statSync(dir);
      const id = `${stats.dev}:${stats.ino}`;
      if (visited.has(id)) continue;
      visited.add(id);
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      if (dir !== start || errorCode(error) !== 'ENOENT') problem(dir, 'warning', `folder cannot be read (${errorCode(error)})`);
      continue;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) stack.push(full);
      } else if (entry.isFile()) {
        try {
          visit(full, lstatSync(full));
        } catch (error) {
          problem(full, 'warning', `cannot be read (${errorCode(error)})`);
        }
      } else if (entry.isSymbolicLink()) {
        symlink(full, dir, visit, problem);
      }
    }
  }
}

function symlink(link: string, dir: string, visit: (file: string, stats: Stats) => void, problem: Reporter): void {
  let stats: Stats;
  try {
    stats = statSync(link);
  } catch (error) {
    const code = errorCode(error);
    problem(link, 'warning', code === 'ELOOP' ? 'symlink loop, not followed' : `broken symlink (${code}), not followed`);
    return;
  }
  if (stats.isFile()) {
    visit(link, stats);
    return;
  }
  if (!stats.isDirectory()) return;
  let target = '';
  try {
    target = realpathSync(link);
  } catch {
    // reported below without the target
  }
  const realDir = safeRealpath(dir);
  const loops = target !== '' && (realDir === target || realDir.startsWith(target + path.sep));
  problem(link, loops ? 'warning' : 'note', loops ? 'symlink loop (points to a folder that contains it), not followed' : 'directory symlink, not followed');
}

function safeRealpath(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? 'error';
}

/** A failed read keeps the stamp it saw (when it got that far), so an unchanged bad file is not read again. */
export type ReadResult = { ok: true; text: string; stamp: string } | { ok: false; reason: string; stamp: string };

/**
 * Reads a manifest as text, refusing what no parser should see: too big, binary (a NUL byte
 * in the first 8 KB, as git decides), or not UTF-8.
 */
export function readManifestText(file: string, limits: FileLimits = DEFAULT_LIMITS, found?: FoundFile): ReadResult {
  // A file just found by findFiles was just stat'ed; the stamp is what the caches key on.
  let stats: Pick<Stats, 'size'> & { isFile(): boolean };
  let stamp: string;
  if (found) {
    stats = { size: found.size, isFile: () => true };
    stamp = found.stamp;
  } else {
    try {
      const fresh = statSync(file);
      stats = fresh;
      stamp = stampOf(fresh);
    } catch (error) {
      return { ok: false, reason: `cannot be read (${errorCode(error)})`, stamp: '' };
    }
  }
  if (!stats.isFile()) return { ok: false, reason: 'is not a file', stamp };
  const limit = /\.json$/i.test(file) ? limits.maxJsonBytes : limits.maxYamlBytes;
  if (stats.size > limit) return { ok: false, reason: `is ${formatBytes(stats.size)}, over the ${formatBytes(limit)} limit for this kind of file; not read`, stamp };
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return { ok: false, reason: `cannot be read (${errorCode(error)})`, stamp };
  }
  if (bytes.subarray(0, 8000).includes(0)) return { ok: false, reason: 'is a binary file (or UTF-16 text); not read', stamp };
  if (!isUtf8(bytes)) return { ok: false, reason: 'is not UTF-8 text; not read', stamp };
  const text = bytes.toString('utf8');
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, stamp };
}

const formatBytes = (bytes: number) => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
