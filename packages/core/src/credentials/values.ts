// Questions about a candidate value alone: is it a placeholder, a name, a digest, random enough?
// Values are decoded literal text; HOLE stands for each part we cannot know (an f-string
// interpolation, a variable in a concatenation).

/** Stands for an unknown part of a value (`{x}` in an f-string, `+ x +` in a concatenation). */
export const HOLE = '\u0000';

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  if (!value) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Words every tool treats as "no real value here" (detect-secrets' FALSE_POSITIVES, gitleaks' stopwords). */
const PLACEHOLDER_WORDS = new Set([
  'password', 'passwd', 'pass', 'pwd', 'secret', 'token', 'apikey', 'api-key', 'api_key', 'key', 'changeme', 'change_me',
  'change-me', 'changeit', 'example', 'sample', 'test', 'testing', 'dummy', 'fake', 'mock', 'placeholder', 'default',
  'none', 'null', 'nil', 'undefined', 'empty', 'redacted', 'hidden', 'masked', 'required', 'optional', 'string', 'str',
  'value', 'unknown', 'notset', 'not-set', 'unset', 'todo', 'tbd', 'fixme', 'foo', 'bar', 'baz', 'qux', 'true', 'false',
  'yes', 'no', 'on', 'off', 'n/a', 'na', 'xxx', 'replace_me', 'replace-me', 'replaceme', 'insert', 'set-me', 'set_me', 'setme',
  'secret123', 'password123', 'mysecret', 'mypassword', 'mytoken', 'yourpassword', 'your_password', 'your-password',
]);

/** Markers of a fill-in-the-blank value: `<x>`, `${X}`, `{{ x }}`, `%(x)s`, `%X%`, `$X`, `your-...`, `...`. */
const PLACEHOLDER_PATTERN = new RegExp(
  [
    '<[^<>]*>', // <password>, <your key here>
    '\\$\\{[^}]*\\}', // ${VAR}
    '\\{\\{[^}]*\\}\\}', // {{ var }}
    '%\\([^)]*\\)[sdr]', // %(token)s
    '%[A-Z_][A-Z0-9_]*%', // %VAR%
    '^\\$[A-Za-z_][A-Za-z0-9_]*$', // $VAR
    '\\{[A-Za-z_0-9]*\\}', // {token}, {0}, {}
    '%s', // printf
    '\\.\\.\\.|…', // sk-..., ...
    '[xX]{4,}', // xxxx
    '\\*{3,}', // ***
    '#{4,}',
    '(?:^|[^a-z])your[-_ ]?(?:[a-z]|$)', // your-token-here, YOUR_API_KEY
    '[-_ ]here$', // token-here
    'change[-_]?me', // changeme
    'replace[-_]?(?:me|with|this)', // REPLACE_ME
    'redacted', // <redacted>, REDACTED
    'placeholder',
    // Documented examples: AWS's AKIAIOSFODNN7EXAMPLE and wJalr...EXAMPLEKEY, `example-token`. Seven
    // letters in a row are never chance in a random value. (FAKE is not here: it marks fixtures of real shape.)
    'example',
    '^(?:dummy|test|sample|mock)[-_]', // test-token, dummy_secret
    '[-_](?:here|placeholder)\\b',
  ].join('|'),
  'i',
);

/**
 * Words test doubles are made of: `testpw`, `somepassword`, `badpass`, `doesnotexist`, `test123`.
 * Not `fake` or `example`: fixtures mark fake credentials of real shape that way, and they must be found.
 */
const DUMMY_WORDS = [
  'test', 'testing', 'pass', 'password', 'passwd', 'pwd', 'pw', 'secret', 'token', 'key', 'dummy', 'sample', 'mock', 'demo',
  'default', 'temp', 'tmp', 'changeme', 'letmein', 'guest', 'user', 'username', 'some', 'bad', 'wrong', 'incorrect',
  'invalid', 'my', 'your', 'foo', 'bar', 'baz', 'abc', 'xyz', 'none', 'null', 'no', 'empty', 'blank', 'not', 'does',
  'exist', 'real', 'a', 'the', 'this', 'is', 'other', 'new', 'old', 'another',
];
const DUMMY_MAX_LENGTH = 24;

