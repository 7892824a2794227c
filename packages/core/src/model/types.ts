// The model of one Python module as far as Flyte secrets are concerned. Spans are UTF-16 offsets
// into the module's text (what tree-sitter reports for a JS string, and what ESLint and LSP use).

export interface Span {
  start: number;
  end: number;
}

/** A statically resolved string, or the fact that it cannot be resolved. */
export type Resolved = { known: true; value: string } | { known: false };

/** An argument as written (its span and source text) and what it resolves to. */
export interface ArgValue {
  span: Span;
  text: string;
  value: Resolved;
}

export type MountType = 'ANY' | 'ENV_VAR' | 'FILE' | 'unknown';

/** flytekit's `Secret(group, key, ...)` or Flyte 2's `flyte.Secret(key, group, ...)`. */
export type SecretFlavor = 'flytekit' | 'flyte2';

export interface SecretRequest {
  flavor: SecretFlavor;
  group?: ArgValue;
  key?: ArgValue;
  groupVersion?: ArgValue;
  mount: MountType;
  /** flytekit `env_var=` / Flyte 2 `as_env_var=`. */
  envVar?: ArgValue;
  /** Where to report about this request in this module: the `Secret(...)` call when it is written here. */
  span: Span;
  /** The `Secret(...)` call is in this module (not imported, not a bare Flyte 2 string). */
  local: boolean;
  /** Identity of the `Secret(...)` definition, so a request shared by several tasks is reported once. */
  id: string;
  /** For requests defined in another module: that module's path. */
  definedIn?: string;
}

export type ReadKind =
  /** `secrets.get(...)` */
  | 'get'
  /** `secrets.<group>.<key>` */
  | 'attribute'
  /** `secrets.get_secrets_env_var(...)` */
  | 'env-var-name'
  /** `secrets.get_secrets_file(...)` */
  | 'file-path'
  /** `ctx.get_secret(...)` / `secrets.get_secret(...)`: documented in the wild, absent from flytekit. */
  | 'get-secret';

export interface KeywordArg {
  name: string;
  span: Span;
  value: ArgValue;
}

export interface SecretRead {
  kind: ReadKind;
  /** The whole read expression (the call, or the attribute chain). */
  span: Span;
  group?: ArgValue;
  key?: ArgValue;
  groupVersion?: ArgValue;
  /** `get("X")`: one positional argument and no keywords; flytekit then looks up key-only `X`. */
  single: boolean;
  /** Some argument could not be mapped (`*args`, `**kw`, an unknown keyword). */
  opaqueArgs: boolean;
  /** Arguments besides group, key and group_version (`encode_mode=`, unknown keywords). */
  otherArgs: boolean;
  /** group or key was passed by keyword (`get(group=..., key=...)`). */
  keywordStyle: boolean;
  /** Keyword arguments that the accessor does not have (`env_var=` on `get`). */
  unknownKeywords: KeywordArg[];
  /** The accessor's name as written (`get`, `get_secret`) and its span, for fixes. */
  method?: { name: string; span: Span };
  /** The receiver expression as written (`ctx`, `flytekit.current_context()`, `ctx.secrets`). */
  receiver: { text: string; span: Span; isContext: boolean };
  /** Span of the argument list including the parentheses (calls only). */
  argsSpan?: Span;
  /** Index of the function that contains the read, if any. */
  functionIndex?: number;
  /**
   * Set when the read happens in repository code this module calls (a helper of another module, a
   * class method): `span` is then the call in this module, and `path` names the helpers it goes through.
   */
  via?: ReadVia;
}

/**
 * What a read the task does not write itself goes through: helpers of the repository, or a
 * flytekit / plugin API the task uses. One shape for both, so rules word them alike.
 */
export interface ReadVia {
  /** `acme.clients.warehouse_engine → acme.settings.db_password`, or the library API as the task uses it: `@wandb_init(secret=...)`. */
  path: string;
  /** The call returns the value read (it is a secret value in the caller). */
  returned: boolean;
  /** Where the reading code is: a module of the repository and its 1-based line, or a file of flyteorg/flytekit. */
  at: { file: string; line: number } | { flytekit: string };
}

/**
 * A read of an injected secret behind the API's back, or of any environment variable or file whose
 * name resolves: `os.environ["_FSEC_DB_PASSWORD"]`, `os.getenv(NAME)`, `open("/etc/flyte/secrets/db/password")`,
 * `Path(...).read_text()`. Rules decide from the configured prefix and directory which are secrets.
 */
export interface DirectRead {
  kind: 'env' | 'file';
  /** How it reads: `os.environ[]`, `os.environ.get`, `os.getenv`, `open`, `Path.read_text`, `Path.read_bytes`, `Path.open`. */
  accessor: string;
  /** The subscript or call that reads. */
  span: Span;
  /** The variable name or the path, as written and resolved. */
  name: ArgValue;
  /**
   * The expression that yields the secret's value, when `secrets.get(...)` can replace it as is
   * (`os.environ[...]`, `open(p).read()`, `Path(p).read_text()`); `binary` for bytes.
   */
  value?: { span: Span; binary: boolean };
  functionIndex?: number;
}

