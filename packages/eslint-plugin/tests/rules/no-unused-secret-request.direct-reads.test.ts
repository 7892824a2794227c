// no-unused-secret-request and direct reads: reading a request's variable or file directly is a use
// (no-direct-secret-access reports the read itself), also under the guide's FLYTE_SECRETS_ naming.
import { python, ruleTester, plugin } from '../rule-tester.js';

const rule = plugin.rules['no-unused-secret-request'];

ruleTester().run('no-unused-secret-request (direct reads)', rule as never, {
  valid: [
    python`
      import os
      from flytekit import Secret, task, current_context

      DB_GROUP = "my-db-credentials"

      @task(secret_requests=[Secret(group=DB_GROUP, key="password")])
      def a():
          current_context().secrets.get(DB_GROUP, "password")

      @task(secret_requests=[Secret(group=DB_GROUP, key="password", mount_requirement=Secret.MountType.ENV_VAR)])
      def b():
          os.environ["FLYTE_SECRETS_MY_DB_CREDENTIALS_PASSWORD"]

      @task(secret_requests=[Secret(group="tls", key="key")])
      def c():
          open(os.path.join("/etc/flyte/secrets", "tls", "key")).read()
    `,
  ],
  invalid: [
    {
      // A direct read of another secret does not use this one.
      code: python`
        import os
        from flytekit import Secret, task

        @task(secret_requests=[Secret(group="db", key="password")])
        def t():
            os.environ["_FSEC_DB_USER"]
      `,
      errors: [{ messageId: 'unused', line: 4, column: 24 }],
    },
  ],
});
