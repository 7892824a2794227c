import { python, ruleTester, plugin } from '../rule-tester.js';

const rule = plugin.rules['no-direct-secret-access'];

ruleTester().run('no-direct-secret-access', rule as never, {
  valid: [
    // Through the API, in its spellings.
    python`
      import flytekit as fk
      from flytekit import Secret, task

      @task(secret_requests=[Secret(group="db", key="password")])
      def t():
          ctx = fk.current_context()
          ctx.secrets.get("db", "password")
          ctx.secrets.db.password
          path = ctx.secrets.get_secrets_file("db", "password")
          with open(path) as f:
              f.read()
    `,
    // The variable a request names itself (flytekit 1.15+ env_var=, Flyte 2 as_env_var and its default).
    python`
      import os
      from os import getenv
      import flyte
      from flytekit import Secret, task

      @task(secret_requests=[Secret(group="db", key="password", env_var="DB_PASSWORD", mount_requirement=Secret.MountType.ENV_VAR)])
      def t():
          os.environ["DB_PASSWORD"]

      env = flyte.TaskEnvironment(name="llm", secrets=["openai-api-key", flyte.Secret(key="hf_token", group="hf", as_env_var="HF_TOKEN")])

      @env.task
      async def u():
          getenv("OPENAI_API_KEY")
          os.environ.get("HF_TOKEN")
    `,
    // Flyte 2 has no secrets API: the file of a `mount=` secret is read directly (unionai-examples'
    // user guide; flyte-sdk's secret_file_group.py reads <group>/<key>). In a Flyte 2 module, a file
    // that no request mounts is not this rule's to report either: there is no API to suggest.
    python`
      import pathlib
      import flyte

      env = flyte.TaskEnvironment(name="e", secrets=[flyte.Secret(key="my_secret", mount="/etc/flyte/secrets"), flyte.Secret(group="aws", key="V2_KEY", mount=pathlib.Path("/etc/flyte/secrets"))])

      @env.task
      def t():
          with open("/etc/flyte/secrets/my_secret", "r") as f:
              f.read()
          pathlib.Path("/etc/flyte/secrets/aws/v2_key").read_text()
          open("/etc/flyte/secrets/other").read()
    `,
    // Writes (a local test set-up), flytekit's configuration variables, ordinary variables and files.
    python`
      import os
      from flytekit.testing import SecretsManager

      def test_secret_task():
          os.environ["_FSEC_DB_PASSWORD"] = "not-a-real-password"
          del os.environ["_FSEC_DB_PASSWORD"]
          prefix = os.environ["FLYTE_SECRETS_ENV_PREFIX"]
          folder = os.getenv("FLYTE_SECRETS_DEFAULT_DIR")
          home = os.environ.get("HOME")
          with open("/etc/hosts") as f:
              f.read()
          with open("/etc/flyte/secrets/db/password", "w") as f:
              f.write("not-a-real-password")
    `,
    // Names that do not resolve, and the flytekit default folder (not the configured one).
    python`
      import os
      from flytekit import Secret, task

      @task(secret_requests=[Secret(group="db", key="password")])
      def t(group: str):
          os.environ[os.environ["FLYTE_SECRETS_ENV_PREFIX"] + "DB_PASSWORD"]
          os.environ[f"_FSEC_{group.upper()}_PASSWORD"]
          open("/etc/secrets/db/password").read()
    `,
    // Not os: another module's environ and getenv.
    python`
      from myconfig import environ, getenv

      SECRET_PREFIX = "_FSEC_"
      environ["_FSEC_DB_PASSWORD"]
      getenv("_FSEC_DB_PASSWORD")
    `,
  ],
  invalid: [
    {
      // os.environ[...], .get and os.getenv of _FSEC_ names, resolved through constants and locals.
      code: python`
        import os
        import flytekit
        from flytekit import Secret, task

        GROUP = "db"
        PREFIX = "_FSEC_"

        @task(secret_requests=[Secret(group=GROUP, key="password", mount_requirement=Secret.MountType.ENV_VAR)])
        def t():
            a = os.environ["_FSEC_DB_PASSWORD"]
            b = os.environ.get(PREFIX + "DB_PASSWORD")
            c = os.getenv(key="_FSEC_DB_" + "PASSWORD")
      `,
      errors: [
        {
          messageId: 'envVar',
          line: 10,
          column: 9,
          data: { name: '_FSEC_DB_PASSWORD', replacement: 'flytekit.current_context().secrets.get(GROUP, "password")' },
          suggestions: [
            {
              messageId: 'useApi',
              output: python`
                import os
                import flytekit
                from flytekit import Secret, task

                GROUP = "db"
                PREFIX = "_FSEC_"

                @task(secret_requests=[Secret(group=GROUP, key="password", mount_requirement=Secret.MountType.ENV_VAR)])
                def t():
                    a = flytekit.current_context().secrets.get(GROUP, "password")
                    b = os.environ.get(PREFIX + "DB_PASSWORD")
                    c = os.getenv(key="_FSEC_DB_" + "PASSWORD")
              `,
            },
          ],
        },
        {
          messageId: 'envVar',
          line: 11,
          column: 9,
          suggestions: [
            {
              messageId: 'useApi',
              output: python`
                import os
                import flytekit
                from flytekit import Secret, task

                GROUP = "db"
                PREFIX = "_FSEC_"

                @task(secret_requests=[Secret(group=GROUP, key="password", mount_requirement=Secret.MountType.ENV_VAR)])
                def t():
                    a = os.environ["_FSEC_DB_PASSWORD"]
                    b = flytekit.current_context().secrets.get(GROUP, "password")
                    c = os.getenv(key="_FSEC_DB_" + "PASSWORD")
              `,
            },
          ],
        },
        {
          messageId: 'envVar',
          line: 12,
          column: 9,
          suggestions: [
            {
              messageId: 'useApi',
              output: python`
                import os
                import flytekit
                from flytekit import Secret, task

                GROUP = "db"
                PREFIX = "_FSEC_"

                @task(secret_requests=[Secret(group=GROUP, key="password", mount_requirement=Secret.MountType.ENV_VAR)])
                def t():
                    a = os.environ["_FSEC_DB_PASSWORD"]
                    b = os.environ.get(PREFIX + "DB_PASSWORD")
                    c = flytekit.current_context().secrets.get(GROUP, "password")
              `,
            },
          ],
        },
      ],
    },
    {
      // The guide's FLYTE_SECRETS_ naming ('-' turned to '_'), from os imports, a key-only request;
      // current_context is added to the flytekit import.
      code: python`
        from os import environ, getenv
        from flytekit import Secret, task

        @task(secret_requests=[Secret(group="my-db-credentials", key="password", mount_requirement=Secret.MountType.ENV_VAR), Secret(key="api_token", mount_requirement=Secret.MountType.ENV_VAR)])
        def t():
            password = getenv("FLYTE_SECRETS_MY_DB_CREDENTIALS_PASSWORD")
            token = environ["_FSEC_API_TOKEN"]
      `,
      errors: [
        {
          messageId: 'docsPrefix',
          line: 6,
          column: 16,
          data: { name: 'FLYTE_SECRETS_MY_DB_CREDENTIALS_PASSWORD', injected: '_FSEC_MY-DB-CREDENTIALS_PASSWORD', replacement: 'current_context().secrets.get("my-db-credentials", "password")' },
          suggestions: [
            {
              messageId: 'useApi',
              output: python`
                from os import environ, getenv
                from flytekit import Secret, task, current_context

                @task(secret_requests=[Secret(group="my-db-credentials", key="password", mount_requirement=Secret.MountType.ENV_VAR), Secret(key="api_token", mount_requirement=Secret.MountType.ENV_VAR)])
                def t():
                    password = current_context().secrets.get("my-db-credentials", "password")
                    token = environ["_FSEC_API_TOKEN"]
              `,
            },
          ],
        },
        {
          messageId: 'envVar',
          line: 7,
          column: 13,
          data: { name: '_FSEC_API_TOKEN', replacement: 'current_context().secrets.get(key="api_token")' },
          suggestions: [
            {
              messageId: 'useApi',
              output: python`
                from os import environ, getenv
                from flytekit import Secret, task, current_context

                @task(secret_requests=[Secret(group="my-db-credentials", key="password", mount_requirement=Secret.MountType.ENV_VAR), Secret(key="api_token", mount_requirement=Secret.MountType.ENV_VAR)])
                def t():
                    password = getenv("FLYTE_SECRETS_MY_DB_CREDENTIALS_PASSWORD")
                    token = current_context().secrets.get(key="api_token")
              `,
            },
          ],
        },
      ],
    },
    {
      // Files: open(...).read(), binary reads, Path(...).read_text() with / and os.path.join; a
      // with-block handle has no one-expression replacement.
      code: python`
        import os
        from pathlib import Path
        from flytekit import Secret, task, current_context

        SECRETS_DIR = "/etc/flyte/secrets"

        @task(secret_requests=[Secret(group="db", key="password"), Secret(group="tls", key="key")])
        def t():
            a = open("/etc/flyte/secrets/db/password").read()
            b = open(os.path.join(SECRETS_DIR, "tls", "key"), "rb").read()
            c = (Path(SECRETS_DIR) / "db" / "password").read_text()
            with open(f"{SECRETS_DIR}/db/password") as f:
                d = f.read()
      `,
      errors: [
        {
          messageId: 'file',
          line: 9,
          column: 9,
          data: { name: '/etc/flyte/secrets/db/password', replacement: 'current_context().secrets.get("db", "password")' },
          suggestions: [
            {
              messageId: 'useApi',
              output: python`
                import os
                from pathlib import Path
                from flytekit import Secret, task, current_context

                SECRETS_DIR = "/etc/flyte/secrets"

                @task(secret_requests=[Secret(group="db", key="password"), Secret(group="tls", key="key")])
                def t():
                    a = current_context().secrets.get("db", "password")
                    b = open(os.path.join(SECRETS_DIR, "tls", "key"), "rb").read()
                    c = (Path(SECRETS_DIR) / "db" / "password").read_text()
                    with open(f"{SECRETS_DIR}/db/password") as f:
                        d = f.read()
              `,
            },
          ],
        },
        {
          messageId: 'file',
          line: 10,
          column: 9,
          data: { name: '/etc/flyte/secrets/tls/key', replacement: 'current_context().secrets.get("tls", "key", encode_mode="rb")' },
          suggestions: [
            {
              messageId: 'useApi',
              output: python`
                import os
                from pathlib import Path
                from flytekit import Secret, task, current_context

                SECRETS_DIR = "/etc/flyte/secrets"

                @task(secret_requests=[Secret(group="db", key="password"), Secret(group="tls", key="key")])
                def t():
                    a = open("/etc/flyte/secrets/db/password").read()
                    b = current_context().secrets.get("tls", "key", encode_mode="rb")
                    c = (Path(SECRETS_DIR) / "db" / "password").read_text()
                    with open(f"{SECRETS_DIR}/db/password") as f:
                        d = f.read()
              `,
            },
          ],
        },
        {
          messageId: 'file',
          line: 11,
          column: 9,
          suggestions: [
            {
              messageId: 'useApi',
              output: python`
                import os
                from pathlib import Path
                from flytekit import Secret, task, current_context

                SECRETS_DIR = "/etc/flyte/secrets"

                @task(secret_requests=[Secret(group="db", key="password"), Secret(group="tls", key="key")])
                def t():
                    a = open("/etc/flyte/secrets/db/password").read()
                    b = open(os.path.join(SECRETS_DIR, "tls", "key"), "rb").read()
                    c = current_context().secrets.get("db", "password")
                    with open(f"{SECRETS_DIR}/db/password") as f:
                        d = f.read()
              `,
            },
          ],
        },
        { messageId: 'file', line: 12, column: 10, suggestions: [] },
      ],
    },
    {
      // Outside any task, with no request to match: a two-part path still has a certain replacement;
      // a variable name does not, so no suggestion.
      code: python`
        import os
        import flytekit

        def read_secrets():
            cert = open("/etc/flyte/secrets/tls/cert").read()
            return os.environ["_FSEC_WAREHOUSE_TOKEN"]
      `,
      errors: [
        {
          messageId: 'file',
          line: 5,
          column: 12,
          suggestions: [
            {
              messageId: 'useApi',
              output: python`
                import os
                import flytekit

                def read_secrets():
                    cert = flytekit.current_context().secrets.get("tls", "cert")
                    return os.environ["_FSEC_WAREHOUSE_TOKEN"]
              `,
            },
          ],
        },
        { messageId: 'envVar', line: 6, column: 12, data: { name: '_FSEC_WAREHOUSE_TOKEN', replacement: 'flytekit.current_context().secrets.get(group, key)' }, suggestions: [] },
      ],
    },
    {
      // Imports inside the task function, as tasks often do to keep module imports light.
      code: python`
        from flytekit import Secret, task

        @task(secret_requests=[Secret(group="db", key="password", mount_requirement=Secret.MountType.ENV_VAR)])
        def t():
            import os
            import flytekit
            return os.environ["_FSEC_DB_PASSWORD"]
      `,
      errors: [
        {
          messageId: 'envVar',
          line: 7,
          column: 12,
          suggestions: [
            {
              messageId: 'useApi',
              output: python`
                from flytekit import Secret, task, current_context

                @task(secret_requests=[Secret(group="db", key="password", mount_requirement=Secret.MountType.ENV_VAR)])
                def t():
                    import os
                    import flytekit
                    return current_context().secrets.get("db", "password")
              `,
            },
          ],
        },
      ],
    },
    {
      // A request with group_version: the replacement would need it too, which most managers ignore.
      code: python`
        import os
        from flytekit import Secret, task

        @task(secret_requests=[Secret(group="db", key="password", group_version="v1", mount_requirement=Secret.MountType.ENV_VAR)])
        def t():
            os.environ["_FSEC_DB_PASSWORD"]
      `,
      errors: [{ messageId: 'envVar', line: 6, column: 5, suggestions: [] }],
    },
    {
      // A configured prefix and folder; the module does not mention "secret" and is analysed all the same.
      code: python`
        import os

        def connect():
            password = os.environ["ACME_DB_PASSWORD"]
            key = open("/run/creds/tls/key").read()
      `,
      settings: { '@flyte-secrets': { 'env-prefix': 'ACME_', 'secrets-dir': '/run/creds' } },
      errors: [
        { messageId: 'envVar', line: 4, column: 16 },
        { messageId: 'file', line: 5, column: 11 },
      ],
    },
  ],
});
