// Composes unit summaries across calls and modules on demand: the reads a call reaches (through
// helpers, transitively, cycle-safe), whether it returns their values, and the sinks a value
// passed to it reaches. Each answer names the path of helpers it went through.
import type { ModuleLoader } from '../model/module-loader.js';
import type { LeakSink, ReadKind } from '../model/types.js';
import { definitionOf } from './definitions.js';
import { moduleName } from './resolve.js';
import type { CallTarget, UnitCall, UnitPart, UnitSummary } from './types.js';

/** A resolved name part: known, absent (`null`) or unknown (`undefined`). */
type Part = string | null | undefined;

export interface ReachedRead {
  kind: ReadKind;
  group: Part;
  key: Part;
  groupVersion: Part;
  single: boolean;
  opaqueArgs: boolean;
  /** The helpers the call goes through to the read, outermost first (`acme.clients.warehouse_engine`). */
  path: string[];
  file: string;
  line: number;
  returned: boolean;
}

export interface Reach {
  reads: ReachedRead[];
  /** Repository calls on the way that cannot be resolved (a rule must not claim "never reads" then). */
  unresolved: string[];
  /** Why some helper on the way cannot be fully analysed. */
  opaque?: string;
}

export interface ReachedSink {
  sink: LeakSink;
  text: string;
  /** The helpers the value goes through to the sink. */
  path: string[];
}

/** A resolved target; `atImport` when it goes through a module-level value (`client.query()`), which its module computed at import. */
type Resolution = ({ file: string; unit: UnitSummary } | { skip: true } | { unresolved: string }) & { atImport?: { file: string; unit: UnitSummary }; instance?: ClassRef };

/** The class of the instance a method runs on: `self.m()` inside it calls this class's `m` (an override). */
type ClassRef = { file: string; name: string };

const MAX_DEPTH = 12;
const EMPTY: Reach = { reads: [], unresolved: [] };
const NO_ARGUMENTS: UnitCall = { target: { unresolved: '' }, callee: '', args: [], keywords: {}, splat: false };

export class ProjectCalls {
  readonly #memo = new Map<string, Reach>();

  constructor(private readonly loader: ModuleLoader) {}

  /** The unit a target names, following re-exports (`__init__.py`), star imports, submodules and base classes. */
  resolve(target: CallTarget): Resolution {
    if ('unresolved' in target) return target;
    const unresolved = { unresolved: `${moduleName(target.file)}.${target.name}` };
    const definition = definitionOf(this.loader, target.file, target.name);
    if (!definition) return unresolved;
    if ('library' in definition) return { skip: true };
    const { file, name, summary } = definition;
    const [head, ...rest] = name.split('.');
    const unit = target.fromBases ? undefined : summary.units.get(name);
    if (unit) return unit.kind === 'method' ? { file, unit, instance: { file, name: head! } } : { file, unit };
    const owner = summary.units.get(head!);
    // A method the class does not define: its bases' (object's constructor when none has one).
    if (owner?.kind === 'class' && rest.length === 1) return { ...(this.#inBases(owner, rest[0]!, 0) ?? (rest[0] === '__init__' ? { skip: true } : unresolved)), instance: { file, name: head! } };
    // `client.query()` with `client = Client()` at module level: `Client.query`, after the import made `client`.
    if (owner?.kind === 'value') {
      const atImport = { file, unit: owner };
      if (!owner.instanceOf || rest.length !== 1) return { skip: true, atImport };
      return { ...this.resolve({ file: owner.instanceOf.file, name: `${owner.instanceOf.name}.${rest[0]}` }), atImport };
    }
    // `warehouse_engine().execute(...)`: a method of what a function returns is library code.
    if (owner?.kind === 'function') return { skip: true };
    if (summary.constants.has(head!) || summary.secrets.has(head!)) return { skip: true };
    // A method of something we cannot see (a class made by a function).
    return unresolved;
  }

  /** `method` as the bases of `cls` define it (in order, depth first); undefined when none of them does. */
  #inBases(cls: UnitSummary, method: string, depth: number): Resolution | undefined {
    let library = false;
    for (const base of depth > MAX_DEPTH ? [] : (cls.bases ?? [])) {
      if ('library' in base) {
        library = true;
        continue;
      }
      const definition = definitionOf(this.loader, base.file, base.name);
      if (!definition) return { unresolved: `${moduleName(base.file)}.${base.name}.${method}` };
      if ('library' in definition) {
        library = true;
        continue;
      }
      const unit = definition.summary.units.get(`${definition.name}.${method}`);
      if (unit) return { file: definition.file, unit };
      const inherited = definition.summary.units.get(definition.name);
      const found = inherited?.kind === 'class' ? this.#inBases(inherited, method, depth + 1) : undefined;
      if (found) return found;
    }
    // A library base may define it: library code, which reads nothing the task must request.
    return library ? { skip: true } : undefined;
  }

  /**
   * What a call reaches, with its arguments (already resolved in the caller) bound to the callee's
   * parameters; `instance` is the class of `self` when the call is made inside a method.
   */
  reach(call: UnitCall, stack: string[] = [], instance?: ClassRef): Reach {
    let { target } = call;
    // `self.m()` on an instance of a subclass runs the subclass's `m` when it overrides it.
    if ('file' in target && target.self && instance) target = { file: instance.file, name: `${instance.name}.${target.name.split('.').pop()}` };
    const resolution = this.resolve(target);
    const self = 'file' in target && (target.self || target.fromBases) && instance ? instance : resolution.instance;
    const atImport = resolution.atImport ? this.#reachUnit(resolution.atImport.file, resolution.atImport.unit, NO_ARGUMENTS, stack) : EMPTY;
    const main = this.#reachResolved(resolution, call, stack, self);
    if (!resolution.atImport) return main;
    // Using the value needs what made it; whether the use returns a secret is the use's.
    return { reads: [...atImport.reads.map((read) => ({ ...read, returned: false })), ...main.reads], unresolved: [...atImport.unresolved, ...main.unresolved], opaque: atImport.opaque ?? main.opaque };
  }

  #reachResolved(resolution: Resolution, call: UnitCall, stack: string[], instance: ClassRef | undefined): Reach {
    if ('skip' in resolution) return EMPTY;
    // A use that is not a call cannot be a reason to give up: at worst it reaches nothing.
    if ('unresolved' in resolution) return call.reference ? EMPTY : { reads: [], unresolved: [resolution.unresolved] };
    const { file, unit } = resolution;
    if (call.reference && unit.kind !== 'value' && !unit.property && !(call.reference === 'callback' && (unit.kind === 'function' || unit.kind === 'method'))) return EMPTY;
    // A function handed to other code is called with arguments we cannot see.
    return this.#reachUnit(file, unit, call.reference ? NO_ARGUMENTS : call, stack, instance);
  }

