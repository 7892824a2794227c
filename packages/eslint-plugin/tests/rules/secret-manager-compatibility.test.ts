import { python, ruleTester, plugin } from '../rule-tester.js';

const rule = plugin.rules['secret-manager-compatibility'];
const manager = (name: string) => ({ '@flyte-secrets': { 'secret-manager': name } });

ruleTester().run('secret-manager-compatibility', rule as never, {
  valid: [
    // K8s (the default): every mount, get() in every spelling, each accessor on the mount it has.
    python`
      import os
      import flytekit as fk
      from flytekit import Secret, task, dynamic, eager, current_context

      DB = Secret(group="db", key="password")
      TOKEN = Secret(group="api", key="token", mount_requirement=Secret.MountType.ENV_VAR)

      @task(secret_requests=[DB, TOKEN, Secret(group="tls", key="cert", mount_requirement=Secret.MountType.FILE)])
      def t():
          ctx = fk.current_context()
          sm = ctx.secrets
          sm.get("db", "password")
          ctx.secrets.api.token
          sm.get_secrets_file(DB.group, DB.key)
          sm.get_secrets_file("tls", "cert")
          sm.get_secrets_env_var(group="api", key="token")
          os.environ["_FSEC_API_TOKEN"]
          open("/etc/flyte/secrets/db/password").read()

      @dynamic(secret_requests=[DB])
      def d():
          current_context().secrets.get("db", "password")

      @eager(secret_requests=[TOKEN])
      async def e():
          current_context().secrets.get("api", "token")
    `,
    // Two tasks request one secret with different mounts: each direct read is judged by its own task.
    python`
      import os
      from flytekit import Secret, task, current_context

      @task(secret_requests=[Secret(group="db", key="password")])
      def a():
          current_context().secrets.get("db", "password")

      @task(secret_requests=[Secret(group="db", key="password", mount_requirement=Secret.MountType.ENV_VAR)])
      def b():
          os.environ["_FSEC_DB_PASSWORD"]
    `,
    // GCP: group and group_version, read with group_version.
    {
      code: python`
        from flytekit import Secret, task, current_context

        @task(secret_requests=[Secret(group="gcp-sa", group_version="latest")])
        def t():
            current_context().secrets.get("gcp-sa", group_version="latest")
            current_context().secrets.get_secrets_file("gcp-sa", group_version="latest")
      `,
      settings: manager('GCP'),
    },
    // AWS: the documented ARN group, FILE mount; Vault: group_version on the request, none on the read.
    {
      code: python`
        from flytekit import Secret, task, current_context

        SECRET_GROUP = "arn:aws:secretsmanager:us-east-1:000000000000:secret"

        @task(secret_requests=[Secret(group=SECRET_GROUP, key="db-password", mount_requirement=Secret.MountType.FILE)])
        def t():
            current_context().secrets.get(SECRET_GROUP, "db-password")
      `,
      settings: manager('AWS'),
    },
    {
      code: python`
        from flytekit import Secret, task, current_context

        @task(secret_requests=[Secret(group="secret/data/db", key="password", group_version="kv2")])
        def t():
            current_context().secrets.get("secret/data/db", "password")
      `,
      settings: manager('Vault'),
    },
    // Global: ANY is an environment variable there.
    {
      code: python`
        import os
        from flytekit import Secret, task, current_context

        @task(secret_requests=[Secret(group="db", key="password")])
        def t():
            current_context().secrets.get_secrets_env_var("db", "password")
            os.environ["_FSEC_DB_PASSWORD"]
      `,
      settings: manager('Global'),
    },
    // Flyte 2 secrets are served by Flyte 2's own manager, whatever the setting; env vars by default.
    {
      code: python`
        import os
        import flyte
        from pathlib import Path

        env = flyte.TaskEnvironment(
            name="llm",
            secrets=["openai-api-key", flyte.Secret(key="hf_token", as_env_var="HF_TOKEN"), flyte.Secret(key="cert", mount=Path("/etc/flyte/secrets"))],
        )

        @env.task
        async def t():
            os.environ["OPENAI_API_KEY"]
            os.getenv("HF_TOKEN")
      `,
      settings: manager('AWS'),
    },
    // Union (the Flyte secret store): a key without a group, as an env var or a file, is served.
    {
      code: python`
        from flytekit import Secret, task, current_context

        @task(secret_requests=[Secret(key="openai_api_key", mount_requirement=Secret.MountType.ENV_VAR), Secret(key="cert", mount_requirement=Secret.MountType.FILE)])
        def t():
            current_context().secrets.get(key="openai_api_key")
            current_context().secrets.get_secrets_env_var(key="openai_api_key")
      `,
      settings: manager('Union'),
    },
    // Mounts and reads that cannot be resolved are not judged.
    python`
      from flytekit import Secret, task, current_context

      MOUNT = Secret.MountType.ENV_VAR if True else Secret.MountType.FILE

      @task(secret_requests=[Secret(group="db", key="password", mount_requirement=MOUNT)])
      def t(version: str):
          current_context().secrets.get("db", "password", version)
          current_context().secrets.get_secrets_file("db", "password")
    `,
    // A module that imports Union's SDK runs on Union, whose store needs only a key, whatever the setting
    // (unionai-examples: `union.Secret(key=...)`, and flytekit's Secret beside `unionai.actor`).
    python`
      import union

      @union.task(secret_requests=[union.Secret(key="openai_api_key"), union.Secret(key="wandb-api-key", env_var="WANDB_API_KEY")])
      def t():
          union.current_context().secrets.get(key="openai_api_key")
    `,
    python`
      from flytekit import Secret, current_context
      from unionai.actor import ActorEnvironment

      actor = ActorEnvironment(name="a", secret_requests=[Secret(key="hf-api-key")])

      @actor.task
      def t():
          current_context().secrets.get(key="hf-api-key")
    `,
  ],
  invalid: [
    {
      // On Union because the module imports its SDK (the setting says K8s): a key is still needed.
      code: python`
        import union

        @union.task(secret_requests=[union.Secret(group="db")])
        def t(): ...
      `,
      errors: [
        {
          line: 3,
          column: 30,
          message:
            'Secret db has no key, but the Union secret manager (this module imports Union\'s SDK) needs a key: Flyte starts the pod without this secret, and reading it in the task raises ValueError. Add key="<name of the secret>".',
        },
      ],
    },
    {
      // Union looks a secret up by key: a group alone is not enough.
      code: python`
        from flytekit import Secret, task

        @task(secret_requests=[Secret(group="db")])
        def t(): ...
      `,
      settings: manager('Union'),
      errors: [
        {
          line: 3,
          column: 24,
          message:
            'Secret db has no key, but the Union secret manager (the `secret-manager` setting, K8s by default) needs a key: Flyte starts the pod without this secret, and reading it in the task raises ValueError. Add key="<name of the secret>".',
        },
      ],
    },
    {
      // Requests: ENV_VAR under AWS (flyteorg/flyte#6304), in every declaration spelling.
      code: python`
        import flytekit as fk
        from flytekit import ContainerTask, Secret, task, dynamic

        SHARED = fk.Secret(group="arn:aws:secretsmanager:us-east-1:000000000000:secret", key="token", mount_requirement=fk.Secret.MountType.ENV_VAR)

        @task(secret_requests=[SHARED])
        def a(): ...

        @dynamic(secret_requests=[SHARED, Secret("arn:aws:secretsmanager:us-east-1:000000000000:secret", "db", None, 1)])
        def b(): ...

        shell = ContainerTask(name="sh", image="alpine", command=["sh"], secret_requests=[Secret(group="g", key="k", mount_requirement=Secret.MountType.ENV_VAR)])
      `,
      settings: manager('AWS'),
      errors: [
        { messageId: 'envVarMount', line: 4, column: 10, data: { manager: 'AWS', secret: 'arn:aws:secretsmanager:us-east-1:000000000000:secret/token' } },
        { messageId: 'envVarMount', line: 9, column: 35 },
        { messageId: 'envVarMount', line: 12, column: 83, data: { manager: 'AWS', secret: 'g/k' } },
      ],
    },
    {
      code: python`
        from flytekit import Secret, task

        @task(secret_requests=[Secret(group="projects/acme/secrets/db", group_version="3", mount_requirement=Secret.MountType.ENV_VAR), Secret(group="db-password")])
        def t(): ...
      `,
      settings: manager('GCP'),
      errors: [
        { messageId: 'envVarMount', line: 3, column: 24, data: { manager: 'GCP', secret: 'projects/acme/secrets/db (group_version "3")' } },
        { messageId: 'gcpVersion', line: 3, column: 129, data: { manager: 'GCP', secret: 'db-password' } },
      ],
    },
    {
      // Vault: ENV_VAR rejected; env_var ignored; a read with group_version looks for names never created.
      code: python`
        from flytekit import Secret, task, current_context

        @task(secret_requests=[
            Secret(group="secret/data/db", key="password", group_version="kv2", mount_requirement=Secret.MountType.ENV_VAR),
            Secret(group="secret/data/api", key="token", env_var="API_TOKEN", mount_requirement=Secret.MountType.FILE),
        ])
        def t():
            current_context().secrets.get("secret/data/db", "password", "kv2")
      `,
      settings: manager('Vault'),
      errors: [
        { messageId: 'envVarMount', line: 4, column: 5 },
        { messageId: 'envVarIgnored', line: 5, column: 5, data: { manager: 'Vault', envVar: 'API_TOKEN', secret: 'secret/data/api/token' } },
        {
          messageId: 'readGroupVersion',
          line: 8,
          column: 5,
          data: { version: 'kv2', envVar: '_FSEC_SECRET/DATA/DB_KV2_PASSWORD', file: '/etc/flyte/secrets/secret/data/db/kv2/password', manager: 'Vault', secret: 'secret/data/db/password' },
        },
      ],
    },
    {
      // Global: FILE rejected.
      code: python`
        from flytekit import Secret, task

        @task(secret_requests=[Secret(group="db", key="password", mount_requirement=Secret.MountType.FILE)])
        def t(): ...
      `,
      settings: manager('Global'),
      errors: [{ messageId: 'fileMount', line: 3, column: 24 }],
    },
    {
      // K8s: group and key both needed (Union style key-only and group-only requests); group_version on reads.
      code: python`
        import flytekit
        from flytekit import Secret, task

        @task(secret_requests=[Secret(key="openai_api_key"), Secret(group="db"), Secret(group="db", key="password", group_version="v1")])
        def t():
            flytekit.current_context().secrets.get("openai_api_key")
            flytekit.current_context().secrets.get("db", "password", group_version="v1")
      `,
      errors: [
        {
          line: 4,
          column: 24,
          // Says what the setting is, what a group is, and that a key-only request is Union's spelling.
          message:
            'Secret openai_api_key has no group, but the K8s secret manager (the `secret-manager` setting, K8s by default) needs group and key: Flyte starts the pod without this secret, and reading it in the task raises ValueError. Add group="<name of the Kubernetes Secret>"; if the task runs on Union, set secret-manager = "Union" under [tool.flyte-secrets] in pyproject.toml.',
        },
        {
          line: 4,
          column: 54,
          message:
            'Secret db has no key, but the K8s secret manager (the `secret-manager` setting, K8s by default) needs group and key: Flyte starts the pod without this secret, and reading it in the task raises ValueError. Add key="<key inside it>".',
        },
        {
          messageId: 'readGroupVersion',
          line: 7,
          column: 5,
          data: { version: 'v1', envVar: '_FSEC_DB_V1_PASSWORD', file: '/etc/flyte/secrets/db/v1/password', manager: 'K8s', secret: 'db/password' },
        },
      ],
    },
    {
      // Reads through the wrong mount under K8s: the env var of ANY/FILE requests, the file of an
      // ENV_VAR request (flytesnacks' use_secrets.py), through constants, aliases and a helper.
      code: python`
        import os
        import flytekit
        from flytekit import Secret, task
        from flytekit.testing import SecretsManager

        SECRET_GROUP = "user-info"
        SECRET_NAME = "user_secret"

        def env_name():
            return flytekit.current_context().secrets.get_secrets_env_var("db", "password")

        @task(secret_requests=[
            Secret(group=SECRET_GROUP, key=SECRET_NAME, mount_requirement=Secret.MountType.ENV_VAR),
            Secret(group="db", key="password"),
            Secret(group="tls", key="key", mount_requirement=Secret.MountType.FILE),
        ])
        def secret_file_task():
            secret_manager = flytekit.current_context().secrets
            f = secret_manager.get_secrets_file(SECRET_GROUP, SECRET_NAME)
            env_name()
            os.environ["_FSEC_TLS_KEY"]
            open(f"/etc/flyte/secrets/{SECRET_GROUP}/{SECRET_NAME}").read()

        if __name__ == "__main__":
            # flytesnacks' local test set-up; writing os.environ[...] leaves the constants constant.
            sec = SecretsManager()
            os.environ[sec.get_secrets_env_var(SECRET_GROUP, SECRET_NAME)] = "value"
      `,
      errors: [
        { messageId: 'wrongMountEnv', line: 10, column: 12, data: { secret: 'db/password', mount: 'ANY (the default)', manager: 'K8s', name: '_FSEC_DB_PASSWORD' } },
        { messageId: 'wrongMountFile', line: 19, column: 9, data: { secret: 'user-info/user_secret', mount: 'ENV_VAR', manager: 'K8s', name: '/etc/flyte/secrets/user-info/user_secret' } },
        { messageId: 'wrongMountEnv', line: 21, column: 5, data: { secret: 'tls/key', mount: 'FILE', manager: 'K8s', name: '_FSEC_TLS_KEY' } },
        { messageId: 'wrongMountFile', line: 22, column: 5 },
      ],
    },
    {
      // Global: an ANY request is a variable, so get_secrets_file finds nothing.
      code: python`
        from flytekit import Secret, task, current_context

        @task(secret_requests=[Secret(group="db", key="password")])
        def t():
            current_context().secrets.get_secrets_file("db", "password")
      `,
      settings: manager('Global'),
      errors: [{ messageId: 'wrongMountFile', line: 5, column: 5, data: { secret: 'db/password', mount: 'ANY (the default)', manager: 'Global', name: '/etc/flyte/secrets/db/password' } }],
    },
    {
      // Flyte 2: a secret mounted as a file has no variable.
      code: python`
        import os
        import flyte
        from pathlib import Path

        env = flyte.TaskEnvironment(name="tls", secrets=[flyte.Secret(key="tls-key", group="certs", mount=Path("/etc/flyte/secrets"))])

        @env.task
        async def t():
            return os.environ["CERTS_TLS_KEY"]
      `,
      errors: [{ messageId: 'flyte2Unmounted', line: 9, column: 12, data: { secret: 'certs/tls-key', name: 'CERTS_TLS_KEY' } }],
    },
  ],
});