/** Is `letters` (lower case) a run of DUMMY_WORDS? */
function isDummyComposition(letters: string): boolean {
  const reachable = [true];
  for (let i = 1; i <= letters.length; i++) {
    reachable[i] = DUMMY_WORDS.some((w) => w.length <= i && reachable[i - w.length] === true && letters.startsWith(w, i - w.length));
  }
  return reachable[letters.length] === true;
}

/**
 * A short, simple value whose letters are only dummy words: `test123`, `wrong-pass`, `Incorrect`.
 * Not `Password123!`: four kinds of characters is what people do to real passwords.
 */
function isDummy(value: string): boolean {
  if (value.length > DUMMY_MAX_LENGTH || charClasses(value) > 2) return false;
  const letters = value.replace(/[^A-Za-z]/g, '').toLowerCase();
  return letters.length > 0 && isDummyComposition(letters);
}

/** True when every character of `value` is the same (`aaaa`, `0000`, `****`). */
export function isRepeatedChar(value: string): boolean {
  return value.length > 0 && [...value].every((c) => c === value[0]);
}

/** Fill-in-the-blank markers inside a value (`<...>`, `${...}`, `xxxx`, `your-...`), whatever else it holds. */
export function hasPlaceholderMarker(value: string): boolean {
  return PLACEHOLDER_PATTERN.test(value);
}

/** Placeholders, templates and filler that no one would mistake for a real value. */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed.length === 0 || isRepeatedChar(trimmed)) return true;
  if (PLACEHOLDER_WORDS.has(trimmed.toLowerCase()) || isDummy(trimmed)) return true;
  return PLACEHOLDER_PATTERN.test(trimmed);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * Digests and password hashes written with their scheme: `sha256:<hex>`, `$2b$12$...` (bcrypt),
 * `$argon2id$...`, `pbkdf2_sha256$...`, `{SSHA}...`, `SHA256:<b64>` (SSH fingerprints).
 */
const SCHEMED_DIGEST = /^(?:(?:sha(?:1|224|256|384|512)|md5|blake2b?|sha3-\d+)[:=-][0-9a-z+/=]{16,}|\$(?:2[abxy]?|argon2(?:id|i|d)|[156]|pbkdf2[-_\w]*|scrypt)\$|pbkdf2_\w+\$|\{(?:S?SHA|SMD5|CRYPT|BCRYPT)\})/i;

function isSchemedDigest(value: string): boolean {
  return SCHEMED_DIGEST.test(value);
}

/** A JWT without a signature (`alg: none`): it authenticates nothing. */
function isUnsignedJwt(value: string): boolean {
  return /^eyJ[\w-]+\.eyJ[\w-]*\.$/.test(value);
}

/** Public halves that are meant to be shipped: Stripe/Mapbox publishable keys, SSH and PEM public keys. */
function isPublicValue(value: string): boolean {
  return /^(?:pk_(?:live|test)_|pk\.eyJ|ssh-(?:rsa|ed25519|dss) |ecdsa-sha2-|-----BEGIN (?:[A-Z0-9]+ )*(?:PUBLIC KEY|CERTIFICATE)|sk_test_|rk_test_)/.test(value);
}

/** A word of an identifier: `fs`, `s3`, `retryPeriodSeconds`, `Token`, `API` (random segments mix case and digits). */
const IDENTIFIER_SEGMENT = /^(?:[a-z]+[0-9]*(?:[A-Z][a-z]+[0-9]*)*|[A-Z][a-z]+(?:[A-Z][a-z]+)*|[A-Z]+[0-9]*)$/;

