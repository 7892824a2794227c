// Names that hold credentials: variables, keyword arguments, dict keys, parameters, environment
// variables and headers, in any case style. The head of a compound name is its last credential
// word (`db_password`, `apiKey`); words after it say the name holds something about the credential
// instead (`token_url`, `password_file`, `secret_name`), words before it can say it is no
// credential at all (`pad_token`, `next_token`, `cache_key`).

/** How strongly a name promises a secret value, and so how much evidence the value needs. */
export type NameClass =
  /** Chosen by people: any non-placeholder value that is not a name will do. */
  | 'password'
  /** Secrets and tokens: machine-made values, checked for randomness. */
  | 'secret'
  | 'token'
  | 'api-key'
  /** `<something>_key` with an unknown modifier: only clearly random, long values. */
  | 'weak-key'
  /** `auth=`/`credentials=`: a `user:password` pair or a token. */
  | 'auth'
  /** HTTP `Authorization`: a scheme and a credential. */
  | 'authorization';

const HEADS: Map<string, NameClass> = new Map(Object.entries({
  password: 'password', passwd: 'password', passphrase: 'password', pass: 'password', pwd: 'password', pw: 'password',
  pword: 'password', passcode: 'password',
  secret: 'secret', privatekey: 'secret',
  token: 'token',
  key: 'weak-key', apikey: 'api-key',
  auth: 'auth', credentials: 'auth', credential: 'auth', creds: 'auth', cred: 'auth',
  authorization: 'authorization',
}) as [string, NameClass][]);

/** A single-word name (`PGPASSWORD`, `dbpassword`, `mytoken`) ending in one of these is a credential name. */
const SUFFIXES: [string, NameClass][] = [
  ['password', 'password'], ['passwd', 'password'], ['passphrase', 'password'], ['pwd', 'password'],
  ['secret', 'secret'], ['secretkey', 'secret'], ['privatekey', 'secret'], ['token', 'token'],
  ['apikey', 'api-key'], ['accesskey', 'api-key'],
];

/** After the head: the name holds a property of the credential, not the credential. */
const DESCRIBING = new Set([
  'name', 'names', 'id', 'ids', 'sid', 'arn', 'url', 'uri', 'urls', 'endpoint', 'host', 'path', 'file', 'filename', 'dir', 'directory',
  'location', 'env', 'var', 'variable', 'field', 'column', 'col', 'type', 'kind', 'length', 'len', 'size', 'count', 'max', 'min',
  'limit', 'num', 'number', 'timeout', 'ttl', 'expiry', 'expires', 'expiration', 'expire', 'seconds', 'minutes', 'hours', 'days',
  'header', 'headers', 'hdr', 'prefix', 'suffix', 'pattern', 'regex', 're', 'format', 'fmt', 'template', 'label', 'prompt', 'message',
  'msg', 'text', 'hint', 'help', 'description', 'desc', 'placeholder', 'hash', 'hashed', 'digest', 'checksum', 'sha', 'md5',
  'fingerprint', 'policy', 'rule', 'rules', 'validator', 'validation', 'strength', 'reset', 'mode', 'manager', 'provider',
  'backend', 'store', 'class', 'cls', 'handler', 'param', 'params', 'parameter', 'arg', 'attr', 'attribute', 'index', 'idx',
  'position', 'pos', 'encoding', 'lookup', 'ref', 'reference', 'source', 'method', 'algorithm', 'algo', 'scheme', 'flag',
  'enabled', 'required', 'char', 'chars', 'alphabet', 'charset', 'vocab', 'version', 'group', 'bucket', 'hasher', 'hashers',
  'generator', 'factory', 'audience', 'issuer', 'scope', 'scopes', 'grant', 'callback', 'redirect', 'stdin', 'option',
  'options', 'setting', 'settings', 'schema', 'map', 'mapping', 'dict', 'list', 'cache', 'exists', 'present', 'valid',
  'invalid', 'error', 'errors', 'exception', 'expired', 'rotation', 'age', 'created', 'updated', 'at', 'date', 'time',
  'timestamp', 'ts', 'issued', 'usage', 'owner', 'salt', 'example', 'sample', 'docs', 'doc', 'policy', 'requirements',
  'complexity', 'confirm', 'confirmation', 'input', 'widget', 'form', 'box', 'button', 'visible', 'shown', 'hidden', 'changed',
  'last', 'state', 'status', 'store', 'storage', 'secretsmanager', 'ssm', 'parameter', 'kms',
]);

