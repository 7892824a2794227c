// The secrets flytekit and its plugins read on a task's behalf, as read from their sources: a grep
// of `secrets.get(`, `get_connector_secret(` and `get_secret(` under flytekit/ and plugins/ of
// flyteorg/flytekit at FLYTEKIT_COMMIT. Data only; library-reads.ts matches it against task code.

/** The flytekit commit the `source` paths below were read at. */
export const FLYTEKIT_COMMIT = 'e96c7203089a1edc5709c92a606a2d4abb481c0e';

/**
 * How the library learns which secret to read, and so what in the task's code triggers the read.
 * - `decorator-secret`: a task decorator takes a `Secret` (`secret=`, or positionally at `position`)
 *   and calls `secrets.get(key=secret.key, group=secret.group)` when the task runs remotely.
 * - `fixed`: the library reads a fixed group/key whenever it handles something the task uses
 *   (`trigger`): a `StructuredDataset` whose URI has `protocol`.
 * - `config-secrets`: a task class reads every `Secret` of a dict in its config
 *   (`SQLAlchemyConfig(secret_connect_args={...})`).
 * - `own-request`: a task class reads the secret it is given in `secret_requests` (or declares itself).
 * - `sidecar-env`: a pod template built by the plugin starts a container that reads the variable the
 *   webhook injects for `<prefix><GROUP>_<KEY>`: only an ENV_VAR mount reaches it.
 * - `connector`: read in the connector (agent) service's own pod, from the connector's own secrets.
 */
export type LibraryReadKind =
  | { kind: 'decorator-secret'; keyword: string; position?: number }
  | { kind: 'fixed'; group: string; key: string; trigger: { structuredDatasetProtocol: string } }
  | { kind: 'config-secrets'; config: string; keyword: string }
  | { kind: 'own-request' }
  | { kind: 'sidecar-env'; secretsClass: string; argument: string; pairs: { group: string; key: string }[] }
  | { kind: 'connector'; keys: string[] };

export interface LibraryReadEntry {
  /** The Python package that holds the API (`flytekit`, `flytekitplugins.wandb`). */
  module: string;
  /** The API a task's code names: a decorator, a class, or the type that triggers the read. */
  name: string;
  /** The file of flyteorg/flytekit (at FLYTEKIT_COMMIT) whose code performs the read. */
  source: string;
  /** Where the read runs: in the task's pod (the task's own read) or in a connector service (never the task's). */
  runsIn: 'task-pod' | 'connector';
  read: LibraryReadKind;
}

