// Finds and summarises the sibling modules a module imports constants and `Secret`s from, so
// `from .config import DB_GROUP` resolves. Summaries are plain data, cached by path and mtime
// (or by the text of an editor's buffer).
import { readFileSync, statSync } from 'node:fs';
import { resolveModulePath } from '../project/resolve.js';
import type { UnitSummary } from '../project/types.js';
import type { Resolved, SecretRequest } from './types.js';

/** What another module exports that the model can use: string constants and `Secret` objects. */
export interface ModuleSummary {
  path: string;
  constants: Map<string, Resolved>;
  secrets: Map<string, SecretValue>;
  /** Names the module itself imports, to follow re-exports (`from .consts import X` in `__init__.py`). */
  reexports: Map<string, { module: string; name?: string }>;
  /** Names the module defines at the top level (assignments, functions, classes). */
  defined: Set<string>;
  /** Modules it star-imports (`from .engine import *`), whose names it re-exports. */
  stars: string[];
  /** What each top-level function, class and method does with secrets (the project index's units). */
  units: Map<string, UnitSummary>;
}

export type SecretValue =
  | { kind: 'secret'; request: SecretRequest }
  | { kind: 'list'; requests: SecretRequest[]; known: boolean }
  | { kind: 'dict'; requests: SecretRequest[]; known: boolean };

export interface ModuleLoader {
  /** The file a Python import means, seen from `fromFile`, if it is part of the project. */
  resolve(fromFile: string, module: string): string | undefined;
  /** The summary of a module file, or undefined when it cannot be read. */
  summary(filePath: string): ModuleSummary | undefined;
}

/** Largest module we read to resolve an import; larger ones are generated code, not constants. */
const MAX_MODULE_BYTES = 1024 * 1024;
/** How long a module file's stamp is trusted without asking the disk again. */
const RECHECK_MS = 500;

/**
 * A loader that reads modules from disk. `summarize` turns a module's text into its summary
 * (it parses, so it is injected by the analysis layer). Each summary is cached until the file's
 * mtime or size changes; `overlay` lets an editor supply unsaved text.
 */
export class FileModuleLoader implements ModuleLoader {
  readonly #cache = new Map<string, { stamp: string; summary: ModuleSummary | undefined; checkedAt: number }>();
  readonly #inProgress = new Set<string>();

  constructor(
    private readonly summarize: (filePath: string, text: string, loader: ModuleLoader) => ModuleSummary,
    private readonly overlay: (filePath: string) => string | undefined = () => undefined,
    private readonly warn: (message: string) => void = () => {},
  ) {}

  resolve(fromFile: string, module: string): string | undefined {
    return resolveModulePath(fromFile, module);
  }

  summary(filePath: string): ModuleSummary | undefined {
    if (this.#inProgress.has(filePath)) return undefined; // import cycle: stop here
    const overlaid = this.overlay(filePath);
    const now = Date.now();
    const recent = this.#cache.get(filePath);
    // A file on disk checked a moment ago is not checked again: composing calls asks for the same modules over and over.
    if (overlaid === undefined && recent && !recent.stamp.startsWith('overlay:') && now - recent.checkedAt < RECHECK_MS) return recent.summary;
    let stamp: string;
    let text: string | undefined = overlaid;
    if (overlaid !== undefined) {
      stamp = `overlay:${overlaid.length}:${hashText(overlaid)}`;
    } else {
      try {
        const stat = statSync(filePath);
        if (stat.size > MAX_MODULE_BYTES) {
          this.warn(`${filePath}: not read to resolve imports (larger than ${MAX_MODULE_BYTES} bytes)`);
          return undefined;
        }
        stamp = `${stat.mtimeMs}:${stat.size}`;
      } catch {
        return undefined;
      }
    }
    if (recent && recent.stamp === stamp) {
      recent.checkedAt = now;
      return recent.summary;
    }
    this.#inProgress.add(filePath);
    try {
      text ??= readFileSync(filePath, 'utf8');
      const summary = text.includes('\u0000') ? undefined : this.summarize(filePath, text, this);
      this.#cache.set(filePath, { stamp, summary, checkedAt: now });
      return summary;
    } catch (error) {
      this.warn(`${filePath}: could not be read to resolve imports (${(error as Error).message})`);
      this.#cache.set(filePath, { stamp, summary: undefined, checkedAt: now });
      return undefined;
    } finally {
      this.#inProgress.delete(filePath);
    }
  }
}

function hashText(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}
