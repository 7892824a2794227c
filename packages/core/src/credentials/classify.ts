// The language-independent detector: given a literal's value and what the code around it says
// (the name it is bound to, the role of the argument), decide whether it is a credential and of
// which kind. Language adapters (Python here in core, ESTree in the ESLint plugin) only build the
// (value, context) pairs.
import type { CredentialKind } from './kinds.js';
import { classifyName, NAME_STEM, nameHas, type NameClass } from './names.js';
import { findProviderToken, PROVIDER_PREFIX } from './providers.js';
import {
  echoesCredentialWord,
  HOLE,
  isDigestKey,
  isIdentifierLike,
  isNonSecretValue,
  isPathOrUrl,
  isPlaceholder,
  isProse,
  isTestDoubleValue,
  looksLikePassword,
  looksRandom,
} from './values.js';

/** What the code around a literal says about it. */
export interface CredentialContext {
  /** The name the value is assigned, passed, keyed or compared to: variable, keyword, dict key, env var, header. */
  name?: string;
  /** `name` is an identifier used as a map key (`{API_KEY_HEADER: "..."}`). */
  nameIsMapKey?: boolean;
  /** What the argument is, from the API it is passed to (`HTTPBasicAuth(user, <password>)`, `b64encode(b"<user:password>")`). */
  role?: 'password' | 'secret' | 'user-password';
  /** The text is a comment: only self-evident formats count (provider tokens, private keys, URLs, auth headers). */
  comment?: boolean;
  /** The literal is sample code: in a test (file, function, class, assertion) or a docstring. See isTestDoubleValue. */
  sample?: boolean;
  /** The literal is a docstring: documentation, where a password a person chose is an illustration. */
  docstring?: boolean;
}

export interface CredentialHit {
  kind: CredentialKind;
  /** Offsets of the credential inside the value. */
  start: number;
  end: number;
  /** Leading characters of the credential that are a public format prefix (`ghp_`), shown in messages. */
  publicPrefix: number;
}

const hit = (kind: CredentialKind, start: number, end: number, publicPrefix = 0): CredentialHit => ({ kind, start, end, publicPrefix });

// ---- private keys -------------------------------------------------------------------------

const PEM_BEGIN = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----/g;

/** A PEM private key block with a real body (also `\n`-escaped, as in service-account JSON). */
function findPrivateKey(value: string): CredentialHit | undefined {
  PEM_BEGIN.lastIndex = 0;
  for (let m = PEM_BEGIN.exec(value); m; m = PEM_BEGIN.exec(value)) {
    const bodyStart = m.index + m[0].length;
    const endMarker = value.indexOf('-----END', bodyStart);
    const bodyEnd = endMarker < 0 ? Math.min(value.length, bodyStart + 10_000) : endMarker;
    const body = value
      .slice(bodyStart, bodyEnd)
      .replace(/\\[nr]/g, '\n')
      .replace(/^[A-Za-z-]+:.*$/gm, ''); // Proc-Type:, DEK-Info: headers of encrypted keys
    const base64 = body.replace(/\s+/g, '');
    // A real body: 64+ base64 characters, not filler (`...` and `<key>` already fail the alphabet).
    if (base64.length < 64 || !/^[A-Za-z0-9+/=]+$/.test(base64) || new Set(base64).size <= 4 || /[xX]{8,}/.test(base64)) continue;
    return hit('private-key', m.index, endMarker < 0 ? bodyEnd : endMarker + 8);
  }
  return undefined;
}

// ---- user:password pairs ------------------------------------------------------------------

/** Dev defaults that are as public as a placeholder when they are also the user name. */
function isRealPassword(password: string, user?: string): boolean {
  if (password.includes(HOLE) || isPlaceholder(password) || password.length < 3) return false;
  if (user !== undefined && password.toLowerCase() === user.toLowerCase()) return false;
  return !isIdentifierLike(password) || /\d/.test(password);
}

