import { python, ruleTester, plugin } from '../rule-tester.js';

const rule = plugin.rules['no-unused-secret-request'];

ruleTester().run('no-unused-secret-request', rule as never, {
  valid: [
    python`
      from flytekit import Secret, task, current_context

      @task(secret_requests=[Secret(group="db", key="password")])
      def t():
          current_context().secrets.get("db", "password")
    `,
    // Read in a helper.
    python`
      from flytekit import Secret, task, current_context

      def pw():
          return current_context().secrets.get("db", "password")

      @task(secret_requests=[Secret(group="db", key="password")])
      def t():
          pw()
    `,
    // The context goes to code we cannot see.
    python`
      from flytekit import Secret, task, current_context
      from mylib import connect

      @task(secret_requests=[Secret(group="db", key="password")])
      def t():
          connect(current_context())
    `,
    // An unresolvable read may be the one that uses it.
    python`
      from flytekit import Secret, task, current_context

      @task(secret_requests=[Secret(group="db", key="password")])
      def t(key: str):
          current_context().secrets.get("db", key)
    `,
    // A plugin decorator consumes it; an unknown decorator may; env_var is read by libraries.
    python`
      from flytekit import Secret, task
      from flytekitplugins.wandb import wandb_init
      from mylib import with_db

      WANDB = Secret(group="wandb", key="api_key")

      @task(secret_requests=[WANDB])
      @wandb_init(project="p", entity="e", secret=WANDB)
      def a(): ...

      @task(secret_requests=[Secret(group="db", key="password")])
      @with_db
      def b(): ...

      @task(secret_requests=[Secret(group="openai", key="key", mount_requirement=Secret.MountType.ENV_VAR, env_var="OPENAI_API_KEY")])
      def c(): ...
    `,
    // Task instances run code we cannot see; Flyte 2 secrets become environment variables.
    python`
      import flyte
      from flytekit import ContainerTask, Secret

      shell = ContainerTask(name="s", image="alpine", command=["env"], secret_requests=[Secret(group="db", key="password")])
      env = flyte.TaskEnvironment(name="e", secrets=[flyte.Secret(key="openai_api_key")])

      @env.task
      async def t() -> str:
          return "x"
    `,
    // A direct read of the injected variable is a use (no-direct-secret-access objects to it).
    python`
      import os
      from flytekit import Secret, task

      @task(secret_requests=[Secret(group="db", key="password", mount_requirement=Secret.MountType.ENV_VAR)])
      def t():
          return os.environ["_FSEC_DB_PASSWORD"]
    `,
    // A near miss counts as a use: the typo is reported once, by no-mismatched-secret.
    python`
      from flytekit import Secret, task, current_context

      @task(secret_requests=[Secret(group="db", key="password")])
      def t():
          current_context().secrets.get("db", "pasword")
    `,
  ],
  invalid: [
    {
      code: python`
        from flytekit import Secret, task, current_context

        @task(
            secret_requests=[
                Secret(group="db", key="password"),
                Secret(group="api", key="token"),
            ]
        )
        def t():
            current_context().secrets.get("db", "password")
      `,
      errors: [{ messageId: 'unused', line: 6, column: 9, data: { task: 't', secret: 'api/token' } }],
    },
    {
      // A shared list is reported once for each task that does not use an entry.
      code: python`
        from flytekit import Secret, task, current_context

        SECRETS = [Secret(group="db", key="password"), Secret(group="api", key="token")]

        @task(secret_requests=SECRETS)
        def a():
            current_context().secrets.get("db", "password")

        @task(secret_requests=SECRETS)
        def b():
            current_context().secrets.get("api", "token")
      `,
      errors: [
        { messageId: 'unused', line: 3, column: 12, data: { task: 'b', secret: 'db/password' } },
        { messageId: 'unused', line: 3, column: 48, data: { task: 'a', secret: 'api/token' } },
      ],
    },
  ],
});