/** Where a secret's value ends up in the open. */
export type LeakSink = 'return' | 'print' | 'log' | 'raise' | 'deck' | 'output' | 'task-input';

export interface SecretLeak {
  sink: LeakSink;
  /** The sink as written: the returned expression, the `print(...)`/logger/Deck/write call, the raised exception. */
  span: Span;
  /** The callee or statement for messages: `print`, `logger.info`, `Deck`, `ValueError`, `f.write`. */
  sinkText: string;
  /** When the sink is inside a helper the value was passed to: the helper (the span is then the call). */
  via?: string;
  /** Where the value comes from: a read through the API, or a direct read (which rules may discard). */
  source: { read: SecretRead } | { direct: DirectRead };
  functionIndex?: number;
}

export interface FunctionModel {
  index: number;
  name: string;
  span: Span;
  /** Span of the function name. */
  nameSpan: Span;
  bodySpan: Span;
  reads: SecretRead[];
  /** Indexes of module-level functions this function calls by name. */
  calls: number[];
  /**
   * Why the function cannot be fully analysed (it hands the context, the secrets manager or a
   * `Secret` object to code we cannot see), or undefined when it can.
   */
  opaqueReason?: string;
}

/** A secret flytekit or a flytekit plugin reads in the task's pod because the task uses its API. */
export interface LibraryRead {
  /** What the library looks up, shaped as a read so the matching rules apply unchanged; its `via` names the API and flytekit's file. */
  read: SecretRead & { via: ReadVia };
  /** True when the library reads it whenever the task runs; false when it only may (then it is a use, never a claim). */
  certain: boolean;
  /** The `Secret(...)` that declares it, as this module can write it, for the add-request suggestion. */
  declaration?: string;
  /** A sidecar reads it only from this injected variable (`_FSEC_NGC_NGC-API-KEY`): it needs an ENV_VAR mount. */
  envVar?: string;
}

export type TaskKind = 'task' | 'dynamic' | 'eager' | 'environment-task' | 'task-instance';

export interface TaskModel {
  name: string;
  kind: TaskKind;
  flavor: SecretFlavor;
  /** The decorated function's name, or the instance's call. */
  span: Span;
  /** The function that runs as the task (decorated tasks only). */
  functionIndex?: number;
  requests: SecretRequest[];
  /** False when `secret_requests=`/`secrets=` holds something we cannot enumerate. */
  requestsKnown: boolean;
  /** Span of the `secret_requests=[...]` value, or of the environment's `secrets=[...]`. */
  requestsSpan?: Span;
  /**
   * Where a new `Secret(...)` can be added to this task's requests, when they are written in this
   * module: the edit inserts `before + Secret(...) + after` at `offset`.
   */
  requestsInsert?: { offset: number; before: string; after: string };
  /** Requests consumed by plugin decorators such as `@wandb_init(secret=...)`. */
  consumedRequestIds: string[];
  /** Secrets flytekit or a plugin reads in this task's pod on its behalf (see flytekit/library-reads.ts). */
  libraryReads?: LibraryRead[];
  /** Why the task's body is not fully analysable (unknown decorators, plugin task classes...). */
  opaqueReason?: string;
}

export interface ModuleModel {
  /** False when the module mentions no secrets at all and was not analysed further. */
  relevant: boolean;
  functions: FunctionModel[];
  tasks: TaskModel[];
  /** Every `Secret(...)` written in this module, whether or not a task requests it. */
  secretDefinitions: SecretRequest[];
  /** The requests of this module's environments (`flyte.TaskEnvironment(secrets=...)`, `ActorEnvironment`), used by a task here or not. */
  environmentRequests: SecretRequest[];
  /** Every secret read, including those outside tasks and helpers. */
  reads: SecretRead[];
  /** Every environment-variable and file read whose name resolves (see DirectRead). */
  directReads: DirectRead[];
  /** Values from reads (and direct reads) that flow into a sink: one per sink. */
  leaks: SecretLeak[];
  /** How this module spells flytekit's `Secret` (`Secret`, `fk.Secret`...), for fixes. */
  secretCallee: string;
  /** When `Secret` is not imported yet: where to add it to `from flytekit import ...`. */
  secretImport?: { offset: number; text: string };
  /** How this module calls flytekit's `current_context` (`current_context`, `flytekit.current_context`), if it can. */
  contextCallee?: string;
  /** When `current_context` is not imported yet: where to add it to `from flytekit import ...`. */
  contextImport?: { offset: number; text: string };
  /** The module imports Union's SDK (`union`, `unionai`), so its tasks run on Union and its secret store serves them. */
  onUnion?: boolean;
  /** How this module names `os.environ` (`os.environ`, `environ`), if it imports it. */
  environ?: string;
  /** Problems met while resolving imports (unreadable sibling module...), for the caller to surface. */
  warnings: string[];
}