// Passwords in URLs are percent-encoded: a `:` or `,` in the password part means another URL shape
// (`https://a.com:123,b:c@d.com` lists hosts).
const URL_USERINFO = /\b([a-z][a-z0-9+.-]{1,30}):\/\/([^\s:/@'"?#<>]*):([^\s/@'"?#<>:,]+)@([^\s/:'"?#<>]*)/gi;
/** Hosts reserved for documentation (RFC 2606): a URL to them is an example. */
const EXAMPLE_HOST = /(?:^|\.)example(?:\.(?:com|org|net))?$|\.(?:test|example|invalid)$/i;

function findUrlCredentials(value: string): CredentialHit | undefined {
  URL_USERINFO.lastIndex = 0;
  for (let m = URL_USERINFO.exec(value); m; m = URL_USERINFO.exec(value)) {
    const [, , user, password, host] = m;
    if (EXAMPLE_HOST.test(host!)) continue;
    let decoded = password!;
    try {
      decoded = decodeURIComponent(password!);
    } catch {
      // not percent-encoded: keep as written
    }
    if (!isRealPassword(decoded, user)) continue;
    const start = m.index + m[0].length - host!.length - 1 - password!.length;
    return hit('url-credentials', start, start + password!.length);
  }
  return undefined;
}

/** `user:password` (Basic auth, `curl -u`, `auth: "user:pass"`): the password part, if real. */
function pairPassword(pair: string): { start: number; end: number } | undefined {
  const colon = pair.indexOf(':');
  if (colon < 0) return undefined;
  const user = pair.slice(0, colon);
  const password = pair.slice(colon + 1);
  if (!/^[\w.@+-]+$/.test(user) || /[\s:\u0000-\u001f`]/.test(password) || !isRealPassword(password, user) || !looksLikePassword(password)) {
    return undefined;
  }
  return { start: colon + 1, end: pair.length };
}

// ---- Authorization header values ----------------------------------------------------------

const AUTH_SCHEME = /\b(Bearer|Basic|bearer)\s+([A-Za-z0-9._~+/-]+=*)/g;

/** `Basic <base64>`: a real password in the pair. OAuth clients form-encode both parts first (RFC 6749, 2.3.1). */
function basicPassword(token: string): boolean {
  if (!/^[A-Za-z0-9+/]+=*$/.test(token) || token.length < 8) return false;
  let decoded = Buffer.from(token, 'base64').toString('utf8');
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // not percent-encoded: keep as decoded
  }
  return pairPassword(decoded) !== undefined;
}

function findAuthScheme(value: string): CredentialHit | undefined {
  AUTH_SCHEME.lastIndex = 0;
  for (let m = AUTH_SCHEME.exec(value); m; m = AUTH_SCHEME.exec(value)) {
    const token = m[2]!;
    const ok = m[1] === 'Basic' ? basicPassword(token) : looksRandom(token, 16) && !isNonSecretValue(token);
    if (!ok) continue;
    const start = m.index + m[0].length - token.length;
    return hit('authorization-header', start, start + token.length);
  }
  return undefined;
}

// ---- assignments and flags inside a string (DSNs, configs, shell commands, SQL) -------------

// The value is matched in a lookahead and the delimiter in a lookbehind, so that `a=b=c` yields `a` and `b`.
// Values stop at characters of code and markup (`(`, `[`, `{`, backquotes): `pw = Piecewise(...)` is code in a docstring.
// A value stops at the next `=` but for base64 padding, so that `a=b=c=...` stays linear.
const EMBEDDED_ASSIGNMENT = /(?<=^|[\s;&?,{(["'=|])-{0,2}["']?([A-Za-z_][\w.-]*?)["']?[ \t]*[=:][ \t]*(?=(["']?)([^\s"';&,()[\]{}<>`=]+=*)\2)/g;
const CLI_FLAG = /(?:^|\s)--(password|passwd|pass|token|api-key|apikey|secret|auth-token|access-token|client-secret)(?:=|\s+)(["']?)([^\s"']+)\2/g;
const CURL_USER = /(?:^|\s)(?:-u|--user)\s+["']?([^\s"']+)/g;
// The flag is looked for within the same command (bounded, so that many `mysql` words stay linear).
const ATTACHED_PASSWORD = /\b(?:mysql\w*|mariadb\w*)\b[^\n]{0,300}?\s-p([^\s"']+)|\bsshpass\s+-p\s*["']?([^\s"']+)|\bredis-cli\b[^\n]{0,300}?\s-a\s+["']?([^\s"']+)/g;
const SQL_PASSWORD = /\b(?:PASSWORD|IDENTIFIED\s+BY)\s+'([^'\s]+)'/gi;

/** Is `value`, found under a credential name inside a string, a credential? Stricter than a code context. */
function embeddedValueKind(value: string, cls: NameClass, name: string): CredentialKind | undefined {
  if (isNonSecretValue(value) || isPathOrUrl(value) || isIdentifierLike(value)) return undefined;
  if (cls === 'password') {
    return value.length >= 6 && looksLikePassword(value) && /[^A-Za-z]/.test(value) && !/:$/.test(value) ? 'password' : undefined;
  }
  if (cls === 'auth') return pairPassword(value) ? 'password' : looksRandom(value, 16) ? 'token' : undefined;
  return valueKindForName(value, cls, name);
}

function findEmbedded(value: string): CredentialHit | undefined {
  const found: CredentialHit[] = [];
  const consider = (name: string, secret: string, index: number, cls = classifyName(name)) => {
    if (!cls || cls === 'authorization') return;
    const kind = embeddedValueKind(secret, cls, name);
    if (kind) found.push(hit(kind, index, index + secret.length));
  };
  for (const m of value.matchAll(EMBEDDED_ASSIGNMENT)) consider(m[1]!, m[3]!, m.index + m[0].length + m[2]!.length);
  for (const m of value.matchAll(CLI_FLAG)) consider(m[1]!, m[3]!, m.index + m[0].length - m[3]!.length - m[2]!.length);
  for (const m of value.matchAll(CURL_USER)) {
    const pair = pairPassword(m[1]!);
    if (pair) found.push(hit('password', m.index + m[0].length - m[1]!.length + pair.start, m.index + m[0].length));
  }
  for (const m of value.matchAll(ATTACHED_PASSWORD)) {
    const secret = m[1] ?? m[2] ?? m[3]!;
    if (isRealPassword(secret) && looksLikePassword(secret)) found.push(hit('password', m.index + m[0].length - secret.length, m.index + m[0].length));
  }
  for (const m of value.matchAll(SQL_PASSWORD)) {
    const secret = m[1]!;
    if (isRealPassword(secret) && looksLikePassword(secret)) found.push(hit('password', m.index + m[0].length - secret.length - 1, m.index + m[0].length - 1));
  }
  return found.sort((a, b) => a.start - b.start)[0];
}

// ---- values under a credential name -------------------------------------------------------

const AWS_SECRET_SHAPE = /^[A-Za-z0-9/+]{40}$/;
const AZURE_KEY_SHAPE = /^[A-Za-z0-9/+]{86}==$/;

function refineKind(value: string, kind: CredentialKind, name: string): CredentialKind {
  const awsName = nameHas(name, 'secret', 'access') || ['aws', 's3', 's3a'].some((service) => nameHas(name, service, 'secret'));
  if (AWS_SECRET_SHAPE.test(value) && awsName) return 'aws-secret-access-key';
  if (AZURE_KEY_SHAPE.test(value) && (nameHas(name, 'storage') || nameHas(name, 'account') || nameHas(name, 'azure'))) return 'azure-storage-key';
  return kind;
}

const SCHEME_VALUE = /^(Bearer|Basic|Token|token|Bot|ApiKey|SSWS|Key)\s+(\S+)$/;

function valueKindForName(value: string, cls: NameClass, name: string): CredentialKind | undefined {
  if (cls === 'authorization') {
    const scheme = SCHEME_VALUE.exec(value);
    if (!scheme) return looksRandom(value, 16) && !isNonSecretValue(value) ? 'token' : undefined;
    const credential = scheme[2]!;
    if (isNonSecretValue(credential)) return undefined;
    if (scheme[1] === 'Basic') return basicPassword(credential) ? 'authorization-header' : undefined;
    return looksRandom(credential, 8) ? 'authorization-header' : undefined;
  }
  if (isNonSecretValue(value) || isProse(value) || isPathOrUrl(value)) return undefined;
  switch (cls) {
    case 'password':
      return looksLikePassword(value) ? 'password' : undefined;
    case 'auth':
      if (pairPassword(value)) return 'password';
      return looksRandom(value, 16) && !isIdentifierLike(value) ? 'token' : undefined;
    case 'secret':
      if (isIdentifierLike(value) || echoesCredentialWord(value)) return undefined;
      return looksRandom(value, 8) ? refineKind(value, 'secret', name) : undefined;
    case 'token':
      return looksRandom(value, 12) && !isIdentifierLike(value) ? 'token' : undefined;
    case 'api-key':
      return looksRandom(value, 12) && !isIdentifierLike(value) ? refineKind(value, 'api-key', name) : undefined;
    case 'weak-key':
      if (isDigestKey(value)) return undefined;
      return looksRandom(value, 20) && !isIdentifierLike(value) ? refineKind(value, 'api-key', name) : undefined;
  }
}

function fromContext(value: string, context: CredentialContext): CredentialHit | undefined {
  if (value.includes(HOLE)) return undefined;
  if (context.role === 'user-password') {
    const pair = pairPassword(value);
    return pair && hit('password', pair.start, pair.end);
  }
  const cls = context.role ?? (context.name !== undefined ? classifyName(context.name, context.nameIsMapKey) : undefined);
  if (!cls) return undefined;
  const kind = valueKindForName(value, cls, context.name ?? '');
  return kind && hit(kind, 0, value.length);
}

/** Positional pairs where the first argument says what the second is: Twilio's `Client(account_sid, auth_token)`. */
export function nameFromPreviousArgument(previous: string): string | undefined {
  return /^AC[0-9a-f]{32}$/.test(previous) ? 'auth_token' : undefined;
}

/**
 * The credential in `value` (a literal's decoded text, HOLE for unknown parts), or undefined.
 * Self-evident formats first (private keys, provider tokens, URLs, Authorization values, then
 * assignments inside the string), then what the surrounding name or API says the value is.
 */
export function detectCredential(value: string, context: CredentialContext = {}): CredentialHit | undefined {
  if (value.length < 3) return undefined;
  const provider = findProviderToken(value);
  const formatted = findPrivateKey(value) ?? (provider && hit(provider.format.kind, provider.start, provider.end, provider.format.publicPrefix));
  if (formatted) return formatted;
  const found = findUrlCredentials(value) ?? findAuthScheme(value) ?? (context.comment ? undefined : (findEmbedded(value) ?? fromContext(value, context)));
  return found && sampleAware(found, value, context);
}

/**
 * What the detectors that need no context (detectCredential in a comment: formats, private keys,
 * URLs, Authorization values; findEmbedded) must see in a value: a provider prefix, a PEM header,
 * the `@` after a URL's password, an auth scheme, a credential name (assignments, flags, SQL), a
 * command with a password flag. A cheap first test; none of these spans a HOLE.
 */
export const CONTEXT_FREE_EVIDENCE = new RegExp(
  [PROVIDER_PREFIX.source, 'PRIVATE KEY', '@', 'Bearer', 'Basic', '-u', 'mysql', 'mariadb', 'sshpass', 'redis-cli', 'IDENTIFIED', NAME_STEM.source].join('|'),
  'i',
);

/** Every name class (the Record makes the compiler check that none is missing). */
export const NAME_CLASSES = Object.keys({ password: 1, secret: 1, token: 1, 'api-key': 1, 'weak-key': 1, auth: 1, authorization: 1 } satisfies Record<NameClass, 1>) as NameClass[];

/** What a context can make of a value: a name class, or the `user:password` role. */
export type ValueReading = NameClass | 'user-password';

/**
 * False only when `detectCredential(value, context)` finds nothing in every context outside a
 * comment whose name class or role is in `readings` (a sample context only takes findings away).
 * Lets a caller that knows a string's value and the names near it, but not the syntax, rule it out.
 */
export function mayBeCredentialValue(value: string, readings: ReadonlySet<ValueReading>): boolean {
  if (value.length < 3) return false;
  if (CONTEXT_FREE_EVIDENCE.test(value) && (detectCredential(value, { comment: true }) || findEmbedded(value))) return true;
  if (value.includes(HOLE)) return false; // fromContext judges whole values only
  // Passwords, pairs and random values have no blank; only `Authorization: <scheme> <credential>` does.
  if (/\s/.test(value)) return readings.has('authorization') && valueKindForName(value, 'authorization', '') !== undefined;
  for (const reading of readings) {
    if (reading === 'user-password' ? pairPassword(value) : valueKindForName(value, reading, '')) return true;
  }
  return false;
}

/** Kinds judged by how machine-made the value looks (not passwords, which people choose, nor formats). */
const MACHINE_KINDS = new Set<CredentialKind>(['token', 'secret', 'api-key', 'authorization-header']);
/** Kinds people choose. */
const CHOSEN_KINDS = new Set<CredentialKind>(['password', 'url-credentials']);

/**
 * Whether a finding of this kind can be a sample (see sampleAware): adapters work out the costly
 * `sample` and `docstring` context only then, and ask again.
 */
export function mayBeSample(kind: CredentialKind): boolean {
  return MACHINE_KINDS.has(kind) || CHOSEN_KINDS.has(kind);
}

/**
 * In sample code, a token-like value that a person typed (see isTestDoubleValue) is a sample; in a
 * docstring, so is a password a person chose (`passwd='geheim$parole'` in an example): there only
 * a machine-made password is a leak. Provider formats and private keys never reach here.
 */
function sampleAware(found: CredentialHit, value: string, context: CredentialContext): CredentialHit | undefined {
  if (!context.sample) return found;
  const credential = value.slice(found.start, found.end);
  if (MACHINE_KINDS.has(found.kind)) return isTestDoubleValue(credential) ? undefined : found;
  if (context.docstring && CHOSEN_KINDS.has(found.kind)) return looksRandom(credential, 8) ? found : undefined;
  return found;
}