/** A name rather than a value: env var names, snake/kebab/dotted/camel identifiers made of words, with any sigil (`?InJSX`). */
export function isIdentifierLike(raw: string): boolean {
  const value = raw.replace(/^[?$@#:.!]+/, '');
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value)) return true; // DB_PASSWORD, _FSEC_X
  if (/^_?[A-Za-z]+(?:[-_.:/][A-Za-z]+)+$/.test(value)) return true; // db_password, api-token, flyte.refreshToken
  // NextContinuationToken, InterpolationInJSX: capitalized words and acronyms, one real word at least.
  if (/^(?:[A-Z][a-z]+|[A-Z]{2,}(?![a-z]))+$/.test(value) && /[A-Z][a-z]{3,}/.test(value) && /[a-z][A-Z]/.test(value)) return true;
  if (/^\w+(?:::\w+)+$/.test(value)) return true; // AWS::S3::Bucket, type paths
  const segments = value.replace(/^_+/, '').split(/[-_.:/]/);
  return segments.length >= 3 && segments.every((s) => IDENTIFIER_SEGMENT.test(s)); // fs.s3.consistent.retryPeriodSeconds
}

/** Letters only (and separators), with a credential word in it: `challengePassword`, `lowpass`, `user_secret`. */
export function echoesCredentialWord(value: string): boolean {
  return /^[A-Za-z_.-]+$/.test(value) && /pass|pwd|secret|token|apikey|credential/i.test(value);
}

/** File paths, S3-style keys and URLs without credentials. */
export function isPathOrUrl(value: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return !/^[^/]*\/\/[^/@]*@/.test(value);
  if (/^(?:~|\.{1,2})?\/(?:[\w.@-]+\/)*[\w.@-]*$/.test(value) || /^[A-Za-z]:\\/.test(value)) return true;
  // S3 keys and relative paths: lower-case segments (random base64 with '/' has mixed-case ones).
  if (/^[a-z0-9_.=-]+(?:\/[a-z0-9_.=-]+)+\/?$/.test(value) && /[a-z]{3}/.test(value)) return true;
  return /\.(?:json|ya?ml|pem|key|p8|p12|crt|cer|txt|env|cfg|ini|toml|csv|parquet)$/i.test(value);
}

/** Prose: several words separated by spaces (prompts, messages, help text). */
export function isProse(value: string): boolean {
  // Two letters, a space, two letters: `{2}`, not `{2,}`, which backtracks quadratically on long words.
  return /[A-Za-z]{2}[,.:;!?]?\s+[A-Za-z]{2}/.test(value);
}

function charClasses(value: string): number {
  let classes = 0;
  if (/[a-z]/.test(value)) classes++;
  if (/[A-Z]/.test(value)) classes++;
  if (/[0-9]/.test(value)) classes++;
  if (/[^A-Za-z0-9]/.test(value)) classes++;
  return classes;
}

/** A word of a human-written value: two letters at least, a vowel, no five consonants in a row (`preresolved`, `Token`, `API`). */
function isWord(word: string): boolean {
  return word.length >= 2 && /[aeiouy]/i.test(word) && !/[^aeiouy]{5}/i.test(word);
}

/**
 * Made of words and small numbers, as people write names and test values (`dapi_preresolved_123`,
 * `resolvedToken456`, `wh_resolved_key_7`): a machine-made value puts its digits and capitals
 * anywhere. A segment of its own may be an abbreviation (`wh`, `pg`) if a longer word is there too.
 */
function isWordMade(value: string): boolean {
  let longWords = 0;
  for (const segment of value.split(/[-_.:/ +@]+/)) {
    if (segment === '' || /^\d{1,6}$/.test(segment)) continue;
    const parts = /^([A-Za-z]+)\d{0,6}$/.exec(segment);
    if (!parts) return false;
    if (/^(?:[a-z]{2,3}|[A-Z]{2,3})$/.test(parts[1]!)) continue;
    const words = parts[1]!.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2').split(' ');
    if (!words.every(isWord)) return false;
    longWords += words.filter((w) => w.length >= 4).length;
  }
  return longWords > 0;
}

/** Lengths of hex digests: MD5, SHA-1, SHA-224, SHA-256, SHA-384, SHA-512. */
const DIGEST_LENGTHS = new Set([32, 40, 56, 64, 96, 128]);
const isDigest = (segment: string) => DIGEST_LENGTHS.has(segment.length) && /^[0-9a-f]+$/.test(segment);

