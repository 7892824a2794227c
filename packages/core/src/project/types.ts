// What a module tells the project index about each of its top-level functions and class methods
// ("units"): plain data, cached with the module's summary and composed across modules on demand.
import type { LeakSink, ReadKind } from '../model/types.js';

/** A part of a secret name inside a unit: known, absent (`null`), unresolvable (`undefined`), or one of the unit's parameters. */
export type UnitPart = string | null | undefined | { param: string };

export interface UnitRead {
  kind: ReadKind;
  group: UnitPart;
  key: UnitPart;
  groupVersion: UnitPart;
  single: boolean;
  opaqueArgs: boolean;
  /** 1-based line of the read in its module, for messages. */
  line: number;
}

/**
 * What a unit calls in the repository: a function or class method, found by file and dotted name
 * (`fromBases`: `super().m()`, looked up in the bases of the class only; `self`: `self.m()`, which
 * a subclass's instance may override).
 */
export type CallTarget = { file: string; name: string; fromBases?: boolean; self?: boolean } | { unresolved: string };

/** A base class: a repository class (found like a call target), or one of a library (its methods are library code). */
export type BaseClass = { file: string; name: string } | { library: string };

export interface UnitCall {
  target: CallTarget;
  /** The callee as written, for messages. */
  callee: string;
  args: UnitPart[];
  keywords: Record<string, UnitPart>;
  /** `*args`/`**kwargs` among the arguments: parameters cannot be matched. */
  splat: boolean;
  /**
   * Not a call: a use of a module-level value (`TOKEN`, `settings.password`), which its module
   * computed at import; or a function handed to other code (`retry(fetch_token)`), which calls it.
   */
  reference?: 'value' | 'callback';
}

/** Where something a unit holds goes: a sink in the unit, the unit's return value, or an argument of one of its calls. */
export type Flow = { sink: LeakSink; text: string; line: number } | { returned: true } | { call: number; where: number | string };

export interface UnitSummary {
  /** `f`, `Client` (its constructor), `Client.put`, or a module-level value (`client`, `TOKEN`). */
  name: string;
  /** A `value` is a module-level name computed at import from reads or repository calls (`client = Client()`). */
  kind: 'function' | 'class' | 'method' | 'value';
  /** Parameters by position (without `self`/`cls`), then keyword-only ones. */
  params: string[];
  /** Default values of parameters that have one (`def secret(group, key="token")`). */
  defaults: Record<string, UnitPart>;
  reads: UnitRead[];
  calls: UnitCall[];
  /** Where each read's value goes, by read index. */
  readFlows: Flow[][];
  /** Where each call's returned value goes, by call index. */
  callFlows: Flow[][];
  /** Where each parameter's value goes, by parameter name. */
  paramFlows: Record<string, Flow[]>;
  /** Why the unit cannot be fully analysed (it hands the context or a Secret to unseen code). */
  opaque?: string;
  /** A method decorated with `@property` / `@cached_property`: reading the attribute calls it. */
  property?: boolean;
  /** A class's bases, in order: methods and the constructor it does not define come from them. */
  bases?: BaseClass[];
  /** A value made by calling a repository class or function (`client = Client()`): its methods are that class's. */
  instanceOf?: { file: string; name: string };
  /** A value that names a repository function, with the arguments it binds first (`get_db = partial(secret, "db")`). */
  alias?: { target: { file: string; name: string }; args: UnitPart[]; keywords: Record<string, UnitPart> };
}
