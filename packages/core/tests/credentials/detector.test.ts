// The language-independent detector: provider formats, placeholders, names, contexts, redaction.
import { describe, expect, it } from 'vitest';
import {
  classifyName,
  CredentialFinding,
  detectCredential,
  HOLE,
  PROVIDER_FORMATS,
  PROVIDER_PREFIX,
  redact,
  isTestPath,
  reportSpan,
  type CredentialKind,
} from '../../src/index.js';

/** One fake sample per format, with the real shape. */
const SAMPLES: [CredentialKind, string][] = [
  ['aws-access-key-id', 'AKIAFAKE2345QRSTUV67'],
  ['aws-access-key-id', 'ASIAFAKE2345QRSTUV67'],
  ['github-token', 'ghp_FAKE0000aBcDeFgHiJkLmNoPqRsTuVwXyZ01'],
  ['github-token', 'ghs_FAKE0000aBcDeFgHiJkLmNoPqRsTuVwXyZ01'],
  ['github-token', 'github_pat_11FAKE0000aBcDeFgHiJkL_mNoPqRsTuVwXyZ0123456789aBcDeFgHiJkLmNoPqRsTuVwXyZ01234567'],
  ['gitlab-token', 'glpat-FAKE0000aBcDeFgHiJkL'],
  ['gitlab-token', 'GR1348941FAKE0000aBcDeFgHiJkL'],
  ['slack-token', 'xoxb-123456789012-1234567890123-FAKE0000aBcDeFgHiJkLmNoP'],
  ['slack-token', 'xapp-1-A0FAKE0000-1234567890123-0fa4e0000abcdef0123456789abcdef'],
  ['slack-webhook', 'https://hooks.slack.com/services/TFAKE0000/BFAKE00000/FAKE0000aBcDeFgHiJkLmNoP'],
  ['discord-webhook', 'https://discord.com/api/webhooks/123456789012345678/FAKE0000aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789aBcDeFgHiJkLmNoPqRsTu'],
  ['stripe-key', 'sk_live_FAKE0000aBcDeFgHiJkLmNoP'],
  ['stripe-key', 'rk_live_FAKE0000aBcDeFgHiJkLmNoP'],
  ['stripe-key', 'whsec_FAKE0000aBcDeFgHiJkLmNoPqRsTuVwX'],
  ['google-api-key', 'AIzaSyFAKE0000aBcDeFgHiJkLmNoPqRsTuVwXy'],
  ['google-oauth-client-secret', 'GOCSPX-FAKE0000aBcDeFgHiJkLmNoPqRsT'],
  ['anthropic-api-key', 'sk-ant-api03-FAKE0000aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789-AA'],
  ['openai-api-key', 'sk-proj-FAKE0000aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789'],
  ['openai-api-key', 'sk-FAKE0000aBcDeFgHiJkLT3BlbkFJFAKE0000aBcDeFgHiJkL'],
  ['huggingface-token', 'hf_FAKE0000aBcDeFgHiJkLmNoPqRsTuVwXyZ'],
  ['huggingface-token', 'api_org_FAKE0000aBcDeFgHiJkLmNoPqRsTuVwXyZ'],
  ['npm-token', 'npm_FAKE0000aBcDeFgHiJkLmNoPqRsTuVwXyZ01'],
  ['pypi-token', `pypi-AgEIcHlwaS5vcmc${'FAKE0000aBcDeFgHiJkLmNoPqRsTuVwXyZ'.repeat(2)}`],
  ['sendgrid-api-key', 'SG.FAKE0000aBcDeFgHiJkLmN.FAKE0000aBcDeFgHiJkLmNoPqRsTuVwXyZ012345678'],
  ['twilio-api-key', 'SKfa4e0000abcdef0123456789abcdef01'],
  ['databricks-token', 'dapifa4e0000abcdef0123456789abcdef01'],
  ['vault-token', 'hvs.FAKE0000aBcDeFgHiJkLmNoPqRs'],
  ['jwt', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmbHl0ZSJ9.FAKE0000aBcDeFgHiJkLmNoPqRsTuVwXyZ0123'],
  ['azure-storage-key', `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${'FAKE0000aBcDeFgHiJkLmNoPqRsTuVwXyZ+/'.repeat(3).slice(0, 86)}==`],
  ['azure-shared-access-key', 'Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=FAKE0000aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456=' ],
  ['azure-sas-token', 'https://acme.blob.core.windows.net/c?sv=2022-11-02&sp=r&sig=FAKE0000aBcDeFgHiJkLmNoPqRs%3D'],
];

describe('provider formats', () => {
  it.each(SAMPLES)('finds %s', (kind, sample) => {
    expect(detectCredential(sample)?.kind).toBe(kind);
    expect(detectCredential(`token = "${sample}" # in a string among other text`)?.kind).toBe(kind);
  });

  it('has a sample for every format, and the prefix prefilter finds every sample', () => {
    for (const format of PROVIDER_FORMATS) {
      const covered = SAMPLES.some(([kind, sample]) => kind === format.kind && new RegExp(format.pattern.source).test(sample));
      expect(covered, `no sample for ${format.pattern.source}`).toBe(true);
    }
    for (const [kind, sample] of SAMPLES) {
      PROVIDER_PREFIX.lastIndex = 0;
      expect(PROVIDER_PREFIX.test(sample), `${kind}: the prefilter misses ${sample.slice(0, 12)}`).toBe(true);
    }
  });

  it('finds fixtures marked FAKE: they have the real shape and stand for leaked keys', () => {
    expect(detectCredential('AKIAFAKE00007Q2W3E4R')?.kind).toBe('aws-access-key-id');
    expect(detectCredential('ghp_FAKE0000aBcDeFgHiJkLmNoPqRsTuVwXyZ01')?.kind).toBe('github-token');
  });

  it('does not report documented examples: values that carry an EXAMPLE marker', () => {
    // The access key pair of the AWS documentation, and the same marker on other formats and contexts.
    expect(detectCredential('AKIAIOSFODNN7EXAMPLE')).toBeUndefined();
    expect(detectCredential('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', { name: 'aws_secret_access_key' })).toBeUndefined();
    expect(detectCredential('ghp_EXAMPLE0aBcDeFgHiJkLmNoPqRsTuVwXyZ012')).toBeUndefined();
    expect(detectCredential('postgresql://app:Example-Pa55@db.internal/app')).toBeUndefined();
    expect(detectCredential('Zk3Lq9Xv2Pm7Wt4Rb8Yc1Nd6Example', { name: 'api_key' })).toBeUndefined();
    // The marker must be in the credential: a real-shaped key next to the word is still found.
    expect(detectCredential('example: AKIAFAKE00007Q2W3E4R')?.kind).toBe('aws-access-key-id');
  });

  it('rejects filler in the token body', () => {
    for (const filler of ['ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'AKIAXXXXXXXXXXXXXXXX', 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx', 'xoxb-your-token-here-1234', 'hf_000000000000000000000000000000000000']) {
      expect(detectCredential(filler), filler).toBeUndefined();
    }
  });

  it('reports live Stripe keys only, and never publishable keys', () => {
    expect(detectCredential('sk_test_FAKE0000aBcDeFgHiJkLmNoP')).toBeUndefined();
    expect(detectCredential('pk_live_FAKE0000aBcDeFgHiJkLmNoP', { name: 'stripe_key' })).toBeUndefined();
  });
});

describe('self-evident formats in any string', () => {
  it('private keys with a body, also \\n-escaped, but not public keys or placeholders', () => {
    const body = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCFAKE0000aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcdef';
    expect(detectCredential(`-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`)?.kind).toBe('private-key');
    expect(detectCredential(`{"private_key": "-----BEGIN RSA PRIVATE KEY-----\\n${body}\\n-----END RSA PRIVATE KEY-----\\n"}`)?.kind).toBe('private-key');
    expect(detectCredential(`-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----`)).toBeUndefined();
    expect(detectCredential('-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----')).toBeUndefined();
  });

  it('passwords in URLs, unless a placeholder, the user name, or a documentation host', () => {
    expect(detectCredential('postgresql://etl:Qm7vPx2LkR9tWz@pg.internal:5432/sales')?.kind).toBe('url-credentials');
    expect(detectCredential(`postgresql://etl:${HOLE}@pg.internal/sales`)).toBeUndefined();
    expect(detectCredential('postgresql://user:<password>@host/db')).toBeUndefined();
    expect(detectCredential('postgresql://postgres:postgres@localhost/dev')).toBeUndefined();
    expect(detectCredential('https://evil:thing@example.com/')).toBeUndefined();
    expect(detectCredential('https://api.acme.io/v1?x=1')).toBeUndefined();
  });

  it('Authorization values: random Bearer tokens and Basic user:password pairs', () => {
    expect(detectCredential('Bearer 7Fk2LqP9xZm4Rt8Vw3Yb6Nc1Hd5Js0Ge')?.kind).toBe('authorization-header');
    expect(detectCredential(`Basic ${Buffer.from('svc:Fs!9qLx2Vm7w').toString('base64')}`)?.kind).toBe('authorization-header');
    expect(detectCredential(`Basic ${Buffer.from('username:password').toString('base64')}`)).toBeUndefined();
    expect(detectCredential('Bearer <token>')).toBeUndefined();
  });

  it('assignments inside strings: DSNs, connection strings, command lines, SQL', () => {
    expect(detectCredential('host=db user=app password=Bx7#kq2Lm9Pz sslmode=require')?.kind).toBe('password');
    expect(detectCredential('Server=tcp:db;Uid=app;Pwd=T7v!qLm2xZ9k;')?.kind).toBe('password');
    expect(detectCredential('kubectl create secret generic db --from-literal=password=Kc!8vLq3xZm2Pw')?.kind).toBe('password');
    expect(detectCredential("ALTER USER app WITH PASSWORD 'Rt!5vLq9xKm2Zw'")?.kind).toBe('password');
    expect(detectCredential('mysqldump -u report -pRp!7vKq2xLm9 report')?.kind).toBe('password');
    expect(detectCredential('UPDATE users SET password = %s WHERE id = %s')).toBeUndefined();
    expect(detectCredential('SELECT password_hash, api_token FROM users')).toBeUndefined();
    expect(detectCredential('capabilities AUTH=CRAM-MD5 LOGINDISABLED')).toBeUndefined();
  });

  it('comments get only self-evident formats', () => {
    expect(detectCredential(' password = "Qm7vPx2LkR9tWz"', { comment: true })).toBeUndefined();
    expect(detectCredential(' old token ghp_FAKE0000aBcDeFgHiJkLmNoPqRsTuVwXyZ01', { comment: true })?.kind).toBe('github-token');
  });
});

describe('values under a name', () => {
  it('passwords: anything a person would choose', () => {
    for (const value of ['hunter2', 'Sn0wfl@ke-L0ader-2024', 'correcthorsebattery', 'Password123!']) expect(detectCredential(value, { name: 'db_password' })?.kind).toBe('password');
    // Vocabulary, names and test doubles: short lower-case words, values that echo a credential word.
    for (const value of ['', 'changeme', 'password', 'test123', 'somepassword', '********', '${DB_PASSWORD}', 'DB_PASSWORD', 'db_password', '<password>', 'Enter your password', 'lowpass', 'python', 'challengePassword', 'supersecret']) {
      expect(detectCredential(value, { name: 'password' }), value).toBeUndefined();
    }
  });

  it('tokens, keys and secrets: machine-made values only, entropy only with a name', () => {
    const random = 'Zk3Lq9Xv2Pm7Wt4Rb8Yc1Nd6';
    expect(detectCredential(random, { name: 'API_TOKEN' })?.kind).toBe('token');
    expect(detectCredential(random, { name: 'apiKey' })?.kind).toBe('api-key');
    expect(detectCredential(random, { name: 'CLIENT_SECRET' })?.kind).toBe('secret');
    expect(detectCredential(random)).toBeUndefined();
    expect(detectCredential(random, { name: 'run_id' })).toBeUndefined();
    for (const value of ['refresh_token', 'bearer', 'openai_api_key', '123e4567-e89b-12d3-a456-426614174000', 'data/raw/2024/part-0000.parquet']) {
      expect(detectCredential(value, { name: 'token' }), value).toBeUndefined();
    }
  });

  it('refines AWS secret access keys and Azure storage keys by shape and name', () => {
    expect(detectCredential('FAKE0000aBcDeFgHiJkLmNoPqRsTuVwXyZ0123/+', { name: 'aws_secret_access_key' })?.kind).toBe('aws-secret-access-key');
    expect(detectCredential(`${'FAKE0000aBcDeFgHiJkLmNoPqRsTuVwXyZ+/'.repeat(3).slice(0, 86)}==`, { name: 'AZURE_STORAGE_KEY' })?.kind).toBe('azure-storage-key');
  });

  it('roles from APIs: user:password pairs and passwords by position', () => {
    expect(detectCredential('svc:Fs!9qLx2Vm7w', { role: 'user-password' })?.kind).toBe('password');
    expect(detectCredential('hello world', { role: 'user-password' })).toBeUndefined();
    expect(detectCredential('Fs!9qLx2Vm7w', { role: 'password' })?.kind).toBe('password');
  });
});

describe('values people type and values built from digests', () => {
  it('does not take words and small numbers for a machine-made token, anywhere', () => {
    for (const value of ['dapi_preresolved_123', 'resolvedToken456', 'wh_resolved_key_7', 'team-alpha-release-2024']) {
      expect(detectCredential(value, { name: 'api_token' }), value).toBeUndefined();
      expect(detectCredential(`Bearer ${value}`), value).toBeUndefined();
    }
    // Random segments, capitals inside digits, consonant runs: machine-made.
    for (const value of ['Zk3Lq9Xv2Pm7Wt4Rb8Yc1Nd6', 'svc_Zk3Lq9Xv2Pm7_2024', 'qwkzrtpl_mnbvcxz_123']) {
      expect(detectCredential(value, { name: 'api_token' })?.kind, value).toBe('token');
    }
    // People choose passwords: words and numbers are exactly what one looks like.
    expect(detectCredential('falcon_river_2024', { name: 'db_password' })?.kind).toBe('password');
  });

  it('reads a Basic pair that OAuth clients form-encoded before base64 (RFC 6749, 2.3.1)', () => {
    const basic = (pair: string) => `Basic ${Buffer.from(pair).toString('base64')}`;
    expect(detectCredential(basic('client_id:abc%25%25%24%3F'))).toBeUndefined();
    expect(detectCredential(basic('svc:not%2Dreal'))).toBeUndefined();
    expect(detectCredential(basic('svc:Qm7v%2BPx2LkR9tWz'))?.kind).toBe('authorization-header');
  });

  it('a digest joined to names and numbers is a cache key under a weak name, not under a credential name', () => {
    const cacheKey = 'task_name_1-31415-e3a85f91467d1e1f721ebe8129b2de31';
    expect(detectCredential(cacheKey, { name: 'key' })).toBeUndefined();
    expect(detectCredential('v2:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae', { name: 'lookup_key' })).toBeUndefined();
    expect(detectCredential(cacheKey, { name: 'api_key' })?.kind).toBe('api-key');
    // A bare 40-hex value under `key`: Weights & Biases keys look like that.
    expect(detectCredential('affb457288a5b5337745673769d737c0765dd23a', { name: 'key' })?.kind).toBe('api-key');
  });

  it('in tests and docstrings, typed values are samples; random values and provider formats are still found', () => {
    for (const value of ['abc123def456ghi789', 'a1b2c3d4e5f6g7h8i9j0', 'tk9876zyxw5432q', 'Xq7Lp0123456Vr8Kw']) {
      expect(detectCredential(value, { name: 'api_key', sample: true }), value).toBeUndefined();
      expect(detectCredential(value, { name: 'api_key' })?.kind, value).toBe('api-key');
    }
    expect(detectCredential('Zk3Lq9Xv2Pm7Wt4Rb8Yc1Nd6', { name: 'api_key', sample: true })?.kind).toBe('api-key');
    expect(detectCredential('7f3a9c1e5b2d8f4a6c0e9b1d3f5a7c9e', { name: 'token', sample: true })?.kind).toBe('token');
    expect(detectCredential('ghp_FAKE0000aBcDeFgHiJkLmNoPqRsTuVwXyZ01', { sample: true })?.kind).toBe('github-token');
    // Passwords are chosen by people, in tests too.
    expect(detectCredential('hunter2', { name: 'password', sample: true })?.kind).toBe('password');
  });
});

describe('test files', () => {
  it('by name, or by a test folder below the root, not above it', () => {
    expect(isTestPath('/repo/src/test_client.py', '/repo')).toBe(true);
    expect(isTestPath('/repo/src/client_test.py', '/repo')).toBe(true);
    expect(isTestPath('/repo/conftest.py', '/repo')).toBe(true);
    expect(isTestPath('/repo/web/client.spec.ts', '/repo')).toBe(true);
    expect(isTestPath('/repo/tests/unit/helpers.py', '/repo')).toBe(true);
    expect(isTestPath('/repo/src/__tests__/client.ts', '/repo')).toBe(true);
    expect(isTestPath('/repo/src/client.py', '/repo')).toBe(false);
    expect(isTestPath('/repo/src/testing_utils.py', '/repo')).toBe(false);
    expect(isTestPath('/home/ci/tests/repo/src/client.py', '/home/ci/tests/repo')).toBe(false);
    expect(isTestPath(undefined)).toBe(false);
  });
});

describe('where a finding is reported', () => {
  const token = (value: string, credential: string) => ({ kind: 'token' as const, start: value.indexOf(credential), end: value.indexOf(credential) + credential.length, publicPrefix: 0 });
  const literalOf = (source: string) => ({ start: 4, end: source.length });

  it('on a one-line literal: the literal', () => {
    const source = 'x = "--token Zk3Lq9Xv2Pm7"';
    const value = '--token Zk3Lq9Xv2Pm7';
    expect(reportSpan(source, literalOf(source), value, 0, token(value, 'Zk3Lq9Xv2Pm7'))).toEqual(literalOf(source));
  });

  it('in a multi-line literal: the credential, also after escapes earlier in the literal', () => {
    const source = 'x = """a\\tb\n  --token Zk3Lq9Xv2Pm7\n"""';
    const value = 'a\tb\n  --token Zk3Lq9Xv2Pm7\n';
    const at = source.indexOf('Zk3L');
    expect(reportSpan(source, literalOf(source), value, 0, token(value, 'Zk3Lq9Xv2Pm7'))).toEqual({ start: at, end: at + 12 });
  });

  it('in a multi-line literal where escapes change the credential: the literal', () => {
    const source = 'x = """\n  --token Zk3\\x4cq9Xv2Pm7\n"""';
    const value = '\n  --token Zk3Lq9Xv2Pm7\n';
    expect(reportSpan(source, literalOf(source), value, 0, token(value, 'Zk3Lq9Xv2Pm7'))).toEqual(literalOf(source));
  });
});

describe('credential names', () => {
  it.each([
    ['password', 'password'],
    ['DB_PASSWORD', 'password'],
    ['dbPassword', 'password'],
    ['PGPASSWORD', 'password'],
    ['DATABASEPASSWORD', 'password'],
    ['sasl.password', 'password'],
    ['Pwd', 'password'],
    ['client_secret', 'secret'],
    ['SECRET_KEY', 'secret'],
    ['api_key', 'api-key'],
    ['X-API-Key', 'api-key'],
    ['developerKey', 'api-key'],
    ['X-JFrog-Art-Api', 'api-key'],
    ['auth_token', 'token'],
    ['PRIVATE-TOKEN', 'token'],
    ['auth', 'auth'],
    ['Authorization', 'authorization'],
    ['key', 'weak-key'],
  ])('%s is a credential name (%s)', (name, cls) => {
    expect(classifyName(name)).toBe(cls);
  });

  it.each([
    'pad_token', 'eos_token', 'NextToken', 'page_token', 'max_tokens', 'tokenizer', 'token_url', 'TOKEN_TYPE', 'password_file',
    'PASSWORD_MIN_LENGTH', 'secret_name', 'SECRET_GROUP', 'api_key_id', 'aws_access_key_id', 'cache_key', 'sort_key', 'S3_KEY',
    'STRIPE_PUBLISHABLE_KEY', 'ALGOLIA_SEARCH_ONLY_KEY', 'password_hash', 'author', 'passed', 'constructor', 'toString',
  ])('%s is not', (name) => {
    expect(classifyName(name)).toBeUndefined();
  });

  it('a map key named like a header holds the value it names', () => {
    expect(classifyName('API_KEY_HEADER')).toBeUndefined();
    expect(classifyName('API_KEY_HEADER', true)).toBe('api-key');
  });
});

describe('findings never hold the value where it could be printed', () => {
  const found = detectCredential('ghp_FAKE0000aBcDeFgHiJkLmNoPqRsTuVwXyZ01')!;
  const finding = new CredentialFinding(found, { start: 0, end: 40 }, 'ghp_FAKE0000aBcDeFgHiJkLmNoPqRsTuVwXyZ01');

  it('shows at most the public prefix', () => {
    expect(finding.preview).toBe('ghp_****');
    expect(redact('hunter2', 0)).toBe('****');
    expect(redact('sk-proj-abc', 8)).toBe('sk-p****');
  });

  it('keeps the value out of JSON and util.inspect, but can match allow patterns', async () => {
    const { inspect } = await import('node:util');
    expect(JSON.stringify(finding)).not.toContain('FAKE0000');
    expect(inspect(finding, { showHidden: true, depth: 5 })).not.toContain('FAKE0000');
    expect(finding.isAllowed([/FAKE0000/])).toBe(true);
    expect(finding.isAllowed([/^AKIA/])).toBe(false);
  });
});

describe('adversarial input terminates', () => {
  // Each regex is linear on these (each once took seconds to minutes at this size).
  const N = 100_000;
  it.each([
    ['slash run', `/${'a'.repeat(N)}+`],
    ['assignments', 'a='.repeat(N)],
    ['words', 'abc '.repeat(N)],
    ['url userinfo', `https://${'u:'.repeat(N)}`],
    ['pem body', `-----BEGIN PRIVATE KEY-----${'A'.repeat(N)}`],
    ['bearer', `Bearer ${'a'.repeat(N)}`],
    ['many commands', 'mysql -x '.repeat(N / 5)],
    ['flags', '--password '.repeat(N / 5)],
  ])('%s', (_name, value) => {
    detectCredential(value, { name: 'password' });
    detectCredential(value, { name: 'Authorization' });
    detectCredential(value, { role: 'user-password' });
    detectCredential(value);
  });
});
