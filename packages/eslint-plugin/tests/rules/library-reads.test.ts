// Rules 1, 2 and 3 over the secrets flytekit and its plugins read for a task (core's library-reads table).
import { python, ruleTester, plugin } from '../rule-tester.js';

const tester = ruleTester();

tester.run('no-unused-secret-request (library reads)', plugin.rules['no-unused-secret-request'] as never, {
  valid: [
    // flytesnacks' Snowflake example: the StructuredDataset handler reads private-key/snowflake.
    python`
      import pandas as pd
      from flytekit import Secret, StructuredDataset, task

      @task(secret_requests=[Secret(group="private-key", key="snowflake")])
      def print_head(input_sd: StructuredDataset) -> pd.DataFrame:
          return input_sd.open(pd.DataFrame).all()

      @task(secret_requests=[Secret(group="private-key", key="snowflake")])
      def write_table() -> StructuredDataset:
          uri = f"snowflake://{user}:{account}/{warehouse}/{database}/{schema}/TEST"
          return StructuredDataset(dataframe=pd.DataFrame({"ID": [1]}), uri=uri)
    `,
    // flytesnacks' NIM example: the sidecar reads the ENV_VAR-mounted key (NIM bound twice, as there).
    python`
      from flytekit import Secret, task
      from flytekitplugins.inference import NIM, NIMSecrets

      nim_instance = NIM(secrets=NIMSecrets(ngc_image_secret="nvcrio-cred", ngc_secret_key="ngc-api-key", ngc_secret_group="ngc", secrets_prefix="_FSEC_"))

      @task(pod_template=nim_instance.pod_template, secret_requests=[Secret(group="ngc", key="ngc-api-key", mount_requirement=Secret.MountType.ENV_VAR)])
      def model_serving() -> str:
          return "ok"

      nim_instance = NIM(secrets=NIMSecrets(ngc_secret_key="ngc-api-key", ngc_secret_group="ngc", secrets_prefix="_FSEC_"))
    `,
    // A pod template with a sidecar (unionai-examples' vLLM actor): the webhook injects every request
    // into every container, and the sidecar's command reads HF_TOKEN.
    python`
      from flytekit import PodTemplate, Secret, task
      from kubernetes.client import V1Container, V1PodSpec

      pod_template = PodTemplate(pod_spec=V1PodSpec(containers=[], init_containers=[V1Container(name="vllm", command=["python", "-c", SERVE])]))

      @task(pod_template=pod_template, secret_requests=[Secret(key="HF_TOKEN")])
      def ner() -> str:
          return "ok"
    `,
    // An environment's pod template is its tasks' (Union ActorEnvironment, NIM sidecar).
    python`
      import union
      from flytekitplugins.inference import NIM, NIMSecrets
      from union.actor import ActorEnvironment

      nim = NIM(secrets=NIMSecrets(ngc_secret_key="ngc-api-key", secrets_prefix="_UNION_", hf_token_key="hf-api-key"))
      actor = ActorEnvironment(name="nim", pod_template=nim.pod_template, secret_requests=[union.Secret(key="hf-api-key"), union.Secret(key="ngc-api-key")])

      @actor.task
      def summarize(text: str) -> str:
          return union.current_context().secrets.get(key="ngc-api-key")
    `,
    // The tracking decorators read the Secret they are given, however it is spelled.
    python`
      from flytekit import Secret, task
      from flytekitplugins.neptune import neptune_scale_run

      @task(secret_requests=[Secret(group="neptune", key="token")])
      @neptune_scale_run("ws/project", Secret(group="neptune", key="token"))
      def train() -> None: ...
    `,
    // env_var= (flytekit) is there for a process that reads the variable itself.
    python`
      from flytekit import Secret, task

      @task(secret_requests=[Secret(group="openai", key="key", mount_requirement=Secret.MountType.ENV_VAR, env_var="OPENAI_API_KEY")])
      def ask() -> str:
          from openai import OpenAI
          return OpenAI().models.list()
    `,
  ],
  invalid: [
    {
      // The NIM sidecar reads ngc/ngc-api-key only: another request stays unused.
      code: python`
        from flytekit import Secret, task
        from flytekitplugins.inference import NIM, NIMSecrets

        nim = NIM(secrets=NIMSecrets(ngc_secret_key="ngc-api-key", ngc_secret_group="ngc", secrets_prefix="_FSEC_"))

        @task(pod_template=nim.pod_template, secret_requests=[Secret(group="ngc", key="ngc-api-key", mount_requirement=Secret.MountType.ENV_VAR), Secret(group="hf", key="token")])
        def serve() -> str:
            return "ok"
      `,
      errors: [{ messageId: 'unused', line: 6, column: 139 }],
    },
    {
      // A pod template that only configures the task's own container adds no reader.
      code: python`
        from flytekit import PodTemplate, Secret, task
        from kubernetes.client import V1Container, V1PodSpec

        @task(pod_template=PodTemplate(pod_spec=V1PodSpec(containers=[V1Container(name="primary")])), secret_requests=[Secret(group="db", key="password")])
        def t() -> None: ...
      `,
      errors: [{ messageId: 'unused', line: 4, column: 112 }],
    },
    {
      // No StructuredDataset anywhere in the task: nothing of flytekit's reads the key.
      code: python`
        from flytekit import Secret, task

        @task(secret_requests=[Secret(group="private-key", key="snowflake")])
        def count() -> int:
            return 1
      `,
      errors: [{ messageId: 'unused', line: 3, column: 24 }],
    },
  ],
});

