// no-mismatched-secret on environment-variable reads that nearly name a variable the task's
// secrets inject (Flyte 2 as_env_var or its default name; flytekit env_var=).
import { python, ruleTester, plugin } from '../rule-tester.js';

ruleTester().run('no-mismatched-secret (injected variables)', plugin.rules['no-mismatched-secret'] as never, {
  valid: [
    // Exact names: as_env_var, the default UPPER(group_key) with '-' as '_', a bare string.
    python`
      import os
      import flyte

      env = flyte.TaskEnvironment(
          name="e",
          secrets=[flyte.Secret(key="openai_api_key", as_env_var="OPENAI_API_KEY"), flyte.Secret(key="db-pass", group="pg"), "hf-token"],
      )

      @env.task
      async def t() -> str:
          return os.environ["OPENAI_API_KEY"] + os.getenv("PG_DB_PASS") + os.environ.get("HF_TOKEN")
    `,
    // Names set by the module itself (env_vars=, with_env_vars, os.environ[...] = ...) and unrelated names.
    python`
      import os
      import flyte

      env = flyte.TaskEnvironment(name="e", secrets=[flyte.Secret(key="k", as_env_var="OPENAI_API_KEY")], env_vars={"OPENAI_API_BASE": "x", "OPENAI_KEY": "y"})

      @env.task
      async def t() -> str:
          os.environ["OPENAI_API_KEYS"] = "z"
          return os.environ["OPENAI_KEY"] + os.environ["OPENAI_API_KEYS"] + os.getenv("HOME")
    `,
    // A file mount has no variable; reading its would-be name is no-direct-secret-access's case.
    python`
      import os
      from pathlib import Path
      import flyte

      env = flyte.TaskEnvironment(name="e", secrets=[flyte.Secret(key="cert", mount=Path("/etc/flyte/secrets"))])

      @env.task
      async def t() -> str:
          return os.environ["CERTS"]
    `,
    // Reading the right name too: the near one is a deliberate fallback (unionai-examples' agents).
    python`
      import os
      import flyte

      env = flyte.TaskEnvironment(name="e", secrets=[flyte.Secret(key="youdotcom-api-key", as_env_var="YDC_API_KEY")])

      @env.task
      async def search(q: str) -> dict:
          return {"X-API-Key": os.environ.get("YDC_API_KEY") or os.environ["YOU_API_KEY"]}
    `,
    // Another task's variables are not this task's.
    python`
      import os
      import flyte

      a = flyte.TaskEnvironment(name="a", secrets=[flyte.Secret(key="k", as_env_var="SLACK_TOKEN")])
      b = flyte.TaskEnvironment(name="b")

      @b.task
      async def t() -> str:
          return os.environ["SLACK_TOKENS"]
    `,
  ],
  invalid: [
    {
      code: python`
        import os
        import flyte

        env = flyte.TaskEnvironment(name="e", secrets=[flyte.Secret(key="openai_api_key", as_env_var="OPENAI_API_KEY")])

        @env.task
        async def t() -> str:
            return os.environ["OPENAI_KEY"]
      `,
      errors: [
        {
          message:
            'Task `t` reads environment variable OPENAI_KEY, which its secrets do not set; it nearly matches OPENAI_API_KEY, the variable of the request openai_api_key. `os.environ[]` gets KeyError when the task runs.',
          line: 8,
          column: 12,
          suggestions: [
            {
              messageId: 'useVariable',
              output: python`
                import os
                import flyte

                env = flyte.TaskEnvironment(name="e", secrets=[flyte.Secret(key="openai_api_key", as_env_var="OPENAI_API_KEY")])

                @env.task
                async def t() -> str:
                    return os.environ["OPENAI_API_KEY"]
              `,
            },
          ],
        },
      ],
    },
    {
      // The default name of Secret(key="db-pass", group="pg") is PG_DB_PASS; a helper reads it in the wrong case.
      code: python`
        import os
        import flyte

        KEY = "pg_db_pass"
        env = flyte.TaskEnvironment(name="e", secrets=flyte.Secret(key="db-pass", group="pg"))

        def password() -> str:
            return os.getenv(KEY)

        @env.task
        async def t() -> str:
            return password()
      `,
      errors: [{ messageId: 'variable', line: 8, column: 12, suggestions: [] }],
    },
    {
      // flytekit's env_var= names the variable the same way.
      code: python`
        import os
        from flytekit import Secret, task

        @task(secret_requests=[Secret(group="openai", key="key", mount_requirement=Secret.MountType.ENV_VAR, env_var="OPENAI_API_KEY")])
        def t() -> str:
            return os.environ.get("OPENAI_APIKEY")
      `,
      errors: [
        {
          messageId: 'variable',
          line: 6,
          column: 12,
          suggestions: [
            {
              messageId: 'useVariable',
              output: python`
                import os
                from flytekit import Secret, task

                @task(secret_requests=[Secret(group="openai", key="key", mount_requirement=Secret.MountType.ENV_VAR, env_var="OPENAI_API_KEY")])
                def t() -> str:
                    return os.environ.get("OPENAI_API_KEY")
              `,
            },
          ],
        },
      ],
    },
  ],
});