/** Before the head: the "credential" is vocabulary of another field (NLP tokens, pagination, keys of maps). */
const NOT_CREDENTIAL_MODIFIERS: Partial<Record<NameClass, Set<string>>> = {
  token: new Set([
    'pad', 'eos', 'bos', 'unk', 'sep', 'cls', 'mask', 'start', 'end', 'stop', 'special', 'padding', 'next', 'page',
    'continuation', 'pagination', 'cursor', 'sync', 'csrf', 'xsrf', 'idempotency', 'split', 'bpe', 'vocab', 'eot', 'num',
    'max', 'min', 'total', 'first', 'last', 'current', 'prev', 'previous', 'input', 'output', 'word', 'sub', 'subword', 'added', 'cancellation',
    'lexer', 'parse', 'decoder', 'encoder', 'image', 'audio', 'video', 'chat', 'system', 'sentinel', 'delimiter', 'boundary',
    'resume', 'offset', 'marker', 'etag', 'trace', 'eom', 'eod', 'bot', 'fim', 'think', 'tool',
    // Domain verification tokens (SES, Google site verification) are published in DNS records.
    'verification',
  ]),
  'weak-key': new Set([
    'cache', 'sort', 'primary', 'foreign', 'partition', 'dict', 'map', 'lookup', 's3', 'object', 'row', 'hash', 'group',
    'name', 'field', 'column', 'index', 'unique', 'composite', 'join', 'registry', 'config', 'metadata', 'label', 'public',
    'publishable', 'pub', 'search', 'idempotency', 'dedup', 'dedupe', 'routing', 'shard', 'cluster', 'translation', 'i18n',
    'message', 'json', 'yaml', 'env', 'setting', 'settings', 'state', 'context', 'kms', 'gcs', 'blob', 'file', 'item',
    'entry', 'attribute', 'attr', 'property', 'prop', 'param', 'query', 'sql', 'table', 'redis', 'memcache', 'lock',
    'sequence', 'order', 'bucket', 'prefix', 'dynamo', 'range', 'tag', 'meta', 'schema', 'form', 'list', 'result', 'output',
    'input', 'event', 'type', 'mapping', 'dataset', 'feature', 'model', 'metric', 'column', 'sort', 'hotkey', 'shortcut',
    'keyboard', 'press', 'music', 'id', 'user', 'storage_path', 'path', 'object',
  ]),
};

/** Keys and tokens made to be shipped to browsers and apps (`STRIPE_PUBLISHABLE_KEY`, Algolia search-only keys). */
const PUBLIC_MODIFIERS = new Set(['public', 'publishable', 'pub']);
const isPublic = (modifiers: string[]) =>
  modifiers.some((m) => PUBLIC_MODIFIERS.has(m)) || (modifiers.includes('search') && modifiers.includes('only'));

/** `<modifier>_key` names that promise a secret. */
const SECRET_KEY_MODIFIERS = new Set([
  'secret', 'private', 'signing', 'sign', 'encryption', 'encrypt', 'crypto', 'fernet', 'hmac', 'jwt', 'session', 'master',
  'aes', 'rsa', 'ssh', 'gpg', 'pgp', 'shared', 'sas', 'root', 'account', 'storage', 'cipher', 'decryption', 'webhook',
]);
const API_KEY_MODIFIERS = new Set([
  'api', 'access', 'client', 'app', 'application', 'license', 'service', 'admin', 'developer', 'subscription', 'auth',
  'consumer', 'deploy', 'write', 'read', 'rest', 'sdk', 'ingest', 'ingestion', 'integration', 'partner', 'vendor', 'x',
  // Providers whose keys are commonly named `<provider>_key`.
  'openai', 'anthropic', 'stripe', 'sendgrid', 'twilio', 'mailgun', 'datadog', 'dd', 'wandb', 'hf', 'huggingface', 'cohere',
  'pinecone', 'gemini', 'google', 'gcp', 'aws', 'azure', 'slack', 'github', 'gitlab', 'npm', 'pypi', 'algolia', 'segment',
  'sentry', 'honeycomb', 'openrouter', 'groq', 'mistral', 'replicate', 'together', 'comet', 'neptune', 'langsmith',
  'langchain', 'serp', 'serpapi', 'tavily', 'weaviate', 'qdrant', 'elastic', 'supabase', 'firebase', 'twitter', 'reddit',
  'discord', 'telegram', 'openweather', 'newsapi', 'alpaca', 'polygon', 'finnhub', 'fred', 'mapbox', 'maps',
]);

