// What the analysis of a module asks of the other modules of its project: where an import leads,
// and the summary of a module (its constants, `Secret`s, re-exports and units), so
// `from .config import DB_GROUP` resolves. The project index (project/project-index.ts) answers.
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
