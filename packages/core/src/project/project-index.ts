// The project index: one per process (and one per language server), shared by everything that
// analyses a module. It owns how a module's text is read (an editor's buffer over the disk), the
// summary of each module (computed once and cached by the hash of its text and of the texts of the
// modules it consulted, so a helper's summary serves every file that imports it), the import edges
// both ways, and which modules a change makes stale. ESLint's language, the CLI (through ESLint),
// the language server's diagnostics and its workspace scan all read modules through it.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { ModuleLoader, ModuleSummary } from '../model/module-loader.js';
import { pythonModules } from './discovery.js';
import { forgetResolutions, resolveModulePath } from './resolve.js';
import { summaryWithoutParse } from './summary-filter.js';

/** Largest module read to resolve imports; larger ones are generated code, not constants. */
const MAX_MODULE_BYTES = 1024 * 1024;
/** How long a module's text read from disk is trusted without reading it again (a lint run asks for the same modules over and over). */
const RECHECK_MS = 1000;

export interface ModuleText {
  text: string;
  /** Hash of the text: what summaries are cached by. */
  hash: string;
}

export interface ProjectIndexOptions {
  /** Parses a module's text and summarises it (injected by the analysis layer, which owns the parser). */
  summarize: (filePath: string, text: string, loader: ModuleLoader) => ModuleSummary;
  /** Unsaved text of a module (an editor's buffer), over the disk. */
  overlay?: (filePath: string) => string | undefined;
  /** Problems with single modules (too large, unreadable): reported once by the caller. */
  warn?: (message: string) => void;
}

interface CachedSummary {
  hash: string;
  /** When the consulted modules were last found unchanged, and how many changes the index had been told of then. */
  checkedAt: number;
  checkedIn: number;
  summary: ModuleSummary | undefined;
  /** Every module the summary consulted, directly or through the summaries it used, with the hash it had. */
  consulted: Map<string, string | undefined>;
}

const hashOf = (text: string) => createHash('sha1').update(text).digest('base64');

export class ProjectIndex implements ModuleLoader {
  readonly #summaries = new Map<string, CachedSummary>();
  /** Texts read from disk, with when they were read. */
  readonly #disk = new Map<string, { text: ModuleText | undefined; readAt: number }>();
  /** The last overlay text of each module and its hash (an unchanged buffer is not hashed again). */
  readonly #overlaid = new Map<string, ModuleText>();
  /** Analysed module (an open document) → the modules whose summaries its analysis asked for (`loaderFor`). */
  readonly #documentImports = new Map<string, Set<string>>();
  /** Changes the index was told of (`changed`, `filesChanged`) or saw in a buffer: a summary checked before one is checked again. */
  #changes = 0;
  /** Summaries being computed, innermost last: each records what it consults. */
  readonly #computing: { file: string; consulted: Map<string, string | undefined> }[] = [];

  constructor(private readonly options: ProjectIndexOptions) {}

  resolve(fromFile: string, module: string): string | undefined {
    return resolveModulePath(fromFile, module);
  }

  /** The text of a module as the analysis sees it: the editor's buffer, else the disk (undefined when unreadable, binary or too large). */
  text(filePath: string): ModuleText | undefined {
    const overlaid = this.options.overlay?.(filePath);
    if (overlaid !== undefined) {
      const known = this.#overlaid.get(filePath);
      if (known?.text === overlaid) return known;
      const fresh = { text: overlaid, hash: hashOf(overlaid) };
      this.#changes++;
      this.#overlaid.set(filePath, fresh);
      return fresh;
    }
    this.#overlaid.delete(filePath);
    const now = Date.now();
    const read = this.#disk.get(filePath);
    if (read && now - read.readAt < RECHECK_MS) return read.text;
    const text = this.#readDisk(filePath);
    if (read && read.text?.hash !== text?.hash) this.#changes++;
    this.#disk.set(filePath, { text, readAt: now });
    return text;
  }

