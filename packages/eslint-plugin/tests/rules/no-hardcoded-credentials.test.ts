import { Linter, RuleTester } from 'eslint';
import { describe, expect, it } from 'vitest';
import { typescriptParser } from '../../src/configs/typescript-parser.js';
import { plugin, PYTHON, python, ruleTester } from '../rule-tester.js';

const rule = plugin.rules['no-hardcoded-credentials'];
const hardcoded = (line: number, column: number, kind: string, preview = '****') => ({
  messageId: 'hardcodedCredential',
  line,
  column,
  data: { kind, preview },
});

ruleTester().run('no-hardcoded-credentials (Python)', rule as never, {
  valid: [
    // Read from Flyte at run time: names of secrets are not secrets.
    python`
      from flytekit import Secret, current_context, task

      SECRET_GROUP = "warehouse"
      SECRET_KEY = "password"

      @task(secret_requests=[Secret(group=SECRET_GROUP, key=SECRET_KEY)])
      def load() -> str:
          password = current_context().secrets.get(SECRET_GROUP, SECRET_KEY)
          token = current_context().secrets.get("api", "token")
          return password + token
    `,
    // Placeholders, templates, interpolations, environment lookups.
    python`
      import os
      password = ""
      api_key = "<your-api-key>"
      token = os.environ["API_TOKEN"]
      secret = os.getenv("CLIENT_SECRET", "changeme")
      dsn = f"postgresql://app:{password}@db/app"
      url = "postgresql://user:password@localhost/db"
      header = {"Authorization": f"Bearer {token}"}
    `,
    // Tokenizer, pagination, hashes, UUIDs, public keys, names that describe the credential.
    python`
      pad_token = "[PAD]"
      eos_token = "</s>"
      next_token = ""
      password_hash = "$2b$12$R9h/cIPz0gi.URNNX3kee6EYJ4b9jyE0Tw0q7kCY1vkJiFAKE0000"
      model_sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
      request_token = "123e4567-e89b-12d3-a456-426614174000"
      token_url = "https://auth.acme.io/oauth2/token"
      STRIPE_PUBLISHABLE_KEY = "pk_live_51FAKE0000aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"
      PASSWORD_MIN_LENGTH = 12
    `,
    // A random string with no credential name and no provider format: entropy alone is not enough.
    python`
      run_id = "Zk3Lq9Xv2Pm7Wt4Rb8Yc1Nd6"
    `,
    // Stripe test keys are reported by no one: see the doc.
    python`
      stripe_key = "sk_test_FAKE0000aBcDeFgHiJkLmNoPq"
    `,
    // Documented examples: the AWS documentation's key pair, and any value that carries its EXAMPLE marker.
    python`
      import boto3

      def client():
          """Builds the client.

          Example::

              boto3.client("s3", aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
                           aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
          """
          return boto3.client("s3", aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")

      API_KEY = "Zk3Lq9Xv2Pm7Wt4Rb8Yc1Nd6-example"
    `,
    // Test doubles in test code: typed values where a token goes, a Basic header whose (form-encoded)
    // pair holds a placeholder, a cache key built from a digest compared under the name "key".
    python`
      def test_header_uses_resolved_token():
          headers = build_header(auth_token="dapi_resolved_123")
          assert headers == {"Authorization": "Bearer dapi_resolved_123"}
          assert basic_header("svc-client", "not-real") == "Basic c3ZjLWNsaWVudDpub3QlMkRyZWFs"

      def test_cache_key():
          key = cache_key("model_v2", 2718)
          assert key == "model_v2-2718-9f86d081884c7d659a2feaa0c55ad015"

      class TestClient:
          def setup_method(self):
              self.client = Client(api_key="abc123def456ghi789")
    `,
    // In a docstring, a password a person chose is an illustration (in code or a test it is not).
    python`
      """Fetching behind basic auth:

          handler = HTTPBasicAuthHandler()
          handler.add_password(realm="reports", uri="https://reports.internal/", user="anna", passwd="klavier$spiel")
          dsn = "postgresql://anna:Sommer2024@reports.internal/app"
      """
    `,
    {
      code: python`
        FAKE_TOKEN = "tok-abcd-1234-wxyz"
        client = Client(token="abc123def456ghi789")
      `,
      filename: 'tests/conftest.py',
    },
    // ESLint's own comments silence a finding.
    python`
      password = "hunter2"  # eslint-disable-line -- test double
    `,
    // The allow option matches the credential or the literal.
    {
      code: python`
        MOTO_KEY = "AKIAFAKE00007Q2W3E4R"
        DEV_DSN = "postgresql://dev:Dev3l0per!@localhost:5432/dev"
      `,
      options: [{ allow: ['^AKIAFAKE00007Q2W3E4R$', '@localhost[:/]'] }],
    },
  ],
  invalid: [
    {
      code: python`
        import psycopg2

        conn = psycopg2.connect(host="db", user="loader", password="Qm7vPx2LkR9tWz")
      `,
      errors: [hardcoded(3, 60, 'password')],
    },
    {
      code: python`
        GITHUB_TOKEN = "ghp_FAKE0000aBcDeFgHiJkLmNoPqRsTuVwXyZ01"
        AWS_KEY = "AKIAFAKE00007Q2W3E4R"
      `,
      errors: [hardcoded(1, 16, 'GitHub token', 'ghp_****'), hardcoded(2, 11, 'AWS access key ID', 'AKIA****')],
    },
    // Contexts: keyword, dict entry, default parameter, comparison, env var, getenv default, header.
    {
      code: python`
        import os

        config = {"api_key": "Zk3Lq9Xv2Pm7Wt4Rb8Yc1Nd6"}
        def fetch(token: str = "Zk3Lq9Xv2Pm7Wt4Rb8Yc1Nd6") -> None: ...
        def check(password: str) -> bool:
            return password == "Adm1n!Feature$tore"
        os.environ["SERVICE_TOKEN"] = "Zk3Lq9Xv2Pm7Wt4Rb8Yc1Nd6"
        secret = os.getenv("CLIENT_SECRET", "Zk3Lq9Xv2Pm7Wt4Rb8Yc1Nd6")
        headers = {"Authorization": "Bearer Zk3Lq9Xv2Pm7Wt4Rb8Yc1Nd6"}
      `,
      errors: [
        hardcoded(3, 22, 'API key'),
        hardcoded(4, 24, 'token'),
        hardcoded(6, 24, 'password'),
        hardcoded(7, 31, 'token'),
        hardcoded(8, 37, 'secret'),
        hardcoded(9, 29, 'Authorization header credential'),
      ],
    },
    // Credentials in URLs, also built from literal parts; private keys in escaped JSON.
    {
      code: python`
        def dsn(host: str) -> str:
            return "postgresql://app:" + "Pg!7xQm2Lk9v" + "@" + host + "/app"

        SA = '{"private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCFAKE0000aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcdefghij\\n-----END PRIVATE KEY-----\\n"}'
      `,
      errors: [hardcoded(2, 34, 'password in a URL'), hardcoded(4, 6, 'private key')],
    },
    // A provider token in a comment is still a leak.
    {
      code: python`
        # old CI token: ghp_FAKE0000aBcDeFgHiJkLmNoPqRsTuVwXyZ01
        x = 1
      `,
      errors: [hardcoded(1, 17, 'GitHub token', 'ghp_****')],
    },
    // Name/value records: Kubernetes env vars in pod templates, SSM parameters.
    {
      code: python`
        from kubernetes.client import V1EnvVar

        env = [V1EnvVar(name="DB_PASSWORD", value="Qm7vPx2LkR9tWz"), V1EnvVar(name="LOG_LEVEL", value="INFO")]
        container = {"env": [{"name": "API_TOKEN", "value": "Zk3Lq9Xv2Pm7Wt4Rb8Yc1Nd6"}]}
        ssm.put_parameter(Name="/prod/db/password", Value="Qm7vPx2LkR9tWz", Type="SecureString")
      `,
      errors: [hardcoded(3, 43, 'password'), hardcoded(4, 53, 'token'), hardcoded(5, 51, 'password')],
    },
    // Columns count UTF-16 units, as ESLint does, after non-ASCII text.
    {
      code: python`
        # héllo ☃
        x = "🎉🎉"; password = "Qm7vPx2LkR9tWz"
      `,
      errors: [hardcoded(2, 24, 'password')],
    },
    // Outside tests, a typed-looking token is reported; in tests, a random one and provider formats are.
    {
      code: python`
        client = Client(token="abc123def456ghi789")

        def test_with_pasted_keys():
            token = "Zk3Lq9Xv2Pm7Wt4Rb8Yc1Nd6"
            github = "ghp_FAKE0000aBcDeFgHiJkLmNoPqRsTuVwXyZ01"
            assert basic_header("svc-client", token) == "Basic c3ZjLWNsaWVudDpRbTd2UHgyTGtSOXRXeg=="
      `,
      errors: [
        hardcoded(1, 23, 'token'),
        hardcoded(4, 13, 'token'),
        hardcoded(5, 14, 'GitHub token', 'ghp_****'),
        hardcoded(6, 49, 'Authorization header credential'),
      ],
    },
    // In a docstring or another multi-line string, the finding is on the credential's own line and column.
    {
      code: python`
        def export(path: str) -> None:
            """Uploads the file.

            Was: vendor-cli upload --token Zk3Lq9Xv2Pm7Wt4Rb8Yc1Nd6 --file data.csv
            """
        PROFILES = """
        prod:
          user: loader
          password: Qm7vPx2LkR9tWz
        """
      `,
      errors: [hardcoded(4, 36, 'token'), hardcoded(9, 13, 'password')],
    },
    // A machine-made password in a docstring is a leak, on its own line.
    {
      code: python`
        def connect():
            """Connects to the warehouse.

            Used to be: psql "host=pg.internal user=loader password=Qm7vPx2LkR9tWz"
            """
      `,
      errors: [hardcoded(4, 61, 'password')],
    },
    // allow patterns that match neither the credential nor the literal leave it reported.
    {
      code: python`
        PASSWORD = "Qm7vPx2LkR9tWz"
      `,
      options: [{ allow: ['^AKIA'] }],
      errors: [hardcoded(1, 12, 'password')],
    },
  ],
});