/** Words naming a thing that holds the value only when the name itself is used as a map key. */
const KEY_LABEL_WORDS = new Set(['header', 'name', 'field', 'param', 'column', 'attr', 'attribute', 'property']);

/** Splits `dbPassword`, `DB_PASSWORD`, `X-Api-Key`, `sasl.password` into lower-case words. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

function keyClass(modifiers: string[]): NameClass | undefined {
  const last = modifiers[modifiers.length - 1];
  if (last === undefined) return 'weak-key';
  if (NOT_CREDENTIAL_MODIFIERS['weak-key']!.has(last)) return undefined;
  if (isPublic(modifiers)) return undefined;
  if (modifiers.some((m) => SECRET_KEY_MODIFIERS.has(m))) return 'secret';
  if (modifiers.some((m) => API_KEY_MODIFIERS.has(m))) return 'api-key';
  return 'weak-key';
}

const cache = new Map<string, NameClass | null>();

/**
 * Every credential name holds one of these (a head, a suffix, or `api` of `X-...-Api` headers): a
 * cheap first test, so that prose and other long strings are not split into words.
 */
export const NAME_STEM = new RegExp([...HEADS.keys(), ...SUFFIXES.map(([suffix]) => suffix), 'api'].join('|'), 'i');

/**
 * The credential class a name promises, or undefined. `asMapKey`: the name is an identifier used
 * as a dict key or header name (`{API_KEY_HEADER: "..."}`), where a trailing `header`/`name`
 * describes the key rather than the value.
 */
export function classifyName(name: string, asMapKey = false): NameClass | undefined {
  if (!NAME_STEM.test(name)) return undefined;
  const cacheKey = asMapKey ? `\u0001${name}` : name;
  const cached = cache.get(cacheKey);
  if (cached !== undefined) return cached ?? undefined;
  const result = classifyUncached(name, asMapKey);
  if (cache.size > 50_000) cache.clear();
  cache.set(cacheKey, result ?? null);
  return result;
}

/** Heads too common in other words to count anywhere but at the end: `pass_zero`, `pw_hash`. */
const LAST_WORD_HEADS = new Set(['pass', 'pw']);

function classifyUncached(name: string, asMapKey: boolean): NameClass | undefined {
  // `AWS::ApiGateway::ApiKey`, `Foo::Bar`: type paths, not names of values.
  if (name.includes('::')) return undefined;
  let words = nameWords(name);
  if (asMapKey) while (words.length > 1 && KEY_LABEL_WORDS.has(words[words.length - 1]!)) words = words.slice(0, -1);
  if (words.length === 0) return undefined;
  // `X-JFrog-Art-Api`, `X-Api`: custom API-key headers.
  if (words.length > 1 && words[0] === 'x' && words[words.length - 1] === 'api') return 'api-key';
  let head = -1;
  for (let i = words.length - 1; i >= 0; i--) {
    if (HEADS.has(words[i]!) && (i === words.length - 1 || !LAST_WORD_HEADS.has(words[i]!))) {
      head = i;
      break;
    }
  }
  if (head < 0) {
    if (words.length !== 1) return undefined;
    const word = words[0]!;
    const suffix = SUFFIXES.find(([s]) => word.endsWith(s) && word !== s);
    return suffix?.[1];
  }
  if (words.slice(head + 1).some((w) => DESCRIBING.has(w) || DESCRIBING.has(w.replace(/\d+$/, '')))) return undefined;
  const headWord = words[head]!;
  const modifiers = words.slice(0, head);
  const cls = HEADS.get(headWord)!;
  if (cls === 'weak-key') return keyClass(modifiers);
  const last = modifiers[modifiers.length - 1];
  if (last !== undefined && NOT_CREDENTIAL_MODIFIERS[cls]?.has(last)) return undefined;
  if (isPublic(modifiers)) return undefined;
  return cls;
}

/** Every word of the name, for kind refinements (`aws` + `secret`, `storage` + `key`). */
export function nameHas(name: string, ...words: string[]): boolean {
  const all = nameWords(name);
  return words.every((w) => all.includes(w));
}