tester.run('no-undeclared-secret (library reads)', plugin.rules['no-undeclared-secret'] as never, {
  valid: [
    python`
      from flytekit import Secret, task
      from flytekitplugins.wandb import wandb_init

      WANDB = Secret(group="wandb", key="api-key")

      @task(secret_requests=[WANDB])
      @wandb_init(project="p", entity="e", secret=WANDB)
      def train() -> float:
          return 1.0
    `,
    // A callable returns the key itself: flytekit reads nothing.
    python`
      import os
      from flytekit import task
      from flytekitplugins.wandb import wandb_init

      @task
      @wandb_init(project="p", entity="e", secret=lambda: os.environ["WANDB_API_KEY"])
      def train() -> float:
          return 1.0
    `,
    // Only a task that handles a StructuredDataset may meet the handler, and it is not certain here.
    python`
      from flytekit import StructuredDataset, task

      @task
      def head(sd: StructuredDataset) -> int:
          return 1
    `,
    // The Snowflake connector reads its own secret in the connector service, not in a task.
    python`
      from flytekitplugins.snowflake import SnowflakeConfig, SnowflakeTask

      q = SnowflakeTask(name="q", query_template="select 1", task_config=SnowflakeConfig(account="a", user="u", database="d", schema="s", warehouse="w"))
    `,
    // The NIM sidecar's read is a use, never a claim.
    python`
      from flytekit import task
      from flytekitplugins.inference import NIM, NIMSecrets

      nim = NIM(secrets=NIMSecrets(ngc_secret_key="ngc-api-key", secrets_prefix="_FSEC_"))

      @task(pod_template=nim.pod_template)
      def serve() -> str:
          return "ok"
    `,
  ],
  invalid: [
    {
      code: python`
        from flytekit import Secret, task
        from flytekitplugins.wandb import wandb_init

        WANDB = Secret(group="wandb", key="api-key")

        @task
        @wandb_init(project="p", entity="e", secret=WANDB)
        def train() -> float:
            return 1.0
      `,
      errors: [
        {
          message:
            'Task `train` reads secret wandb/api-key via @wandb_init(secret=...) (flyteorg/flytekit plugins/flytekit-wandb/flytekitplugins/wandb/tracking.py) but its secret_requests do not declare it: flytekit raises ValueError ("Please make sure to add secret_requests=...") when the task runs.',
          line: 7,
          column: 45,
          suggestions: [
            {
              messageId: 'addRequest',
              output: python`
                from flytekit import Secret, task
                from flytekitplugins.wandb import wandb_init

                WANDB = Secret(group="wandb", key="api-key")

                @task(secret_requests=[WANDB])
                @wandb_init(project="p", entity="e", secret=WANDB)
                def train() -> float:
                    return 1.0
              `,
            },
          ],
        },
      ],
    },
    {
      // Writing a snowflake:// dataset runs the handler, which reads private-key/snowflake.
      code: python`
        import pandas as pd
        from flytekit import StructuredDataset, task

        @task(cache=True)
        def write_table() -> StructuredDataset:
            return StructuredDataset(dataframe=pd.DataFrame({"ID": [1]}), uri="snowflake://u:acct/wh/db/schema/t")
      `,
      errors: [
        {
          messageId: 'undeclared',
          line: 6,
          column: 71,
          suggestions: [
            {
              messageId: 'addRequest',
              output: python`
                import pandas as pd
                from flytekit import StructuredDataset, task, Secret

                @task(cache=True, secret_requests=[Secret(group="private-key", key="snowflake")])
                def write_table() -> StructuredDataset:
                    return StructuredDataset(dataframe=pd.DataFrame({"ID": [1]}), uri="snowflake://u:acct/wh/db/schema/t")
              `,
            },
          ],
        },
      ],
    },
    {
      // The SQLAlchemy executor reads every Secret of secret_connect_args.
      code: python`
        from flytekit import Secret
        from flytekitplugins.sqlalchemy import SQLAlchemyConfig, SQLAlchemyTask

        q = SQLAlchemyTask(
            "q",
            query_template="select 1",
            task_config=SQLAlchemyConfig(uri="postgresql://db/x", secret_connect_args={"password": Secret(group="db", key="password")}),
        )
      `,
      errors: [
        {
          messageId: 'undeclared',
          line: 7,
          column: 92,
          suggestions: [
            {
              messageId: 'addRequest',
              output: python`
                from flytekit import Secret
                from flytekitplugins.sqlalchemy import SQLAlchemyConfig, SQLAlchemyTask

                q = SQLAlchemyTask(
                    "q",
                    query_template="select 1",
                    task_config=SQLAlchemyConfig(uri="postgresql://db/x", secret_connect_args={"password": Secret(group="db", key="password")}),
                secret_requests=[Secret(group="db", key="password")])
              `,
            },
          ],
        },
      ],
    },
  ],
});

