// Where a name a module imports is defined: follows re-exports through `__init__.py` (`from
// .engine import warehouse_engine`, `__all__`), star imports and submodules, across the project's
// modules. Used for calls (project-calls.ts) and by anything that needs an imported module-level
// object (a Flyte 2 `TaskEnvironment` defined in another module).
import type { ModuleLoader, ModuleSummary } from '../model/module-loader.js';

export type Definition =
  /** `name` (possibly dotted: `Client.put`) is defined at the top level of `file`. */
  | { file: string; name: string; summary: ModuleSummary }
  /** The name comes from a library (a module outside the project). */
  | { library: true };

const MAX_DEPTH = 12;

/** Where `dotted` (a name, or `Class.method`) of module `file` is defined; undefined when it cannot be found. */
export function definitionOf(loader: ModuleLoader, file: string, dotted: string, depth = 0): Definition | undefined {
  const summary = depth > MAX_DEPTH ? undefined : loader.summary(file);
  if (!summary) return undefined;
  const [head, ...rest] = dotted.split('.');
  if (summary.defined.has(head!)) return { file, name: dotted, summary };
  const binding = summary.reexports.get(head!);
  if (binding) {
    if (binding.name) {
      const submodule = loader.resolve(file, `${binding.module}${binding.module.endsWith('.') ? '' : '.'}${binding.name}`);
      if (submodule) return rest.length ? definitionOf(loader, submodule, rest.join('.'), depth + 1) : undefined;
    }
    const module = loader.resolve(file, binding.module);
    if (!module) return { library: true };
    const inner = binding.name ? [binding.name, ...rest] : rest;
    return inner.length ? definitionOf(loader, module, inner.join('.'), depth + 1) : undefined;
  }
  if (/__init__\.pyi?$/.test(file) && rest.length) {
    const submodule = loader.resolve(file, `.${head}`);
    if (submodule) return definitionOf(loader, submodule, rest.join('.'), depth + 1);
  }
  for (const star of summary.stars) {
    const module = loader.resolve(file, star);
    const found = module && definitionOf(loader, module, dotted, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Where a name imported by `fromFile` is defined: `binding` is the import (`from acme.envs import
 * gpu_env` is `{ module: 'acme.envs', name: 'gpu_env' }`; `import acme.envs as envs` then `envs.gpu_env`
 * is `{ module: 'acme.envs' }` with `attribute` 'gpu_env').
 */
export function resolveImportedName(loader: ModuleLoader, fromFile: string, binding: { module: string; name?: string }, attribute?: string): Definition | undefined {
  if (binding.name) {
    const submodule = loader.resolve(fromFile, `${binding.module}${binding.module.endsWith('.') ? '' : '.'}${binding.name}`);
    if (submodule) return attribute ? definitionOf(loader, submodule, attribute) : undefined;
  }
  const module = loader.resolve(fromFile, binding.module);
  if (!module) return { library: true };
  const name = [binding.name, attribute].filter(Boolean).join('.');
  return name ? definitionOf(loader, module, name) : undefined;
}
