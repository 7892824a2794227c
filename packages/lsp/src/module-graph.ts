// Imports between Python modules, as the analysis resolves them: the loader reads open documents
// from the editor's buffers, and the graph knows which open documents depend on a module, so a
// change to `config.py` re-lints the open files that import constants from it.
import { FileModuleLoader, summarizeModule, type ModuleLoader, type ModuleSummary } from '@flyte-secrets/core';

export class ModuleGraph {
  #loader: FileModuleLoader;
  /** Module → the modules it asked the loader for (documents and summarised modules alike). */
  readonly #imports = new Map<string, Set<string>>();

  constructor(
    private readonly overlay: (filePath: string) => string | undefined,
    private readonly warn: (message: string) => void,
  ) {
    this.#loader = this.#createLoader();
  }

  /** The loader for analysing `filePath`; it records what the file imports. */
  loaderFor(filePath: string): ModuleLoader {
    const imports = new Set<string>();
    this.#imports.set(filePath, imports);
    return this.#tracking(imports, this.#loader);
  }

  /**
   * Tells the graph that a module's text changed (on disk or in a buffer). Returns the modules
   * that import it, directly or through others, whose analysis is now stale.
   */
  changed(filePath: string): string[] {
    const dependents = new Set<string>();
    const queue = [filePath];
    while (queue.length) {
      const target = queue.pop()!;
      for (const [module, imports] of this.#imports) {
        if (imports.has(target) && !dependents.has(module) && module !== filePath) {
          dependents.add(module);
          queue.push(module);
        }
      }
    }
    // Cached summaries embed what they imported, so any change to an imported module drops them all.
    if (dependents.size) this.#loader = this.#createLoader();
    return [...dependents];
  }

  /** Forgets a document's own imports (it was closed). */
  forget(filePath: string): void {
    this.#imports.delete(filePath);
  }

  #createLoader(): FileModuleLoader {
    return new FileModuleLoader(
      (filePath, text, loader) => {
        const imports = new Set<string>();
        this.#imports.set(filePath, imports);
        return summarizeModule(filePath, text, this.#tracking(imports, loader));
      },
      this.overlay,
      this.warn,
    );
  }

  #tracking(imports: Set<string>, inner: ModuleLoader): ModuleLoader {
    return {
      resolve: (fromFile, module) => inner.resolve(fromFile, module),
      summary: (target): ModuleSummary | undefined => {
        imports.add(target);
        return inner.summary(target);
      },
    };
  }
}
