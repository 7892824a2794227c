// secret-exists-in-namespaces against the Flyte secret store listings of fixtures/flyte2-store
// (organization, domain development, project research, payments/production; see its pyproject).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester } from 'eslint';
import plugin from '../../src/index.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../fixtures/flyte2-store');
/** Targets: payments/development and payments/production. */
const payments = path.join(FIXTURES, 'payments/checked.py');
/** Targets: research/development and research/production. */
const research = path.join(FIXTURES, 'research_jobs/checked.py');

const ruleTester = new RuleTester({ plugins: { '@flyte-secrets': plugin as never }, language: '@flyte-secrets/python' });

/** A Flyte 2 environment whose `secrets=` value starts at line 3, column 43. */
const env = (secrets: string) => `import flyte\n\nenv = flyte.TaskEnvironment(name="e", secrets=${secrets})\n\n@env.task\nasync def t() -> None: ...\n`;
const settings = (overrides: Record<string, unknown>) => ({ '@flyte-secrets': overrides });
const STORE_REASON = ': no scope that applies there (project-domain, domain, project, organization) lists it, so the task fails to start ("secret not found across all scopes").';

ruleTester.run('secret-exists-in-namespaces (Flyte secret store)', plugin.rules['secret-exists-in-namespaces'] as never, {
  valid: [
    // organization scope: every project and domain
    { filename: payments, code: env('"openai-api-key"') },
    { filename: research, code: env('[flyte.Secret(key="hf-token", as_env_var="HF_TOKEN")]') },
    // development from the domain scope, production from the payments/production pair
    { filename: payments, code: env('flyte.Secret("payments-db-password", as_env_var="DB_PASSWORD")') },
    // a project scope (Union): research in every domain
    { filename: research, code: env('["hf-token", flyte.Secret(key="wandb-api-key")]') },
    // an image-pull secret (organization-scoped) named to pull a private image
    { filename: payments, code: env('"ghcr-pull"') },
    // group is not part of the store's name: the key alone is looked up
    { filename: payments, code: env('flyte.Secret(key="openai-api-key", group="openai")') },
    // clone_with without secrets keeps the base's, which exist
    { filename: payments, code: 'import flyte\n\nbase = flyte.TaskEnvironment(name="b", secrets="openai-api-key")\nother = base.clone_with(name="o")\n\n@other.task\nasync def t() -> None: ...\n' },
    // unresolvable keys stay silent
    { filename: payments, code: 'import os\nimport flyte\n\nenv = flyte.TaskEnvironment(name="e", secrets=flyte.Secret(key=os.environ["KEY"]))\n' },
    // a pair the listing does not serve is not a target: stripe only for payments/production
    { filename: payments, code: env('"stripe-api-key"'), settings: settings({ targets: [{ paths: ['payments'], projects: ['payments'], domains: ['production'] }] }) },
    // flytekit under Union: Secret(key=...) without a group, by key in the store
    { filename: payments, code: 'from flytekit import Secret, task\n\n@task(secret_requests=[Secret(key="openai-api-key")])\ndef t() -> None: ...\n', settings: settings({ 'secret-manager': 'Union' }) },
    // flytekit under K8s is checked against Kubernetes secrets, of which this inventory has none
    { filename: payments, code: 'from flytekit import Secret, task\n\n@task(secret_requests=[Secret(group="nowhere", key="x")])\ndef t() -> None: ...\n' },
  ],
  invalid: [
    {
      // a bare string, missing where only the pair has it
      filename: payments,
      code: env('"stripe-api-key"'),
      errors: [
        {
          messageId: 'missingFromStore',
          line: 3,
          column: 47,
          data: { key: 'stripe-api-key', missing: 'payments/development', details: ' Listed for payments/production (store/payments-production.txt:1).' },
        },
      ],
    },
    {
      // in a list, a Secret in no scope at all, with a near name
      filename: research,
      code: env('["hf-token", flyte.Secret(key="openai-api-kye", as_env_var="OPENAI_API_KEY")]'),
      errors: [
        {
          messageId: 'missingFromStore',
          line: 3,
          column: 60, data: { key: 'openai-api-kye', missing: 'research/development, research/production', details: ' Did you mean "openai-api-key"?' },
          suggestions: [{ messageId: 'useExisting', data: { what: 'key', name: 'openai-api-key' }, output: env('["hf-token", flyte.Secret(key="openai-api-key", as_env_var="OPENAI_API_KEY")]') }],
        },
      ],
    },
    {
      // a domain secret used in another domain: the domain scope does not reach production
      filename: research,
      code: env('"sandbox-key"'),
      errors: [{ messageId: 'missingFromStore', data: { key: 'sandbox-key', missing: 'research/production', details: ' Listed for domain development (store/development.txt:23).' } }],
    },
    {
      // a project secret (Union) is not another project's
      filename: payments,
      code: env('flyte.Secret(key="wandb-api-key")'),
      errors: [{ messageId: 'missingFromStore', data: { key: 'wandb-api-key', missing: 'payments/development, payments/production', details: ' Listed for project research (store/research.txt:4).' } }],
    },
    {
      // clone_with(secrets=...) replaces the base's secrets
      filename: payments,
      code: 'import flyte\n\nbase = flyte.TaskEnvironment(name="b", secrets="openai-api-key")\nother = base.clone_with(name="o", secrets=["audit-log-token"])\n',
      errors: [{ messageId: 'missingFromStore', line: 4, column: 44, data: { key: 'audit-log-token', missing: 'payments/development, payments/production', details: '' } }],
    },
    {
      // clone_with of an environment imported from another module: its secrets= replace the base's
      filename: payments,
      code: 'import flyte\nfrom payments.envs import env\n\nclone = env.clone_with(name="c", secrets="stripe-api-key")\n',
      errors: [{ messageId: 'missingFromStore', line: 4, column: 42, data: { key: 'stripe-api-key', missing: 'payments/development', details: ' Listed for payments/production (store/payments-production.txt:1).' } }],
    },
    {
      // an app's secrets come from the same store
      filename: payments,
      code: 'from flyte.app import AppEnvironment\n\napp = AppEnvironment(name="ui", secrets="audit-log-token")\n',
      errors: [{ messageId: 'missingFromStore', line: 3, column: 41, data: { key: 'audit-log-token', missing: 'payments/development, payments/production', details: '' } }],
    },
    {
      // an unresolvable group does not matter: the key alone is looked up
      filename: payments,
      code: 'import os\nimport flyte\n\nenv = flyte.TaskEnvironment(name="e", secrets=flyte.Secret(key="audit-log-token", group=os.environ["G"]))\n',
      errors: [{ messageId: 'missingFromStore', line: 4, data: { key: 'audit-log-token', missing: 'payments/development, payments/production', details: '' } }],
    },
    {
      // Flyte 2 requests are checked against the store whatever secret-manager says
      filename: payments,
      code: env('"audit-log-token"'),
      settings: settings({ 'secret-manager': 'Global' }),
      errors: [{ messageId: 'missingFromStore', data: { key: 'audit-log-token', missing: 'payments/development, payments/production', details: '' } }],
    },
    {
      // group= names a secret of the store: the store looks up by key
      filename: payments,
      code: env('flyte.Secret(key="api_key", group="openai-api-key")'),
      errors: [
        {
          messageId: 'missingFromStore',
          data: {
            key: 'api_key',
            missing: 'payments/development, payments/production',
            details: ' The store looks secrets up by key alone; "openai-api-key" is this request\'s group, and a secret of that name exists: request Secret(key="openai-api-key").',
          },
        },
      ],
    },
    {
      // listed for the organization, but a cluster lacks it
      filename: payments,
      code: env('flyte.Secret(key="slack-bot-token")'),
      errors: [{ messageId: 'notInEveryCluster', line: 3, column: 47, data: { key: 'slack-bot-token', clusters: 'it is MISSING in eu-west', source: 'store/org.json:12' } }],
    },
    {
      // flytekit on Union: a key-only Secret, checked by key
      filename: payments,
      code: 'from flytekit import Secret, task\n\n@task(secret_requests=[Secret(key="stripe-api-key")])\ndef t() -> None: ...\n',
      settings: settings({ 'secret-manager': 'Union' }),
      errors: [{ messageId: 'missingFromStore', line: 3, column: 24, data: { key: 'stripe-api-key', missing: 'payments/development', details: ' Listed for payments/production (store/payments-production.txt:1).' } }],
    },
    {
      // a near name is offered as a suggestion when the key is a literal written here
      filename: payments,
      code: env('"hf-tokn"'),
      errors: [
        {
          messageId: 'missingFromStore',
          suggestions: [{ messageId: 'useExisting', data: { what: 'key', name: 'hf-token' }, output: env('"hf-token"') }],
        },
      ],
    },
  ],
});
