import { python, ruleTester, plugin } from '../rule-tester.js';

const rule = plugin.rules['valid-secret-names'];

const request = (secret: string) => python`
  from flytekit import Secret, task

  @task(secret_requests=[${secret}])
  def t(): ...
`;

ruleTester().run('valid-secret-names', rule as never, {
  valid: [
    request('Secret(group="user-info", key="user_secret")'),
    request('Secret(group="my.db-1", key="Password.TXT-2_x")'),
    request('Secret(group="db", key="password", env_var="DB_PASSWORD", mount_requirement=Secret.MountType.ENV_VAR)'),
    // Documentation placeholders (flytesnacks writes Secret(group="<SECRET_GROUP>", ...)) are not checked.
    request('Secret(group="<SECRET_GROUP>", key="<SECRET_KEY>")'),
    request('Secret(group="{{ group }}", key="${KEY}")'),
    // Unresolvable names are not checked.
    request('Secret(group=GROUP_FROM_SOMEWHERE, key=f"{KEY}")'),
    // Flyte 2: '-' becomes '_' in the derived variable.
    python`
      import flyte

      env = flyte.TaskEnvironment(name="e", secrets=[flyte.Secret(key="openai-api-key"), "hf_token"])
    `,
    // Union's store names its secrets itself: a module that imports Union's SDK is not held to Kubernetes names.
    python`
      import union

      @union.task(secret_requests=[union.Secret(group="My_Group", key="openai_api_key")])
      def t(): ...
    `,
    // Not Kubernetes names under other secret managers.
    {
      code: request('Secret(group="arn:aws:secretsmanager:us-east-1:000000000000:secret", key="db-password")'),
      settings: { '@flyte-secrets': { 'secret-manager': 'AWS' } },
    },
  ],
  invalid: [
    {
      code: request('Secret(group="Prod_DB", key="password")'),
      errors: [
        {
          line: 3,
          column: 24,
          message:
            'Secret group "Prod_DB" is not a valid Kubernetes Secret name (it has upper-case letters): no Kubernetes Secret can be called so, and the pod starts without this secret. Name the Secret and the group in lower case with \'-\' or \'.\' between words, e.g. "prod-db".',
        },
      ],
    },
    {
      code: request('Secret(group="db_creds", key="pass word")'),
      errors: [
        { messageId: 'invalidGroup', line: 3, column: 24 },
        { messageId: 'invalidKey', line: 3, column: 24 },
      ],
    },
    {
      code: request(`Secret(group="${'a'.repeat(254)}", key="k")`),
      errors: [{ messageId: 'invalidGroup', line: 3, column: 24, data: { group: 'a'.repeat(254), problem: '254 characters, more than 253', suggestion: `, e.g. "${'a'.repeat(253)}"` } }],
    },
    {
      code: request('Secret(group="db", key="password", env_var="db-password")'),
      errors: [{ messageId: 'invalidEnvVar', line: 3, column: 24 }],
    },
    {
      code: python`
        import flyte

        env = flyte.TaskEnvironment(name="e", secrets=[flyte.Secret(key="db.password"), flyte.Secret("k", as_env_var="1K")])
      `,
      errors: [
        { messageId: 'invalidDerivedEnvVar', line: 3, column: 48, data: { envVar: 'DB.PASSWORD' } },
        { messageId: 'invalidEnvVar', line: 3, column: 81 },
      ],
    },
    {
      code: request('Secret(group="api", key="TOKEN"), Secret(group="api", key="token")'),
      errors: [{ messageId: 'caseCollision', line: 3, column: 58, data: { task: 't', key: 'token', other: 'TOKEN', group: 'api' } }],
    },
  ],
});
