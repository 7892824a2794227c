// Which file a Python import means. The project's root is the folder of the nearest
// pyproject.toml; absolute imports resolve against that root and its `src/` folder (src layouts),
// with or without `__init__.py` on the way (namespace packages), then against the importing
// file's ancestors (scripts and repositories without a pyproject.toml).
import { statSync } from 'node:fs';
import path from 'node:path';
import { findPyproject } from '../config/config.js';

/** How far up from the importing file an absolute import is looked for without a project root. */
const MAX_ANCESTORS = 8;

/** What each path asked about is ('file', 'folder' or undefined: nothing); cached with the resolutions. */
const kinds = new Map<string, 'file' | 'folder' | undefined>();
/**
 * File kinds and resolutions are cached for a few seconds: a lint run asks thousands of times,
 * while a long-lived process (an editor's ESLint server) must see modules created since.
 */
const CACHE_MS = 5000;
let cachedSince = 0;

function expireCaches(): void {
  const now = Date.now();
  if (now - cachedSince > CACHE_MS) {
    forgetResolutions();
    cachedSince = now;
  }
}

/** A file whose folder exists: most candidates lie under folders that do not, and one look at the folder answers for all of them. */
function isFile(candidate: string): boolean {
  return isFolder(path.dirname(candidate)) && kindOf(candidate) === 'file';
}

function isFolder(folder: string): boolean {
  const parent = path.dirname(folder);
  return (parent === folder || kinds.has(folder) || isFolder(parent)) && kindOf(folder) === 'folder';
}

/** What a path is, following symbolic links as Python's import system does. */
function kindOf(target: string): 'file' | 'folder' | undefined {
  if (kinds.has(target)) return kinds.get(target);
  let kind: 'file' | 'folder' | undefined;
  try {
    const stat = statSync(target);
    kind = stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : undefined;
  } catch {
    kind = undefined;
  }
  kinds.set(target, kind);
  return kind;
}

/** Resolutions by importing folder and module name: every module of a package asks the same questions. */
const resolved = new Map<string, string | undefined>();

/** Forgets which files exist (an editor was told that Python files were created or deleted). */
export function forgetResolutions(): void {
  kinds.clear();
  resolved.clear();
  names.clear();
}

function moduleFile(base: string, parts: string[]): string | undefined {
  if (!parts.length) return isFile(path.join(base, '__init__.py')) ? path.join(base, '__init__.py') : undefined;
  const joined = path.join(base, ...parts);
  if (isFile(`${joined}.py`)) return `${joined}.py`;
  if (isFile(path.join(joined, '__init__.py'))) return path.join(joined, '__init__.py');
  return undefined;
}

/** The folders absolute imports start from: the project root and its `src/`. */
export function sourceRoots(fromFile: string): string[] {
  const pyproject = findPyproject(path.dirname(fromFile));
  if (!pyproject) return [];
  const root = path.dirname(pyproject);
  return [root, path.join(root, 'src')];
}

/** Resolves `.x.y` relative to a file and `a.b` against the project's source roots, then the file's ancestors. */
export function resolveModulePath(fromFile: string, module: string): string | undefined {
  expireCaches();
  const key = `${path.dirname(fromFile)}\u0000${module}`;
  if (resolved.has(key)) return resolved.get(key);
  const found = resolveUncached(fromFile, module);
  resolved.set(key, found);
  return found;
}

function resolveUncached(fromFile: string, module: string): string | undefined {
  const dots = /^\.*/.exec(module)![0].length;
  const parts = module.slice(dots).split('.').filter(Boolean);
  let dir = path.dirname(fromFile);
  if (dots > 0) {
    for (let i = 1; i < dots; i++) dir = path.dirname(dir);
    return moduleFile(dir, parts);
  }
  if (!parts.length) return undefined;
  for (const root of sourceRoots(fromFile)) {
    const found = moduleFile(root, parts);
    if (found) return found;
  }
  for (let i = 0; i < MAX_ANCESTORS; i++) {
    const found = moduleFile(dir, parts);
    if (found) return found;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

const names = new Map<string, string>();

/** The dotted name of a module file under its project (`src/acme/clients/db.py` → `acme.clients.db`), for messages. */
export function moduleName(filePath: string): string {
  let name = names.get(filePath);
  if (name === undefined) names.set(filePath, (name = dottedName(filePath)));
  return name;
}

function dottedName(filePath: string): string {
  const roots = sourceRoots(filePath).sort((a, b) => b.length - a.length);
  const root = roots.find((r) => filePath.startsWith(r + path.sep));
  const relative = root ? path.relative(root, filePath) : path.basename(filePath);
  return relative.replace(/\.pyi?$/, '').split(path.sep).filter((part) => part !== '__init__').join('.');
}