export const LIBRARY_READS: readonly LibraryReadEntry[] = [
  // ---- in the task's pod -----------------------------------------------------------------------
  {
    module: 'flytekit',
    name: 'StructuredDataset',
    source: 'flytekit/types/structured/snowflake.py',
    runsIn: 'task-pod',
    read: { kind: 'fixed', group: 'private-key', key: 'snowflake', trigger: { structuredDatasetProtocol: 'snowflake' } },
  },
  {
    module: 'flytekitplugins.wandb',
    name: 'wandb_init',
    source: 'plugins/flytekit-wandb/flytekitplugins/wandb/tracking.py',
    runsIn: 'task-pod',
    read: { kind: 'decorator-secret', keyword: 'secret' },
  },
  {
    module: 'flytekitplugins.comet_ml',
    name: 'comet_ml_login',
    source: 'plugins/flytekit-comet-ml/flytekitplugins/comet_ml/tracking.py',
    runsIn: 'task-pod',
    read: { kind: 'decorator-secret', keyword: 'secret', position: 2 },
  },
  {
    module: 'flytekitplugins.neptune',
    name: 'neptune_init_run',
    source: 'plugins/flytekit-neptune/flytekitplugins/neptune/tracking.py',
    runsIn: 'task-pod',
    read: { kind: 'decorator-secret', keyword: 'secret', position: 1 },
  },
  {
    module: 'flytekitplugins.neptune',
    name: 'neptune_scale_run',
    source: 'plugins/flytekit-neptune/flytekitplugins/neptune/scale_tracking.py',
    runsIn: 'task-pod',
    read: { kind: 'decorator-secret', keyword: 'secret', position: 1 },
  },
  {
    module: 'flytekitplugins.sqlalchemy',
    name: 'SQLAlchemyTask',
    source: 'plugins/flytekit-sqlalchemy/flytekitplugins/sqlalchemy/task.py',
    runsIn: 'task-pod',
    read: { kind: 'config-secrets', config: 'SQLAlchemyConfig', keyword: 'secret_connect_args' },
  },
  {
    module: 'flytekitplugins.duckdb',
    name: 'DuckDBQuery',
    source: 'plugins/flytekit-duckdb/flytekitplugins/duckdb/task.py',
    runsIn: 'task-pod',
    read: { kind: 'own-request' },
  },
  // The OpenAI batch tasks that create_batch(secret=...) builds request `task_config.secret` themselves.
  {
    module: 'flytekitplugins.openai',
    name: 'UploadJSONLFileTask',
    source: 'plugins/flytekit-openai/flytekitplugins/openai/batch/task.py',
    runsIn: 'task-pod',
    read: { kind: 'own-request' },
  },
  {
    module: 'flytekitplugins.openai',
    name: 'DownloadJSONFilesTask',
    source: 'plugins/flytekit-openai/flytekitplugins/openai/batch/task.py',
    runsIn: 'task-pod',
    read: { kind: 'own-request' },
  },
  {
    module: 'flytekitplugins.inference',
    name: 'NIM',
    source: 'plugins/flytekit-inference/flytekitplugins/inference/nim/serve.py',
    runsIn: 'task-pod',
    read: {
      kind: 'sidecar-env',
      secretsClass: 'NIMSecrets',
      argument: 'secrets',
      pairs: [
        { group: 'ngc_secret_group', key: 'ngc_secret_key' },
        { group: 'hf_token_group', key: 'hf_token_key' },
      ],
    },
  },
  {
    module: 'flytekitplugins.inference',
    name: 'VLLM',
    source: 'plugins/flytekit-inference/flytekitplugins/inference/vllm/serve.py',
    runsIn: 'task-pod',
    read: { kind: 'sidecar-env', secretsClass: 'HFSecret', argument: 'hf_secret', pairs: [{ group: 'hf_token_group', key: 'hf_token_key' }] },
  },
  // ---- in a connector service: the connector deployment's secrets, not the task's ------------------
  {
    module: 'flytekitplugins.snowflake',
    name: 'SnowflakeTask',
    source: 'plugins/flytekit-snowflake/flytekitplugins/snowflake/connector.py',
    runsIn: 'connector',
    read: { kind: 'connector', keys: ['snowflake_private_key'] },
  },
  {
    module: 'flytekitplugins.openai',
    name: 'ChatGPTTask',
    source: 'plugins/flytekit-openai/flytekitplugins/openai/chatgpt/connector.py',
    runsIn: 'connector',
    read: { kind: 'connector', keys: ['FLYTE_OPENAI_API_KEY'] },
  },
  {
    module: 'flytekitplugins.openai',
    name: 'BatchEndpointTask',
    source: 'plugins/flytekit-openai/flytekitplugins/openai/batch/connector.py',
    runsIn: 'connector',
    read: { kind: 'connector', keys: ['FLYTE_OPENAI_API_KEY'] },
  },
  {
    module: 'flytekitplugins.spark',
    name: 'DatabricksV2',
    source: 'plugins/flytekit-spark/flytekitplugins/spark/connector.py',
    runsIn: 'connector',
    read: { kind: 'connector', keys: ['FLYTE_DATABRICKS_ACCESS_TOKEN'] },
  },
  {
    module: 'flytekitplugins.slurm',
    name: 'SlurmTask',
    source: 'plugins/flytekit-slurm/flytekitplugins/slurm/ssh_utils.py',
    runsIn: 'connector',
    read: { kind: 'connector', keys: ['FLYTE_SLURM_PRIVATE_KEY'] },
  },
  {
    module: 'flytekitplugins.mmcloud',
    name: 'MMCloudConfig',
    source: 'plugins/flytekit-mmcloud/flytekitplugins/mmcloud/connector.py',
    runsIn: 'connector',
    read: { kind: 'connector', keys: ['mmc_address', 'mmc_username', 'mmc_password'] },
  },
  {
    module: 'flytekitplugins.dgxc_lepton',
    name: 'LeptonEndpointDeploymentTask',
    source: 'plugins/flytekit-dgxc-lepton/flytekitplugins/dgxc_lepton/connector.py',
    runsIn: 'connector',
    read: { kind: 'connector', keys: ['lepton_workspace_id', 'lepton_token'] },
  },
  {
    module: 'flytekitplugins.perian_job',
    name: 'PerianConfig',
    source: 'plugins/flytekit-perian/flytekitplugins/perian_job/connector.py',
    runsIn: 'connector',
    read: {
      kind: 'connector',
      keys: [
        'docker_registry_url',
        'docker_registry_username',
        'docker_registry_password',
        'aws_access_key_id',
        'aws_secret_access_key',
        'google_application_credentials',
        'perian_organization',
        'perian_token',
      ],
    },
  },
];