/**
 * A hex digest joined to names and numbers (`task_name_1-31415-<md5>`, `v2:<sha1>`): what cache,
 * lookup and content keys are made of, never what a service issues. (A bare 40-hex value under
 * `key` stays a candidate: Weights & Biases keys look like that.)
 */
export function isDigestKey(value: string): boolean {
  const segments = value.split(/[-_.:/]+/).filter(Boolean);
  return segments.length > 1 && segments.some(isDigest) && segments.every((s) => isDigest(s) || /^[A-Za-z]*\d{0,8}$/.test(s));
}

/** Runs of characters each next to the last (`abc`, `4321`) of `length`, counted without overlap. */
function typedRuns(value: string, length: number): number {
  let runs = 0;
  for (let i = length - 1; i < value.length; i++) {
    const step = value.charCodeAt(i - length + 2) - value.charCodeAt(i - length + 1);
    if (step !== 1 && step !== -1) continue;
    let run = true;
    for (let j = i - length + 2; j <= i && run; j++) run = value.charCodeAt(j) - value.charCodeAt(j - 1) === step;
    if (!run) continue;
    runs++;
    i += length - 1;
  }
  return runs;
}

/**
 * What a person types: `1234`, two runs such as `abc` and `123`, or runs across the letters or the
 * digits of the value (`a1b2c3d4e5`, `abc123def456ghi789`).
 */
function isTyped(value: string): boolean {
  const letters = value.replace(/[^A-Za-z]/g, '').toLowerCase();
  const digits = value.replace(/\D/g, '');
  return typedRuns(value, 4) > 0 || typedRuns(value, 3) >= 2 || typedRuns(letters, 4) > 0 || typedRuns(digits, 5) > 0;
}

/**
 * What tests and docstrings write where a token goes, beyond words (see isWordMade): typed runs
 * (`abc123def456`, `a1b2c3d4e5f6`). Only test code and docstrings are given this benefit of the
 * doubt; a random value pasted there is still reported.
 */
export function isTestDoubleValue(value: string): boolean {
  return isTyped(value);
}

/**
 * Machine-made: long enough, mixes character classes and spreads its characters (entropy). Hex
 * strings have at most 4 bits per character, so they get their own bar (as in detect-secrets).
 */
export function looksRandom(value: string, minLength = 12): boolean {
  if (value.length < minLength || /\s/.test(value) || isWordMade(value)) return false;
  // Hex: 24 characters at least (16-character hex values are ids and short hashes far more often than keys).
  if (/^[0-9a-f]+$/i.test(value)) return value.length >= 24 && /[0-9]/.test(value) && /[a-f]/i.test(value) && entropy(value) >= 3;
  if (charClasses(value) < 2 || !/[0-9]/.test(value) && charClasses(value) < 3) return false;
  const bar = Math.min(3.5, Math.log2(value.length) * 0.78);
  return entropy(value) >= bar;
}

/**
 * What a human-chosen password looks like: not a placeholder, not a name, and either two kinds of
 * characters (`hunter2`) or long (`correcthorsebattery`): short lower-case words are vocabulary
 * far more often than passwords (`lowpass`, `python`, `strong`).
 */
export function looksLikePassword(value: string): boolean {
  if (value.length < 4 || /\s/.test(value) || isIdentifierLike(value) || echoesCredentialWord(value)) return false;
  return charClasses(value) >= 2 || value.length >= 10;
}

/** Checks shared by every context: the value is something, and not something else we know. */
export function isNonSecretValue(value: string): boolean {
  return (
    value.includes(HOLE) ||
    isPlaceholder(value) ||
    isUuid(value) ||
    isSchemedDigest(value) ||
    isUnsignedJwt(value) ||
    isPublicValue(value) ||
    /^\[[A-Z_]+\]$/.test(value) // tokenizer specials: [PAD], [CLS]
  );
}
