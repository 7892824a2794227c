import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { python, ruleTester, plugin } from '../rule-tester.js';

const rule = plugin.rules['no-undeclared-secret'];
const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../fixtures/model');

ruleTester().run('no-undeclared-secret', rule as never, {
  valid: [
    // The canonical flytesnacks spelling, through module constants.
    python`
      import flytekit
      from flytekit import Secret, task

      SECRET_GROUP = "user-info"
      SECRET_NAME = "user_secret"

      @task(secret_requests=[Secret(group=SECRET_GROUP, key=SECRET_NAME)])
      def secret_task() -> str:
          context = flytekit.current_context()
          return context.secrets.get(SECRET_GROUP, SECRET_NAME)
    `,
    // Keyword arguments in any order, aliases of the context and of the secrets manager.
    python`
      import flytekit as fk
      from flytekit import Secret, task

      @task(secret_requests=[Secret(key="password", group="db")])
      def t():
          ctx = fk.current_context()
          sm = ctx.secrets
          a = sm.get(key="password", group="db")
          b = sm.get_secrets_file("db", "password")
          c = ctx.secrets.get_secrets_env_var(group="db", key="password")
          return ctx.secrets.db.password
    `,
    // Key-only requests (Union style) and single positional reads mean the same lookup.
    python`
      from flytekit import Secret, task, current_context

      @task(secret_requests=[Secret(key="openai_api_key")])
      def t():
          a = current_context().secrets.get("openai_api_key")
          return current_context().secrets.get(key="openai_api_key")
    `,
    // group_version on both sides.
    python`
      from flytekit import Secret, task, current_context

      @task(secret_requests=[Secret(group="gcp-sa", group_version="3")])
      def t():
          return current_context().secrets.get("gcp-sa", group_version="3")
    `,
    // Module-level Secret objects, lists, dicts spliced with *, and their fields.
    python`
      from flytekit import Secret, task, dynamic, eager, current_context

      DB = Secret(group="db", key="password")
      API = [Secret(group="api", key="token")]
      BY_NAME = {"user": Secret(group="db", key="user")}

      @dynamic(secret_requests=[DB, *API, *BY_NAME.values()])
      def t():
          ctx = current_context()
          ctx.secrets.get(DB.group, DB.key)
          ctx.secrets.get("api", "token")
          ctx.secrets.get("db", "user")

      @eager(secret_requests=API + [DB])
      async def e():
          current_context().secrets.get("db", "password")
    `,
    // A read in a helper is checked against each task that calls it, directly or transitively.
    python`
      from flytekit import Secret, task, current_context

      def password():
          return current_context().secrets.get("db", "password")

      def connect():
          return password()

      @task(secret_requests=[Secret(group="db", key="password")])
      def t():
          connect()
    `,
    // Unresolvable values never produce a finding: parameters, f-strings with unknowns, unknown requests.
    python`
      import os
      from flytekit import Secret, task, current_context

      REGION = os.environ["AWS_REGION"]

      @task(secret_requests=[Secret(group="db", key="password")])
      def t(group: str):
          current_context().secrets.get(group, "password")
          current_context().secrets.get(f"arn:aws:{REGION}", "password")

      @task(secret_requests=load_secrets())
      def u():
          current_context().secrets.get("anything", "at-all")
    `,
    // A helper no task calls is not checked (its caller may live in another module).
    python`
      from flytekit import current_context

      def helper():
          return current_context().secrets.get("db", "password")
    `,
    // Not flytekit: a dict's get and an unrelated current_context.
    python`
      from mylib import current_context

      def f(secrets):
          secrets.get("db", "password")
          current_context().secrets.get("db", "password")
    `,
    // Calling another task from a @dynamic does not make the callee's reads the caller's.
    python`
      from flytekit import Secret, task, dynamic, current_context

      @task(secret_requests=[Secret(group="db", key="password")])
      def inner():
          current_context().secrets.get("db", "password")

      @dynamic
      def outer():
          inner()
    `,
    // Constants imported from a sibling module of the same package.
    {
      code: python`
        from flytekit import Secret, task, current_context
        from .constants import DB_GROUP, DB_KEY

        @task(secret_requests=[Secret(group=DB_GROUP, key=DB_KEY)])
        def t():
            return current_context().secrets.get("db-credentials", "password")
      `,
      filename: path.join(fixtures, 'workflows', 'imports_constant.py'),
    },
  ],
  invalid: [
    {
      // The seed guide's task without secret_requests: the suggestion adds them and imports Secret.
      code: python`
        from flytekit import task, current_context

        @task
        def t():
            return current_context().secrets.get("db", "password")
      `,
      errors: [
        {
          messageId: 'undeclared',
          line: 5,
          column: 12,
          suggestions: [
            {
              messageId: 'addRequest',
              output: python`
                from flytekit import task, current_context, Secret

                @task(secret_requests=[Secret(group="db", key="password")])
                def t():
                    return current_context().secrets.get("db", "password")
              `,
            },
          ],
        },
      ],
    },
    {
      code: python`
        import flytekit
        from flytekit import Secret, task

        @task(secret_requests=[Secret(group="db", key="password")])
        def t():
            ctx = flytekit.current_context()
            ctx.secrets.get("db", "password")
            return ctx.secrets.get("api", "token")
      `,
      errors: [
        {
          messageId: 'undeclared',
          line: 8,
          column: 12,
          suggestions: [
            {
              messageId: 'addRequest',
              output: python`
                import flytekit
                from flytekit import Secret, task

                @task(secret_requests=[Secret(group="db", key="password"), Secret(group="api", key="token")])
                def t():
                    ctx = flytekit.current_context()
                    ctx.secrets.get("db", "password")
                    return ctx.secrets.get("api", "token")
              `,
            },
          ],
        },
      ],
    },
    {
      // Through a helper, reported once per calling task.
      code: python`
        from flytekit import Secret, task, current_context

        def token():
            return current_context().secrets.get("api", "token")

        @task(secret_requests=[])
        def a():
            token()

        @task(cache=True, secret_requests=[Secret(group="db", key="password")])
        def b():
            current_context().secrets.get("db", "password")
            token()
      `,
      errors: [
        {
          messageId: 'undeclared',
          line: 4,
          column: 12,
          data: { task: 'a', secret: 'api/token', where: ' in helper `token`' },
          suggestions: [
            {
              messageId: 'addRequest',
              output: python`
                from flytekit import Secret, task, current_context

                def token():
                    return current_context().secrets.get("api", "token")

                @task(secret_requests=[Secret(group="api", key="token")])
                def a():
                    token()

                @task(cache=True, secret_requests=[Secret(group="db", key="password")])
                def b():
                    current_context().secrets.get("db", "password")
                    token()
              `,
            },
          ],
        },
        {
          messageId: 'undeclared',
          line: 4,
          column: 12,
          data: { task: 'b', secret: 'api/token', where: ' in helper `token`' },
          suggestions: [
            {
              messageId: 'addRequest',
              output: python`
                from flytekit import Secret, task, current_context

                def token():
                    return current_context().secrets.get("api", "token")

                @task(secret_requests=[])
                def a():
                    token()

                @task(cache=True, secret_requests=[Secret(group="db", key="password"), Secret(group="api", key="token")])
                def b():
                    current_context().secrets.get("db", "password")
                    token()
              `,
            },
          ],
        },
      ],
    },
    {
      // Attribute style and the accessor names, each a read; `@task(...)` without secret_requests.
      code: python`
        import flytekit
        from flytekit import task

        @task(retries=2)
        def t():
            s = flytekit.current_context().secrets
            s.db.password
            s.get_secrets_env_var("a", "b")
      `,
      errors: [
        {
          messageId: 'undeclared',
          line: 7,
          column: 5,
          suggestions: [
            {
              messageId: 'addRequest',
              output: python`
                import flytekit
                from flytekit import task

                @task(retries=2, secret_requests=[flytekit.Secret(group="db", key="password")])
                def t():
                    s = flytekit.current_context().secrets
                    s.db.password
                    s.get_secrets_env_var("a", "b")
              `,
            },
          ],
        },
        {
          messageId: 'undeclared',
          line: 8,
          column: 5,
          suggestions: [
            {
              messageId: 'addRequest',
              output: python`
                import flytekit
                from flytekit import task

                @task(retries=2, secret_requests=[flytekit.Secret(group="a", key="b")])
                def t():
                    s = flytekit.current_context().secrets
                    s.db.password
                    s.get_secrets_env_var("a", "b")
              `,
            },
          ],
        },
      ],
    },
    {
      // Union's re-exports, a constant built with an f-string, and the seed guide's get_secret.
      code: python`
        import union

        ENV = "prod"
        GROUP = f"db-{ENV}"

        @union.task(secret_requests=[union.Secret(group="api", key="token")])
        def t():
            return union.current_context().get_secret(GROUP, "password")
      `,
      errors: [
        {
          messageId: 'undeclared',
          line: 8,
          column: 12,
          data: { task: 't', secret: 'db-prod/password', where: '' },
          suggestions: [
            {
              messageId: 'addRequest',
              output: python`
                import union

                ENV = "prod"
                GROUP = f"db-{ENV}"

                @union.task(secret_requests=[union.Secret(group="api", key="token"), union.Secret(group=GROUP, key="password")])
                def t():
                    return union.current_context().get_secret(GROUP, "password")
              `,
            },
          ],
        },
      ],
    },
  ],
});
