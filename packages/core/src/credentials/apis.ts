// What APIs and command lines say about their arguments, shared by the Python and JS/TS adapters:
// which positional argument is a password or a secret, which calls name their default, which
// flags take a credential.
import type { CredentialContext } from './classify.js';

type Role = NonNullable<CredentialContext['role']>;

/** Positional arguments that are credentials, by callee name (the last segment of `a.b.name`). */
export const ARGUMENT_ROLES: Record<string, { index: number; role: Role }> = {
  HTTPBasicAuth: { index: 1, role: 'password' },
  HTTPDigestAuth: { index: 1, role: 'password' },
  HTTPProxyAuth: { index: 1, role: 'password' },
  BasicAuth: { index: 1, role: 'password' },
  DigestAuth: { index: 1, role: 'password' },
  PlainCredentials: { index: 1, role: 'password' }, // pika
  ClientSecretCredential: { index: 2, role: 'secret' }, // azure-identity (tenant_id, client_id, client_secret)
  UsernamePasswordCredential: { index: 3, role: 'password' }, // azure-identity (client_id, username, password)
  login: { index: 1, role: 'password' }, // smtplib/imaplib/ftplib login(user, password)
  set_password: { index: 2, role: 'password' }, // keyring.set_password(service, user, password)
  SecretStr: { index: 0, role: 'secret' },
  SecretBytes: { index: 0, role: 'secret' },
  b64encode: { index: 0, role: 'user-password' },
  standard_b64encode: { index: 0, role: 'user-password' },
  urlsafe_b64encode: { index: 0, role: 'user-password' },
  encodebytes: { index: 0, role: 'user-password' },
  btoa: { index: 0, role: 'user-password' },
  new: { index: 0, role: 'secret' }, // hmac.new(key, ...)
  HMAC: { index: 0, role: 'secret' },
  createHmac: { index: 1, role: 'secret' }, // crypto.createHmac(algorithm, key)
  encode: { index: 1, role: 'secret' }, // jwt.encode(payload, key)
  sign: { index: 1, role: 'secret' }, // jwt.sign(payload, secret)
};

/** Calls that wrap a value without changing what it is: the name around the call names the value. */
export const WRAPPER_CALLS = new Set(['SecretStr', 'SecretBytes', 'str', 'bytes', 'field', 'Field', 'fsencode', 'String', 'from']);

/**
 * Calls that read or write an environment variable, a header or a config entry: the string
 * argument before a value names it (`getenv("TOKEN", "<default>")`, `headers.set("X-Api-Key", "<value>")`,
 * configparser's `set("db", "password", "<value>")`).
 */
export const NAMED_DEFAULT_CALLS = new Set(['getenv', 'get', 'setdefault', 'setenv', 'putenv', 'pop', 'getItem', 'setItem', 'set', 'setHeader', 'append', 'header']);

/** Command-line flags in argument lists (`["curl", "-u", "user:pw"]`), with the commands they mean that for. */
const FLAG_ROLES: Record<string, { role?: Role; name?: string; commands?: RegExp }> = {
  '-u': { role: 'user-password', commands: /curl/ },
  '--user': { role: 'user-password', commands: /curl/ },
  '-a': { role: 'password', commands: /redis-cli/ },
  '-p': { role: 'password', commands: /sshpass/ },
  '--password': { role: 'password' },
  '--token': { name: 'token' },
};

/** The flag before a list item, if it gives the item a role (`commands`: every string of the list). */
export function flagContext(previous: string | undefined, commands: string[]): CredentialContext {
  const flag = previous === undefined ? undefined : FLAG_ROLES[previous];
  if (!flag || (flag.commands && !commands.some((c) => flag.commands!.test(c)))) return {};
  return { role: flag.role, name: flag.name };
}

/**
 * Name/value records: Kubernetes env vars (`V1EnvVar(name="DB_PASSWORD", value="...")`,
 * `{"name": ..., "value": ...}`), SSM parameters (`Name=`, `Value=`). The value field takes its
 * name from the name field next to it.
 */
export const VALUE_FIELDS = new Set(['value', 'Value']);
export const NAME_FIELDS = new Set(['name', 'Name', 'key', 'Key']);