const tsTester = new RuleTester({
  plugins: { '@flyte-secrets': plugin },
  languageOptions: { parser: typescriptParser, parserOptions: { ecmaFeatures: { jsx: true } } },
} as never);

tsTester.run('no-hardcoded-credentials (JS/TS)', rule as never, {
  valid: [
    { code: 'const token = process.env.GITHUB_TOKEN ?? "";', filename: 'a.ts' },
    { code: 'const apiKey: string = "<your-api-key>";', filename: 'a.ts' },
    { code: 'const url = `postgres://${user}:${password}@db/app`;', filename: 'a.ts' },
    { code: 'import { token } from "./token-store";\nconst padToken = "[PAD]";', filename: 'a.ts' },
    { code: 'type Header = "Authorization" | "X-Api-Key";\nconst tokenHeaderName = "X-Flyte-Token";', filename: 'a.ts' },
    { code: 'const input = <input type="password" name="password" placeholder="Password" />;', filename: 'a.tsx' },
    // Documented examples and test doubles in tests.
    { code: 'const s3 = new S3Client({ credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" } });', filename: 'a.ts' },
    { code: 'it("sends the token", () => {\n  expect(headers("t")).toEqual({ Authorization: "Bearer dapi_resolved_123" });\n});', filename: 'a.ts' },
    { code: 'const client = new Client({ apiKey: "abc123def456ghi789" });', filename: 'src/__tests__/client.ts' },
  ],
  invalid: [
    {
      code: 'const octokit = new Octokit({ auth: "ghp_FAKE0000aBcDeFgHiJkLmNoPqRsTuVwXyZ01" });',
      filename: 'a.ts',
      errors: [hardcoded(1, 37, 'GitHub token', 'ghp_****')],
    },
    {
      code: 'const token = process.env.API_TOKEN ?? "Zk3Lq9Xv2Pm7Wt4Rb8Yc1Nd6";',
      filename: 'a.mjs',
      errors: [hardcoded(1, 40, 'token')],
    },
    {
      code: 'function connect(user: string, password = "Pr0xy!Def4ult") {}\nif (req.body.password === "Fl!te-C0ns0le") {}',
      filename: 'a.ts',
      errors: [hardcoded(1, 43, 'password'), hardcoded(2, 27, 'password')],
    },
    {
      code: 'fetch(url, { headers: { Authorization: "Bearer Zk3Lq9Xv2Pm7Wt4Rb8Yc1Nd6", "X-API-Key": "Zk3Lq9Xv2Pm7Wt4Rb8Yc1Nd6" } });',
      filename: 'a.cjs',
      errors: [hardcoded(1, 40, 'Authorization header credential'), hardcoded(1, 88, 'API key')],
    },
    {
      code: 'const el = <Widget apiKey="Zk3Lq9Xv2Pm7Wt4Rb8Yc1Nd6" />;\n// stripe: sk_live_FAKE0000aBcDeFgHiJkLmNoPq',
      filename: 'a.tsx',
      errors: [hardcoded(1, 27, 'API key'), hardcoded(2, 12, 'Stripe live key', 'sk_l****')],
    },
    {
      code: 'class A { #apiKey = "Zk3Lq9Xv2Pm7Wt4Rb8Yc1Nd6"; }\nheaders.set("X-API-Key", "Zk3Lq9Xv2Pm7Wt4Rb8Yc1Nd6");\nres.setHeader("Content-Type", "application/json");',
      filename: 'a.ts',
      errors: [hardcoded(1, 21, 'API key'), hardcoded(2, 26, 'API key')],
    },
    {
      code: 'const env = [{ name: "DB_PASSWORD", value: "Qm7vPx2LkR9tWz" }, { name: "LOG_LEVEL", value: "INFO" }];',
      filename: 'a.ts',
      errors: [hardcoded(1, 44, 'password')],
    },
    // A random token in a test is reported; in a multi-line template literal, on its own line and column.
    {
      code: 'it("sends the token", () => {\n  expect(headers("t")).toEqual({ Authorization: "Bearer Zk3Lq9Xv2Pm7Wt4Rb8Yc1Nd6" });\n});',
      filename: 'a.test.ts',
      errors: [hardcoded(2, 49, 'Authorization header credential')],
    },
    {
      code: 'const cmd = `\n  curl -H "Authorization: Bearer Zk3Lq9Xv2Pm7Wt4Rb8Yc1Nd6" https://api.acme.io\n`;',
      filename: 'a.ts',
      errors: [hardcoded(2, 34, 'Authorization header credential')],
    },
    {
      code: 'process.env["DB_PASSWORD"] = "db:" + "Qm7vPx2LkR9tWz";',
      filename: 'a.js',
      errors: [hardcoded(1, 30, 'password')],
    },
  ],
});

describe('no-hardcoded-credentials errors', () => {
  it('names an invalid allow pattern by position, never by its text', () => {
    const config = { files: ['**/*.py'], ...PYTHON, rules: { '@flyte-secrets/no-hardcoded-credentials': ['error', { allow: ['^ok$', '(AKIAIOSFODNN7EXAMPLE'] }] } };
    let message = '';
    try {
      new Linter({ configType: 'flat' }).verify('KEY = "AKIAIOSFODNN7EXAMPLE"\n', [config] as never, { filename: 'a.py' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('allow[1] is not a valid regular expression');
    expect(message).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });
});
