// secret-exists-in-namespaces, against the inventory of fixtures/inventory (project "payments").
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester } from 'eslint';
import plugin from '../../src/index.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../fixtures/inventory');
const filename = path.join(FIXTURES, 'workflows/checked.py');

const ruleTester = new RuleTester({ plugins: { '@flyte-secrets': plugin as never }, language: '@flyte-secrets/python' });

/** A task file whose first request starts at line 3, column 24. */
const task = (requests: string, prelude = '') => `from flytekit import Secret, task\n${prelude}\n@task(secret_requests=[${requests}])\ndef t() -> None:\n    ...\n`;
const settings = (overrides: Record<string, unknown>) => ({ '@flyte-secrets': overrides });
const AWS_GROUP = 'arn:aws:secretsmanager:us-east-1:000000000000:secret';
const ALL = 'payments-development, payments-staging, payments-production';

ruleTester.run('secret-exists-in-namespaces', plugin.rules['secret-exists-in-namespaces'] as never, {
  valid: [
    // present with its key in every namespace (one from a manifest, one from a kubectl dump, one from JSON)
    { filename, code: task('Secret(group="db-credentials", key="username")') },
    // a cluster-resource template exists in every project-domain namespace
    { filename, code: task('Secret(group="dockerhub", key=".dockerconfigjson")') },
    { filename, code: task('Secret(group="payments-warehouse", key="dsn")') },
    // a ClusterExternalSecret whose selector matches the Namespace a cluster-resource template creates
    { filename, code: task('Secret(group="github", key="token")') },
    // unknown keys (VaultStaticSecret) never make a key missing
    { filename, code: task('Secret(group="snowflake", key="anything")'), settings: settings({ domains: ['production'] }) },
    // no projects configured: nothing to check
    { filename, code: task('Secret(group="nowhere", key="x")'), settings: settings({ projects: [] }) },
    // unresolvable values stay silent
    { filename, code: task('Secret(group=GROUP, key="x")', 'import os\nGROUP = os.environ["GROUP"]') },
    { filename, code: 'from flytekit import Secret, task\n\ndef make(group):\n    @task(secret_requests=[Secret(group=group, key="x")])\n    def t() -> None: ...\n    return t\n' },
    // Flyte 2 keeps secrets centrally, not per namespace
    { filename, code: 'import flyte\n\nenv = flyte.TaskEnvironment(name="e", secrets=[flyte.Secret(key="nowhere")])\n\n@env.task\ndef t() -> None: ...\n' },
    // the Global secret manager reads the webhook's own environment
    { filename, code: task('Secret(group="nowhere", key="x")'), settings: settings({ 'secret-manager': 'Global' }) },
    // targets: this file belongs to project flytesnacks, development only, where user-info exists (kubectl dump)
    {
      filename,
      code: task('Secret(group="user-info", key="user_secret")'),
      settings: settings({ targets: [{ paths: ['workflows/checked.py'], projects: ['flytesnacks'], domains: ['development'] }] }),
    },
    // AWS, GCP and Vault inventories by name
    { filename, code: task(`Secret(group="${AWS_GROUP}", key="payments/db-password")`), settings: settings({ 'secret-manager': 'AWS' }) },
    { filename, code: task('Secret(group="warehouse-password", group_version="1")'), settings: settings({ 'secret-manager': 'GCP' }) },
    { filename, code: task('Secret(group="secret/data/my-db-credentials", key="password", group_version="kv2")'), settings: settings({ 'secret-manager': 'Vault' }) },
    // no inventory configured
    { filename, code: task('Secret(group="nowhere", key="x")'), settings: settings({ manifests: [], inventory: [] }) },
  ],
  invalid: [
    {
      filename,
      code: task('Secret(group="db-credentials", key="password")'),
      errors: [
        {
          messageId: 'missingKey',
          line: 3,
          column: 24,
          endLine: 3,
          endColumn: 70,
          data: {
            group: 'db-credentials',
            key: 'password',
            missing: 'payments-production',
            details: ' Present in payments-development (secret/multi-doc.yaml:5), payments-staging (dump/kubectl-secrets.json:33). Keys in payments-production (secret/secret.json:5): username.',
          },
        },
      ],
    },
    {
      filename,
      code: task('Secret(group="openai", key="api-key")'),
      errors: [
        {
          messageId: 'missingSecret',
          line: 3,
          column: 24,
          data: {
            group: 'openai',
            key: 'api-key',
            missing: 'payments-staging, payments-production',
            details: ' Present in payments-development (external-secrets/externalsecret-v1.yaml:12).',
          },
        },
      ],
    },
    {
      filename,
      code: task('Secret(group="stripe", key="api-key")'),
      errors: [
        {
          messageId: 'missingSecret',
          line: 3,
          column: 24,
          data: {
            group: 'stripe',
            key: 'api-key',
            missing: ALL,
            details:
              ' Found without a namespace in secret/multi-doc.yaml:29: whoever applies it picks the namespace; set metadata.namespace (or a kustomization namespace) to count it.',
          },
        },
      ],
    },
    {
      filename,
      code: task('Secret(group="cache", key="redis-password")'),
      errors: [
        {
          messageId: 'missingSecret',
          line: 3,
          column: 24,
          data: {
            group: 'cache',
            key: 'redis-password',
            missing: ALL,
            details: ' kustomize generates it as "cache-<hash>" (kustomize/base/kustomization.yaml:18), which never matches a Flyte group: set options.disableNameSuffixHash: true.',
          },
        },
      ],
    },
    {
      // an ExternalSecret without a namespace (and keys from dataFrom) counts for no namespace
      filename,
      code: task('Secret(group="slack-webhook", key="url")'),
      errors: [
        {
          messageId: 'missingSecret',
          line: 3,
          column: 24,
          data: {
            group: 'slack-webhook',
            key: 'url',
            missing: ALL,
            details:
              ' Found without a namespace in external-secrets/externalsecret-v1beta1-datafrom.yaml:5: whoever applies it picks the namespace; set metadata.namespace (or a kustomization namespace) to count it.',
          },
        },
      ],
    },
    {
      // a near-miss group gets a "did you mean" and a suggestion
      filename,
      code: task("Secret(group='twillio', key='auth-token')"),
      errors: [
        {
          messageId: 'missingSecret',
          line: 3,
          column: 24,
          data: { group: 'twillio', key: 'auth-token', missing: ALL, details: ' Did you mean "twilio"?' },
          suggestions: [{ messageId: 'useExisting', data: { what: 'group', name: 'twilio' }, output: task("Secret(group='twilio', key='auth-token')") }],
        },
      ],
    },
    {
      // a near-miss key
      filename,
      code: task('Secret(group="db-credentials", key="pasword")'),
      settings: settings({ domains: ['development'] }),
      errors: [
        {
          messageId: 'missingKey',
          line: 3,
          column: 24,
          suggestions: [{ messageId: 'useExisting', data: { what: 'key', name: 'password' }, output: task('Secret(group="db-credentials", key="password")') }],
        },
      ],
    },
    {
      // one finding per request: a module-level Secret shared by two tasks is reported once, at its Secret(...) call
      filename,
      code: 'from flytekit import Secret, task\n\nOPENAI = Secret(group="openai", key="api-key")\n\n@task(secret_requests=[OPENAI])\ndef a() -> None: ...\n\n@task(secret_requests=[OPENAI])\ndef b() -> None: ...\n',
      errors: [{ messageId: 'missingSecret', line: 3, column: 10 }],
    },
    {
      // an imported Secret is reported where this file requests it
      filename,
      code: 'from flytekit import task\nfrom .shared import OPENAI\n\n@task(secret_requests=[OPENAI])\ndef a() -> None: ...\n',
      errors: [{ messageId: 'missingSecret', line: 4, column: 24, endColumn: 30 }],
    },
    {
      // targets: the file runs in flytesnacks-development only
      filename,
      code: task('Secret(group="db-credentials", key="username")'),
      settings: settings({ targets: [{ paths: ['workflows/*.py'], projects: ['flytesnacks'], domains: ['development'] }] }),
      errors: [
        {
          messageId: 'missingSecret',
          line: 3,
          column: 24,
          data: {
            group: 'db-credentials',
            key: 'username',
            missing: 'flytesnacks-development',
            details: ' Present in payments-development (secret/multi-doc.yaml:5), payments-production (secret/secret.json:5), payments-staging (dump/kubectl-secrets.json:33).',
          },
        },
      ],
    },
    {
      // several requests, several findings, each on its own Secret(...)
      filename,
      code: task('Secret(group="openai", key="api-key"), Secret(group="sendgrid", key="api-key")'),
      errors: [
        { messageId: 'missingSecret', line: 3, column: 24 },
        { messageId: 'missingSecret', line: 3, column: 63 },
      ],
    },
    {
      // AWS as the seed guide describes it (a secret named after the group) is not what Flyte fetches
      filename,
      code: task('Secret(group="my-db-credentials", key="password")'),
      settings: settings({ 'secret-manager': 'AWS' }),
      errors: [
        {
          messageId: 'missingFromManager',
          line: 3,
          column: 24,
          data: {
            secret: '"my-db-credentials" / "password"',
            manager: 'AWS',
            sources: 'cloud/aws-list-secrets.json',
            details: ` Flyte's AWS secret manager fetches the secret "my-db-credentials:password" (group, ':', key), not the one named "my-db-credentials": request Secret(group="${AWS_GROUP}", key="my-db-credentials").`,
          },
        },
      ],
    },
    {
      filename,
      code: task('Secret(group="warehouse-pasword", group_version="1")'),
      settings: settings({ 'secret-manager': 'GCP' }),
      errors: [
        {
          messageId: 'missingFromManager',
          line: 3,
          column: 24,
          data: { secret: '"warehouse-pasword"', manager: 'GCP', sources: 'cloud/gcp-secrets-list.json', details: ' Did you mean "warehouse-password"?' },
          suggestions: [{ messageId: 'useExisting', data: { what: 'group', name: 'warehouse-password' }, output: task('Secret(group="warehouse-password", group_version="1")') }],
        },
      ],
    },
    {
      filename,
      code: task('Secret(group="secret/data/other", key="password")'),
      settings: settings({ 'secret-manager': 'Vault' }),
      errors: [{ messageId: 'missingFromManager', line: 3, column: 24 }],
    },
  ],
});
