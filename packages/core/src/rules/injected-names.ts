// The names under which a requested secret reaches the task (environment variable, file), and what
// a direct read of such a name (`os.environ["_FSEC_DB_PASSWORD"]`, `open("/etc/flyte/secrets/db/password")`)
// means. Shared by no-direct-secret-access, no-secret-leak, secret-manager-compatibility and
// no-unused-secret-request.
import path from 'node:path';
import type { FlyteSecretsConfig } from '../config/config.js';
import type { DirectRead, SecretRead, SecretRequest } from '../model/types.js';
import { formatName, isKnownName, knownValue, lookupPath, readName, requestName, type SecretName } from './secret-matching.js';

/** Variables that configure flytekit's lookup; they hold a prefix or a folder, not a secret. */
const CONFIG_VARIABLES = new Set(['FLYTE_SECRETS_ENV_PREFIX', 'FLYTE_SECRETS_DEFAULT_DIR', 'FLYTE_SECRETS_FILE_PREFIX']);
/** The prefix the Flyte secrets guide documents; nothing ever sets variables named so in a task pod. */
export const DOCS_PREFIX = 'FLYTE_SECRETS_';


/** The parts flytekit joins into names: (group, group_version, key), and (group, key) as the K8s webhook writes them. */
function nameVariants(name: SecretName): string[][] {
  const full = lookupPath(name);
  const withoutVersion = lookupPath({ ...name, groupVersion: null });
  return full.length === withoutVersion.length ? [full] : [full, withoutVersion];
}

/** The variable flytekit looks up for a read or request: `_FSEC_DB_PASSWORD` (upper case, `-` kept). */
export function flytekitEnvVar(name: SecretName, prefix: string): string {
  return `${prefix}${lookupPath(name).join('_').toUpperCase()}`;
}

/** The file flytekit looks up: `/etc/flyte/secrets/db/password` (lower case, group_version as a folder). */
export function flytekitFile(name: SecretName, dir: string): string {
  return path.posix.join(dir, ...lookupPath(name).map((p) => p.toLowerCase()));
}

/** Flyte 2 names a secret without `as_env_var` `UPPER(group_key)` with '-' turned to '_'. */
export function flyte2DerivedEnvVar(request: SecretRequest): string | undefined {
  const key = knownValue(request.key);
  if (key === undefined) return undefined;
  const group = request.group ? knownValue(request.group) : '';
  if (group === undefined) return undefined;
  return (group ? `${group}_${key}` : key).replace(/-/g, '_').toUpperCase();
}

/**
 * Where Flyte 2 writes a secret mounted with `mount=` (below the secrets folder, lower case): the
 * embedded manager writes `<key>` (flyte-semantics §6.2); flyte-sdk's AWS example reads `<group>/<key>`.
 */
function flyte2MountedFiles(request: SecretRequest): string[] {
  const key = knownValue(request.key)?.toLowerCase();
  if (key === undefined) return [];
  const group = request.group ? knownValue(request.group)?.toLowerCase() : undefined;
  return group ? [key, `${group}/${key}`] : [key];
}

/** The variable a request names itself: flytekit `env_var=`, Flyte 2 `as_env_var=` or its default. */
export function declaredEnvVar(request: SecretRequest): string | undefined {
  if (request.envVar) return knownValue(request.envVar);
  return request.flavor === 'flyte2' && request.mount !== 'FILE' ? flyte2DerivedEnvVar(request) : undefined;
}

export type DirectSecret =
  /** The request's own `env_var`/`as_env_var`, or the file of a Flyte 2 `mount=`: the documented way to read it. */
  | { kind: 'declared'; name: string; request: SecretRequest }
  /** Flyte 2's default name of a secret mounted only as a file: never set. */
  | { kind: 'flyte2-unmounted'; name: string; request: SecretRequest }
  /** `<env-prefix><GROUP>_<KEY>`. */
  | { kind: 'prefix'; name: string; request?: SecretRequest }
  /** `FLYTE_SECRETS_<GROUP>_<KEY>`, as the guide has it: never set. */
  | { kind: 'docs-prefix'; name: string; request?: SecretRequest }
  /** A file under the secrets folder; `parts` are the path below it. */
  | { kind: 'file'; name: string; parts: string[]; request?: SecretRequest };