tester.run('no-mismatched-secret (library reads)', plugin.rules['no-mismatched-secret'] as never, {
  valid: [
    // The plugins pass no group_version; the request's is kept, so no version is claimed.
    python`
      from flytekit import Secret, task
      from flytekitplugins.comet_ml import comet_ml_login

      KEY = Secret(group="comet", key="api-key", group_version="v1")

      @task(secret_requests=[KEY])
      @comet_ml_login("project", "workspace", KEY)
      def train() -> None: ...
    `,
  ],
  invalid: [
    {
      code: python`
        from flytekit import Secret, task
        from flytekitplugins.wandb import wandb_init

        @task(secret_requests=[Secret(group="wandb", key="api_key")])
        @wandb_init(project="p", entity="e", secret=Secret(group="wandb", key="api-key"))
        def train() -> float:
            return 1.0
      `,
      errors: [{ messageId: 'mismatch', line: 5, column: 45, suggestions: [] }],
    },
  ],
});

tester.run('secret-manager-compatibility (sidecar reads)', plugin.rules['secret-manager-compatibility'] as never, {
  valid: [
    // flytesnacks' NIM example: mounted as an environment variable, as the sidecar needs.
    python`
      from flytekit import Secret, task
      from flytekitplugins.inference import NIM, NIMSecrets

      nim = NIM(secrets=NIMSecrets(ngc_secret_key="ngc-api-key", ngc_secret_group="ngc", secrets_prefix="_FSEC_"))

      @task(pod_template=nim.pod_template, secret_requests=[Secret(group="ngc", key="ngc-api-key", mount_requirement=Secret.MountType.ENV_VAR)])
      def serve() -> str:
          return "ok"
    `,
    // Union's prefix: Union's manager, which the setting does not describe.
    python`
      import union
      from flytekitplugins.inference import NIM, NIMSecrets

      nim = NIM(secrets=NIMSecrets(ngc_secret_key="ngc-api-key", ngc_secret_group="ngc", secrets_prefix="_UNION_"))

      @union.task(pod_template=nim.pod_template, secret_requests=[union.Secret(group="ngc", key="ngc-api-key")])
      def serve() -> str:
          return "ok"
    `,
  ],
  invalid: [
    {
      code: python`
        from flytekit import Secret, task
        from flytekitplugins.inference import VLLM, HFSecret

        vllm = VLLM(hf_secret=HFSecret(secrets_prefix="_FSEC_", hf_token_key="token", hf_token_group="hf"))

        @task(pod_template=vllm.pod_template, secret_requests=[Secret(group="hf", key="token")])
        def serve() -> str:
            return "ok"
      `,
      errors: [
        {
          message:
            'Secret hf/token is requested with mount_requirement=ANY (the default), which the K8s secret manager delivers only as a file, but the VLLM sidecar (`HFSecret(hf_token_key=...)`, read from its environment variable) reads the variable `_FSEC_HF_TOKEN`: it is never set. Request it with mount_requirement=Secret.MountType.ENV_VAR.',
          line: 6,
          column: 56,
        },
      ],
    },
  ],
});
