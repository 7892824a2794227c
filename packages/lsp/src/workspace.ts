// File paths of documents and the workspace folder each belongs to.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkspaceFolder } from 'vscode-languageserver';

/** The file system path of a `file:` URI; undefined for `untitled:` and other schemes. */
export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** True when `file` is `folder` or lies below it. */
export function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}

export class WorkspaceFolders {
  #folders: string[] = [];

  set(folders: WorkspaceFolder[] | null | undefined, rootUri?: string | null): void {
    const uris = folders?.length ? folders.map((folder) => folder.uri) : rootUri ? [rootUri] : [];
    this.#folders = uris.map(filePathOf).filter((folder): folder is string => folder !== undefined);
  }

  change(added: WorkspaceFolder[], removed: WorkspaceFolder[]): void {
    const gone = new Set(removed.map((folder) => filePathOf(folder.uri)));
    const kept = this.#folders.filter((folder) => !gone.has(folder));
    this.#folders = [...kept, ...added.map((folder) => filePathOf(folder.uri)).filter((folder): folder is string => folder !== undefined)];
  }

  get all(): readonly string[] {
    return this.#folders;
  }

  /** The innermost workspace folder containing `filePath`. */
  folderOf(filePath: string): string | undefined {
    let best: string | undefined;
    for (const folder of this.#folders) if (isInside(folder, filePath) && (!best || folder.length > best.length)) best = folder;
    return best;
  }
}