/** The guide's FLYTE_SECRETS_MY_DB_PASSWORD turns '-' and '.' into '_', which flytekit does not do. */
const foldDocsName = (value: string) => value.replace(/[-.]/g, '_');

/**
 * Tells which direct reads of a module are secrets (see DirectSecret), from indexes of the module's
 * requests by every name they can be read under: built once per rule run, one lookup per read.
 */
export class DirectReadClassifier {
  readonly #files = new Map<string, SecretRequest>();
  /** Files of Flyte 2 secrets mounted with `mount=`: `<key>`, or `<group>/<key>` as flyte-sdk's own example reads it. */
  readonly #mounted = new Map<string, SecretRequest>();
  readonly #declared = new Map<string, SecretRequest>();
  readonly #unmounted = new Map<string, SecretRequest>();
  readonly #prefixed = new Map<string, SecretRequest>();
  readonly #docs = new Map<string, SecretRequest>();
  readonly #dir: string;

  constructor(
    readonly requests: SecretRequest[],
    readonly config: FlyteSecretsConfig,
  ) {
    this.#dir = config.secretsDir.replace(/\/+$/, '');
    const add = (map: Map<string, SecretRequest>, name: string | undefined, request: SecretRequest) => {
      if (name !== undefined && !map.has(name)) map.set(name, request);
    };
    for (const request of requests) {
      add(this.#declared, declaredEnvVar(request), request);
      if (request.flavor === 'flyte2') {
        if (request.mount === 'FILE' && !request.envVar) {
          add(this.#unmounted, flyte2DerivedEnvVar(request), request);
          for (const file of flyte2MountedFiles(request)) add(this.#mounted, file, request);
        }
        continue;
      }
      const name = requestName(request);
      if (!isKnownName(name)) continue;
      for (const parts of nameVariants(name)) {
        add(this.#files, parts.join('/').toLowerCase(), request);
        add(this.#prefixed, parts.join('_').toUpperCase(), request);
        add(this.#docs, foldDocsName(parts.join('_').toUpperCase()), request);
      }
    }
  }

  /** What a direct read reads, if it is a secret; undefined for ordinary variables and files. */
  classify(read: DirectRead): DirectSecret | undefined {
    if (!read.name.value.known) return undefined;
    const name = read.name.value.value;
    if (read.kind === 'file') {
      if (!name.startsWith(`${this.#dir}/`)) return undefined;
      const parts = name.slice(this.#dir.length + 1).split('/').filter(Boolean);
      const below = parts.join('/').toLowerCase();
      const mounted = this.#mounted.get(below);
      if (mounted) return { kind: 'declared', name, request: mounted };
      return { kind: 'file', name, parts, request: this.#files.get(below) };
    }
    const declared = this.#declared.get(name);
    if (declared) return { kind: 'declared', name, request: declared };
    const unmounted = this.#unmounted.get(name);
    if (unmounted) return { kind: 'flyte2-unmounted', name, request: unmounted };
    const { envPrefix } = this.config;
    if (name.startsWith(envPrefix)) return { kind: 'prefix', name, request: this.#prefixed.get(name.slice(envPrefix.length)) };
    if (name.startsWith(DOCS_PREFIX) && !CONFIG_VARIABLES.has(name)) {
      return { kind: 'docs-prefix', name, request: this.#docs.get(foldDocsName(name.slice(DOCS_PREFIX.length))) };
    }
    return undefined;
  }
}

/** Every variable and file under which flytekit or the webhook may look for a request, for text searches. */
export function injectedNames(request: SecretRequest, config: FlyteSecretsConfig): string[] {
  return nameVariants(requestName(request)).flatMap((parts) => [
    `${config.envPrefix}${parts.join('_')}`.toUpperCase(),
    path.posix.join(config.secretsDir, ...parts).toLowerCase(),
  ]);
}

/** The display name of a read's secret (`db/password`), or its code when the names do not resolve. */
export function readLabel(read: SecretRead, text: string): string {
  const name = readName(read);
  const resolved = isKnownName(name) && (name.group || name.key);
  return resolved ? formatName(name) : `\`${text.slice(read.span.start, read.span.end)}\``;
}