  #reachUnit(file: string, unit: UnitSummary, call: UnitCall, stack: string[], instance?: ClassRef): Reach {
    const id = `${file}#${unit.name}`;
    if (stack.includes(id) || stack.length > MAX_DEPTH) return EMPTY; // a cycle: its reads are counted where it started
    if (unit.alias) {
      const { target, args, keywords } = unit.alias;
      const reach = this.reach({ ...call, target, args: [...args, ...call.args], keywords: { ...keywords, ...call.keywords } }, [...stack, id]);
      return { ...reach, reads: reach.reads.map((read) => ({ ...read, path: [`${moduleName(file)}.${unit.name}`, ...read.path] })) };
    }
    const memoKey = `${id}(${JSON.stringify([call.args, call.keywords, call.splat, instance])})`;
    const memo = this.#memo.get(memoKey);
    if (memo) return memo;
    const bound = bind(unit, call);
    const subst = (part: UnitPart): UnitPart => (part && typeof part === 'object' ? bound.get(part.param) : part);
    const known = (part: UnitPart): Part => (part && typeof part === 'object' ? undefined : part);
    const me = `${moduleName(file)}.${unit.name}${unit.kind === 'value' ? ' (at import)' : ''}`;
    const result: Reach = { reads: [], unresolved: [], opaque: unit.opaque && `\`${me}\` ${unit.opaque}` };
    unit.reads.forEach((read, i) => {
      result.reads.push({
        kind: read.kind,
        group: known(subst(read.group)),
        key: known(subst(read.key)),
        groupVersion: known(subst(read.groupVersion)),
        single: read.single,
        opaqueArgs: read.opaqueArgs,
        path: [me],
        file,
        line: read.line,
        returned: unit.readFlows[i]!.some((flow) => 'returned' in flow),
      });
    });
    // A class without its own `__init__` is constructed by its bases' one, with the same arguments.
    const calls = unit.kind === 'class' && !unit.calls.length && unit.bases?.length ? [{ ...call, target: { file, name: `${unit.name}.__init__`, fromBases: true } }] : unit.calls;
    calls.forEach((inner, j) => {
      const args: UnitCall = { ...inner, args: inner.args.map(subst), keywords: Object.fromEntries(Object.entries(inner.keywords).map(([k, v]) => [k, subst(v)])) };
      const sub = this.reach(args, [...stack, id], instance);
      const returns = unit.callFlows[j]?.some((flow) => 'returned' in flow) ?? false;
      // A class's constructor unit only calls `Class.__init__`, which names the class already.
      const path = (inner: string[]) => (unit.kind === 'class' ? inner : [me, ...inner]);
      for (const read of sub.reads) result.reads.push({ ...read, path: path(read.path), returned: read.returned && returns });
      result.unresolved.push(...sub.unresolved);
      result.opaque ??= sub.opaque;
    });
    this.#memo.set(memoKey, result);
    return result;
  }

  /** The sinks a value passed to a call (as argument `where`) reaches inside the callee. */
  sinks(target: CallTarget, where: number | string, stack: string[] = []): ReachedSink[] {
    const resolution = this.resolve(target);
    if (!('unit' in resolution)) return [];
    const { file, unit } = resolution;
    const id = `${file}#${unit.name}`;
    if (stack.includes(id) || stack.length > MAX_DEPTH) return [];
    const param = typeof where === 'number' ? unit.params[where] : unit.params.includes(where) ? where : undefined;
    if (!param) return [];
    const me = `${moduleName(file)}.${unit.name}`;
    const found: ReachedSink[] = [];
    for (const flow of unit.paramFlows[param] ?? []) {
      if ('sink' in flow) found.push({ sink: flow.sink, text: flow.text, path: [me] });
      else if ('call' in flow) {
        for (const inner of this.sinks(unit.calls[flow.call]!.target, flow.where, [...stack, id])) found.push({ ...inner, path: [me, ...inner.path] });
      }
    }
    return found;
  }
}

/** The callee's parameters bound to the call's arguments; unknown when a splat hides them. */
function bind(unit: UnitSummary, call: UnitCall): Map<string, UnitPart> {
  const bound = new Map<string, UnitPart>();
  if (call.splat) return bound;
  unit.params.forEach((param, i) => {
    if (i < call.args.length) bound.set(param, call.args[i]);
  });
  for (const [name, value] of Object.entries(call.keywords)) if (unit.params.includes(name)) bound.set(name, value);
  for (const [name, value] of Object.entries(unit.defaults)) if (!bound.has(name)) bound.set(name, value);
  return bound;
}
