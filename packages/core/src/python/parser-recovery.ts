// Recovery from a trap in the parser's wasm. A trap ("memory access out of bounds", as
// tree-sitter-python issue 350's scanner overrun causes) leaves the wasm memory corrupted: every
// later parse fails, or worse, hangs. web-tree-sitter keeps one wasm instance per process and cannot
// make another, and ESLint parses synchronously, so the instance is restored in place: its memory
// and stack pointer are copied once the grammar is loaded, and put back after a trap. Every tree made
// since is then dead; its handle is cleared so that neither its owner's `delete()` nor its finalizer
// frees memory of the restored heap.
import { readFile } from 'node:fs/promises';
import type { Tree } from 'web-tree-sitter';

// The few WebAssembly types used here (the project's TypeScript libs have no DOM/WebAssembly types).
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmGlobal {
  value: number;
}
declare const WebAssembly: {
  RuntimeError: abstract new () => Error;
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: object; module: object }>;
};

/** Emscripten's `instantiateWasm` callback: `(instance, module)`. */
type ReceiveInstance = (instance: object, module: object) => void;

/** web-tree-sitter keeps a tree's wasm address at index 0; `ts_tree_delete(0)` does nothing. */
type TreeHandle = { 0: number };

/** Dead trees are forgotten in batches, so the set of live ones stays small in a long session. */
const PRUNE_EVERY = 256;

export class ParserRecovery {
  #memory: WasmMemory | undefined;
  #stackPointer: WasmGlobal | undefined;
  #image: Uint8Array | undefined;
  #stack = 0;
  #trees = new Set<WeakRef<Tree>>();
  #depth = 0;
  #trapped = false;

  constructor(
    private readonly runtimeWasm: string,
    private readonly unparsable: () => Error,
  ) {}

  /** Emscripten's `instantiateWasm` hook: instantiates web-tree-sitter's runtime, keeping its memory and stack pointer. */
  readonly instantiateWasm = (imports: { env: object }, receive: ReceiveInstance): object => {
    const env = imports.env as { memory: WasmMemory; __stack_pointer: WasmGlobal };
    this.#memory = env.memory;
    this.#stackPointer = env.__stack_pointer;
    void readFile(this.runtimeWasm)
      .then((bytes) => WebAssembly.instantiate(bytes, imports))
      .then(({ instance, module }) => receive(instance, module));
    return {};
  };

  /** Copies the memory as it is now (parser and grammar loaded, no tree yet): the state a restore returns to. */
  snapshot(): void {
    if (!this.#memory || !this.#stackPointer) throw new Error('flyte-secrets: the parser runtime was not instantiated through the recovery hook');
    const heap = new Uint8Array(this.#memory.buffer);
    let end = heap.length;
    while (end > 0 && heap[end - 1] === 0) end--;
    this.#image = heap.slice(0, end);
    this.#stack = this.#stackPointer.value;
  }

  /**
   * Runs `work` as one recovery unit (see `withParserRecovery` in parser.ts). A trap may come from a
   * sibling module that `work` parses on the way (its loader then caches it as unreadable), so the
   * outermost unit runs `work` once more after a restore before it gives the file up.
   */
  unit<T>(work: () => T): T {
    if (this.#trapped) throw this.unparsable(); // an enclosing unit trapped: touch no wasm until it restores
    for (let attempt = 1; ; attempt++) {
      this.#depth++;
      let result: T;
      try {
        result = work();
      } catch (error) {
        if (error instanceof WebAssembly.RuntimeError) this.#trapped = true;
        if (this.#depth > 1 || !this.#trapped) throw error;
      } finally {
        this.#depth--;
      }
      if (this.#depth > 0 || !this.#trapped) return result!;
      this.#restore();
      if (attempt === 2) throw this.unparsable();
    }
  }

  track(tree: Tree): void {
    this.#trees.add(new WeakRef(tree));
    if (this.#trees.size % PRUNE_EVERY === 0) {
      for (const ref of this.#trees) {
        const alive = ref.deref();
        if (!alive || !this.isAlive(alive)) this.#trees.delete(ref);
      }
    }
  }

  isAlive(tree: Tree): boolean {
    return (tree as unknown as TreeHandle)[0] !== 0;
  }

  #restore(): void {
    this.#trapped = false;
    const heap = new Uint8Array(this.#memory!.buffer);
    heap.set(this.#image!);
    heap.fill(0, this.#image!.length);
    this.#stackPointer!.value = this.#stack;
    for (const ref of this.#trees) {
      const tree = ref.deref();
      if (!tree || !this.isAlive(tree)) continue;
      (tree as unknown as TreeHandle)[0] = 0;
      tree.delete(); // unregisters its finalizer; frees nothing
    }
    this.#trees.clear();
  }
}
