import { python, ruleTester, plugin } from '../rule-tester.js';

const rule = plugin.rules['valid-secrets-api'];

/** The context passed through 3000 aliases: followed without overflowing the stack. */
const aliasChain = (call: string) =>
  [
    'from flytekit import current_context',
    '',
    'def read():',
    '    c0 = current_context()',
    ...Array.from({ length: 2999 }, (_, i) => `    c${i + 1} = c${i}`),
    `    return c2999.${call}("db", "password")`,
    '',
  ].join('\n');

ruleTester().run('valid-secrets-api', rule as never, {
  valid: [
    // Every real accessor, in every spelling of the context and the secrets manager.
    python`
      import flytekit
      import flytekit as fk
      from flytekit import Secret, task, current_context

      @task(secret_requests=[Secret(group="db", key="password"), Secret(key="token")])
      def t():
          ctx = fk.current_context()
          sm = ctx.secrets
          a = ctx.secrets.get("db", "password")
          b = sm.get(key="password", group="db", encode_mode="rb")
          c = current_context().secrets.get("token")
          d = flytekit.current_context().secrets.get("db", "password", None)
          e = sm.get_secrets_env_var("db", "password")
          f = sm.get_secrets_file(group="db", key="password")
          return ctx.secrets.db.password
    `,
    // Union's re-export, @dynamic and @eager, a helper.
    python`
      import union

      def token():
          return union.current_context().secrets.get("api", "token")

      @union.dynamic(secret_requests=[union.Secret(group="api", key="token")])
      def d():
          token()
    `,
    // get_secret of other libraries (AWS, Vault clients) and an unrelated current_context.
    python`
      import boto3
      from mylib import current_context

      def f(vault):
          boto3.client("secretsmanager").get_secret_value(SecretId="db")
          vault.get_secret("db", "password")
          current_context().get_secret("db", "password")
          current_context().secrets.get("db", "password", env_var="X")
    `,
    // Flyte 2 reads secrets from the environment.
    python`
      import os
      import flyte

      env = flyte.TaskEnvironment(name="llm", secrets=[flyte.Secret(key="openai_api_key", as_env_var="OPENAI_API_KEY")])

      @env.task
      async def t() -> None:
          os.environ["OPENAI_API_KEY"]
    `,
    // The right way to read a Secret(env_var=...).
    python`
      import os
      from flytekit import Secret, task

      @task(secret_requests=[Secret(group="db", key="password", env_var="DB_PASSWORD", mount_requirement=Secret.MountType.ENV_VAR)])
      def t():
          return os.environ["DB_PASSWORD"]
    `,
  ],
  invalid: [
    {
      // The seed guide's task, through module constants: fixed keeping the receiver's spelling.
      code: python`
        import flytekit
        from flytekit import Secret, task, workflow

        SECRET_GROUP = "my-db-credentials"
        SECRET_KEY = "password"

        @task(secret_requests=[Secret(group=SECRET_GROUP, key=SECRET_KEY, mount_requirement=Secret.MountType.ENV_VAR)])
        def query_database() -> str:
            ctx = flytekit.current_context()
            db_password = ctx.get_secret(SECRET_GROUP, SECRET_KEY)
            return "result"
      `,
      output: python`
        import flytekit
        from flytekit import Secret, task, workflow

        SECRET_GROUP = "my-db-credentials"
        SECRET_KEY = "password"

        @task(secret_requests=[Secret(group=SECRET_GROUP, key=SECRET_KEY, mount_requirement=Secret.MountType.ENV_VAR)])
        def query_database() -> str:
            ctx = flytekit.current_context()
            db_password = ctx.secrets.get(SECRET_GROUP, SECRET_KEY)
            return "result"
      `,
      errors: [{ messageId: 'contextGetSecret', line: 10, column: 19, data: { call: 'ctx.get_secret(...)', replacement: 'ctx.secrets.get(...)' } }],
    },
    {
      // The guide's "How it works" spelling, the module alias, Union, an aliased current_context,
      // keyword arguments, a helper, @dynamic and @eager.
      code: python`
        import flytekit
        import flytekit as fk
        import union
        from flytekit import Secret, dynamic, eager
        from flytekit import current_context as cc

        def helper():
            return cc().get_secret(group="api", key="token")

        @dynamic(secret_requests=[Secret(group="db", key="password")])
        def d():
            flytekit.current_context().get_secret("db", "password")
            fk.current_context().get_secret("db", "password")

        @eager(secret_requests=[Secret(group="db", key="password")])
        async def e():
            union.current_context().get_secret("db", "password")
      `,
      output: python`
        import flytekit
        import flytekit as fk
        import union
        from flytekit import Secret, dynamic, eager
        from flytekit import current_context as cc

        def helper():
            return cc().secrets.get(group="api", key="token")

        @dynamic(secret_requests=[Secret(group="db", key="password")])
        def d():
            flytekit.current_context().secrets.get("db", "password")
            fk.current_context().secrets.get("db", "password")

        @eager(secret_requests=[Secret(group="db", key="password")])
        async def e():
            union.current_context().secrets.get("db", "password")
      `,
      errors: [
        { messageId: 'contextGetSecret', line: 8, column: 12, data: { call: 'cc().get_secret(...)', replacement: 'cc().secrets.get(...)' } },
        { messageId: 'contextGetSecret', line: 12, column: 5, data: { call: 'flytekit.current_context().get_secret(...)', replacement: 'flytekit.current_context().secrets.get(...)' } },
        { messageId: 'contextGetSecret', line: 13, column: 5 },
        { messageId: 'contextGetSecret', line: 17, column: 5 },
      ],
    },
    {
      // On the secrets manager, directly and through an alias; encode_mode= is valid for get and stays.
      code: python`
        from flytekit import Secret, task, current_context

        @task(secret_requests=[Secret(group="db", key="password")])
        def t():
            current_context().secrets.get_secret("db", "password")
            sm = current_context().secrets
            return sm.get_secret("db", "password", encode_mode="rb")
      `,
      output: python`
        from flytekit import Secret, task, current_context

        @task(secret_requests=[Secret(group="db", key="password")])
        def t():
            current_context().secrets.get("db", "password")
            sm = current_context().secrets
            return sm.get("db", "password", encode_mode="rb")
      `,
      errors: [
        { messageId: 'managerGetSecret', line: 5, column: 5, data: { call: 'current_context().secrets.get_secret(...)', replacement: 'current_context().secrets.get(...)' } },
        { messageId: 'managerGetSecret', line: 7, column: 12, data: { call: 'sm.get_secret(...)', replacement: 'sm.get(...)' } },
      ],
    },
    {
      // env_var= on get(): no autofix; suggestions to drop it or, for an ENV_VAR mount, read the variable.
      code: python`
        import os
        from flytekit import Secret, task, current_context

        DB = Secret(group="db", key="password", env_var="DB_PASSWORD", mount_requirement=Secret.MountType.ENV_VAR)

        @task(secret_requests=[DB])
        def t():
            return current_context().secrets.get("db", "password", env_var="DB_PASSWORD")
      `,
      output: null,
      errors: [
        {
          messageId: 'envVarKeyword',
          line: 8,
          column: 12,
          data: { method: 'get', envVar: 'DB_PASSWORD' },
          suggestions: [
            {
              messageId: 'removeEnvVar',
              output: python`
                import os
                from flytekit import Secret, task, current_context

                DB = Secret(group="db", key="password", env_var="DB_PASSWORD", mount_requirement=Secret.MountType.ENV_VAR)

                @task(secret_requests=[DB])
                def t():
                    return current_context().secrets.get("db", "password")
              `,
            },
            {
              messageId: 'useEnviron',
              data: { replacement: 'os.environ["DB_PASSWORD"]' },
              output: python`
                import os
                from flytekit import Secret, task, current_context

                DB = Secret(group="db", key="password", env_var="DB_PASSWORD", mount_requirement=Secret.MountType.ENV_VAR)

                @task(secret_requests=[DB])
                def t():
                    return os.environ["DB_PASSWORD"]
              `,
            },
          ],
        },
      ],
    },
    {
      // Under a FILE mount the variable holds a path: only dropping env_= is offered. Keyword first.
      code: python`
        import flytekit
        from flytekit import Secret, task

        @task(secret_requests=[Secret(group="db", key="cert", env_var="DB_CERT", mount_requirement=Secret.MountType.FILE)])
        def t():
            flytekit.current_context().secrets.get(env_var="DB_CERT", group="db", key="cert")
      `,
      output: null,
      errors: [
        {
          messageId: 'envVarKeyword',
          line: 6,
          column: 5,
          suggestions: [
            {
              messageId: 'removeEnvVar',
              output: python`
                import flytekit
                from flytekit import Secret, task

                @task(secret_requests=[Secret(group="db", key="cert", env_var="DB_CERT", mount_requirement=Secret.MountType.FILE)])
                def t():
                    flytekit.current_context().secrets.get(group="db", key="cert")
              `,
            },
          ],
        },
      ],
    },
    {
      // get_secret with env_var=: both reported, no fix (the renamed call would still raise).
      code: python`
        from flytekit import current_context

        def read():
            return current_context().get_secret("db", "password", env_var="DB_PASSWORD")
      `,
      output: null,
      errors: [
        { messageId: 'contextGetSecret', line: 4, column: 12 },
        {
          messageId: 'envVarKeyword',
          line: 4,
          column: 12,
          suggestions: [
            {
              messageId: 'removeEnvVar',
              output: python`
                from flytekit import current_context

                def read():
                    return current_context().get_secret("db", "password")
              `,
            },
          ],
        },
      ],
    },
    { code: aliasChain('get_secret'), output: aliasChain('secrets.get'), errors: [{ messageId: 'contextGetSecret', line: 3004, column: 12 }] },
    {
      // Other keywords the accessors do not take.
      code: python`
        from flytekit import current_context

        def read():
            s = current_context().secrets
            s.get("db", "password", default=None)
            s.get_secrets_file("db", "password", encode_mode="rb")
      `,
      output: null,
      errors: [
        { messageId: 'unknownKeyword', line: 5, column: 5, data: { method: 'get', keyword: 'default', params: 'group, key, group_version, encode_mode' } },
        { messageId: 'unknownKeyword', line: 6, column: 5, data: { method: 'get_secrets_file', keyword: 'encode_mode', params: 'group, key, group_version' } },
      ],
    },
  ],
});
