// Which names in a module mean flytekit / Flyte 2 things, whatever alias they were imported under.

/** The packages whose `Secret`, `task` and `current_context` are flytekit's (Union re-exports them). */
const FLYTEKIT_ROOTS = new Set(['flytekit', 'union', 'unionai']);
/** Union's SDKs: a module that imports one runs its tasks on Union, whose secret store serves them. */
export const UNION_ROOTS = new Set(['union', 'unionai']);

/**
 * Reduces a qualified name to the symbol it means: `fk.models.security.Secret` (with `fk` an
 * alias of flytekit) and `union.Secret` both become `flytekit.Secret`; `flyte.Secret` stays Flyte 2's.
 */
export function canonicalSymbol(qualified: string): string {
  const segments = qualified.split('.');
  const root = segments[0]!;
  const last = segments[segments.length - 1]!;
  if (FLYTEKIT_ROOTS.has(root)) return segments.length === 1 ? 'flytekit' : `flytekit.${last}`;
  if (root === 'flyte') return segments.length === 1 ? 'flyte' : `flyte.${last}`;
  return qualified;
}

export const SYMBOLS = {
  flytekitSecret: 'flytekit.Secret',
  flyte2Secret: 'flyte.Secret',
  currentContext: 'flytekit.current_context',
  workflow: 'flytekit.workflow',
  flyte2Environment: 'flyte.TaskEnvironment',
  /** `flyte.app.AppEnvironment`: an app's secrets come from the same store. */
  flyte2AppEnvironment: 'flyte.AppEnvironment',
  flytekitDeck: 'flytekit.Deck',
} as const;

/** flytekit decorators that make a function a task, with the kind they make. */
export const TASK_DECORATORS: Record<string, 'task' | 'dynamic' | 'eager'> = {
  'flytekit.task': 'task',
  'flytekit.dynamic': 'dynamic',
  'flytekit.eager': 'eager',
};

/** `SecretsManager` accessors and the parameters they take, in positional order. */
export const SECRETS_MANAGER_METHODS: Record<string, readonly string[]> = {
  get: ['group', 'key', 'group_version', 'encode_mode'],
  get_secrets_env_var: ['group', 'key', 'group_version'],
  get_secrets_file: ['group', 'key', 'group_version'],
};

/** Accessors users write after reading the wrong docs; flytekit raises on them. */
export const NONEXISTENT_ACCESSORS: Record<string, readonly string[]> = {
  get_secret: ['group', 'key', 'group_version'],
};

/** flytekit plugin decorators that read a `Secret` handed to them (`@wandb_init(secret=...)`). */
export const SECRET_CONSUMING_KEYWORDS = new Set(['secret', 'secrets']);