  #readDisk(filePath: string): ModuleText | undefined {
    try {
      if (statSync(filePath).size > MAX_MODULE_BYTES) {
        this.options.warn?.(`${filePath}: not read to resolve imports (larger than ${MAX_MODULE_BYTES} bytes)`);
        return undefined;
      }
      const text = readFileSync(filePath, 'utf8');
      return text.includes('\u0000') ? undefined : { text, hash: hashOf(text) };
    } catch {
      return undefined; // deleted meanwhile, or a folder: nothing to import from
    }
  }

  summary(filePath: string): ModuleSummary | undefined {
    const current = this.text(filePath);
    const outer = this.#computing.at(-1);
    outer?.consulted.set(filePath, current?.hash);
    if (this.#computing.some((c) => c.file === filePath)) return undefined; // an import cycle: stop here
    let cached = this.#summaries.get(filePath);
    if (!cached || cached.hash !== current?.hash || !this.#stillValid(cached)) {
      cached = current ? this.#compute(filePath, current) : { hash: '', checkedAt: 0, checkedIn: -1, summary: undefined, consulted: new Map() };
      if (current) this.#summaries.set(filePath, cached);
    }
    if (outer) for (const [file, hash] of cached.consulted) outer.consulted.set(file, hash);
    return cached.summary;
  }

  /**
   * Records the summary of a module that the caller has parsed anyway (the linted file), so that the
   * files importing it do not parse it again. `build` runs only when no summary of this text is cached.
   */
  remember(filePath: string, text: string, build: (loader: ModuleLoader) => ModuleSummary): void {
    if (this.options.overlay?.(filePath) !== undefined) return; // an editor's buffer is summarised from its own text
    // ESLint has just read the file (or an editor gave it the buffer): this is its current text until the next recheck.
    const known = this.#disk.get(filePath)?.text;
    const current = known?.text === text ? known : { text, hash: hashOf(text) };
    if (known && known !== current) this.#changes++;
    this.#disk.set(filePath, { text: current, readAt: Date.now() });
    const cached = this.#summaries.get(filePath);
    if (cached?.hash === current.hash && this.#stillValid(cached)) return;
    this.#summaries.set(filePath, this.#compute(filePath, current, build));
  }

  #compute(filePath: string, current: ModuleText, build?: (loader: ModuleLoader) => ModuleSummary): CachedSummary {
    const consulted = new Map<string, string | undefined>();
    const quick = build ? undefined : summaryWithoutParse(filePath, current.text);
    if (quick) return { hash: current.hash, checkedAt: Date.now(), checkedIn: this.#changes, summary: quick, consulted };
    this.#computing.push({ file: filePath, consulted });
    try {
      const summary = build ? build(this) : this.options.summarize(filePath, current.text, this);
      return { hash: current.hash, checkedAt: Date.now(), checkedIn: this.#changes, summary, consulted };
    } catch (error) {
      this.options.warn?.(`${filePath}: could not be read to resolve imports (${(error as Error).message})`);
      return { hash: current.hash, checkedAt: Date.now(), checkedIn: this.#changes, summary: undefined, consulted };
    } finally {
      this.#computing.pop();
    }
  }

  /** True while every module the summary consulted still has the text it had. */
  #stillValid(cached: CachedSummary): boolean {
    const now = Date.now();
    if (now - cached.checkedAt < RECHECK_MS && cached.checkedIn === this.#changes) return true;
    for (const [file, hash] of cached.consulted) if (this.text(file)?.hash !== hash) return false;
    cached.checkedAt = now;
    cached.checkedIn = this.#changes;
    return true;
  }

  /** A loader for analysing the module at `filePath` (an open document): it records what the analysis imports, for `changed`. */
  loaderFor(filePath: string): ModuleLoader {
    const imports = new Set<string>();
    this.#documentImports.set(filePath, imports);
    return {
      resolve: (fromFile, module) => this.resolve(fromFile, module),
      summary: (target) => {
        imports.add(target);
        return this.summary(target);
      },
    };
  }

  /**
   * One hash of the texts that the last analysis of `filePath` through `loaderFor` depended on (the
   * modules it imported and those their summaries consulted): a cache of that analysis is stale when it changes.
   */
  importsHash(filePath: string): string {
    const parts: string[] = [];
    for (const target of this.#documentImports.get(filePath) ?? []) {
      parts.push(target, this.text(target)?.hash ?? '');
      for (const file of this.#summaries.get(target)?.consulted.keys() ?? []) parts.push(file, this.text(file)?.hash ?? '');
    }
    return hashOf(parts.join('\u0000'));
  }

  /**
   * A module's text changed (on disk or in a buffer): its text is read again on next use. Returns
   * the modules whose analysis or summary used it, directly or through others.
   */
  changed(filePath: string): string[] {
    this.#disk.delete(filePath);
    this.#changes++;
    // A summary's consulted modules are transitive already; an analysis depends on what its summaries consulted.
    const stale = new Set<string>([filePath]);
    for (const [file, cached] of this.#summaries) if (cached.consulted.has(filePath)) stale.add(file);
    const dependents = new Set([...stale].filter((file) => file !== filePath));
    for (const [document, imports] of this.#documentImports) {
      if (document !== filePath && [...imports].some((target) => stale.has(target))) dependents.add(document);
    }
    return [...dependents];
  }

  /** Modules were created or deleted: imports may resolve elsewhere now. */
  filesChanged(): void {
    forgetResolutions();
    this.#disk.clear();
    this.#changes++;
  }

  /** Forgets what an analysis of `filePath` imported (an editor closed the document). */
  forget(filePath: string): void {
    this.#documentImports.delete(filePath);
    if (this.#overlaid.delete(filePath)) this.#changes++; // its importers read the disk again
  }

  /** The Python modules of a folder, with the one ignore list (see discovery.ts). */
  modules(root: string): string[] {
    return pythonModules(root);
  }
}
