// The Python modules of a project: every .py file under its root, minus the folders Python tools
// never look into. One ignore list, shared with the zero-config CLI.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { findPyproject } from '../config/config.js';

/** Ruff's default `exclude`, so flyte-secrets skips what Python developers' other linters skip; at any depth. */
export const PYTHON_TOOL_FOLDERS = [
  '.bzr', '.direnv', '.eggs', '.git', '.git-rewrite', '.hg', '.ipynb_checkpoints', '.mypy_cache', '.nox',
  '.pants.d', '.pyenv', '.pytest_cache', '.pytype', '.ruff_cache', '.svn', '.tox', '.venv', '.vscode',
  '__pypackages__', '_build', 'buck-out', 'build', 'dist', 'node_modules', 'site-packages', 'venv',
];

const SKIPPED = new Set(PYTHON_TOOL_FOLDERS);
/** A bound for pathological trees (a home folder); a repository has far fewer modules. */
const MAX_MODULES = 50_000;

/** The project root of a folder: the folder of the nearest pyproject.toml above it, else the folder itself. */
export function projectRoot(dir: string): string {
  const pyproject = findPyproject(dir);
  return pyproject ? path.dirname(pyproject) : dir;
}

/** Every Python module under `root`, sorted, skipping PYTHON_TOOL_FOLDERS and symlinked folders. */
export function pythonModules(root: string): string[] {
  const found: string[] = [];
  const pending = [root];
  while (pending.length && found.length < MAX_MODULES) {
    const dir = pending.pop()!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable folders hold nothing we can lint either
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) pending.push(path.join(dir, entry.name));
      } else if (entry.isFile() && entry.name.endsWith('.py')) {
        found.push(path.join(dir, entry.name));
      }
    }
  }
  return found.sort();
}
