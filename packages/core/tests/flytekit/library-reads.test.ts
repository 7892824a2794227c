import { beforeAll, describe, expect, it } from 'vitest';
import { FLYTEKIT_COMMIT, LIBRARY_READS } from '../../src/flytekit/library-reads-table.js';
import { analyzeSource, initParser, type ModuleModel } from '../../src/index.js';

beforeAll(() => initParser());

function model(text: string): ModuleModel {
  const result = analyzeSource(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.analysis.module;
}

describe('the library-reads table', () => {
  it('pins the flytekit commit its sources were read at', () => {
    expect(FLYTEKIT_COMMIT).toMatch(/^[0-9a-f]{40}$/);
  });

  it.each(LIBRARY_READS.map((entry) => [`${entry.module}.${entry.name}`, entry] as const))('%s names the flytekit file that reads it', (_, entry) => {
    // A path in flyteorg/flytekit: flytekit's own package, or a plugin's package folder.
    expect(entry.source).toMatch(/^(flytekit\/|plugins\/flytekit-[a-z0-9-]+\/flytekitplugins\/)[\w/]+\.py$/);
    // The file belongs to the package the API is imported from.
    const pkg = entry.source.startsWith('flytekit/') ? 'flytekit' : `flytekitplugins.${entry.source.split('/')[3]}`;
    expect(entry.module).toBe(pkg);
  });

  it('says where each read runs, and connector reads are the connector service\'s', () => {
    for (const entry of LIBRARY_READS) expect(entry.runsIn === 'connector').toBe(entry.read.kind === 'connector');
    expect(LIBRARY_READS.filter((e) => e.runsIn === 'connector').map((e) => e.source)).toContain('plugins/flytekit-snowflake/flytekitplugins/snowflake/connector.py');
  });
});

describe('library reads attached to tasks', () => {
  it('reads the Secret a tracking decorator is given, in the task pod', () => {
    const m = model(`from flytekit import Secret, task
from flytekitplugins.comet_ml import comet_ml_login

KEY = Secret(group="comet", key="api-key", group_version="v1")

@task(secret_requests=[KEY])
@comet_ml_login("project", "workspace", KEY)
def train(): ...
`);
    const [read] = m.tasks[0]!.libraryReads!;
    expect(read!.read.via.path).toBe('@comet_ml_login(secret=...)');
    expect(read!.read.via.at).toEqual({ flytekit: 'plugins/flytekit-comet-ml/flytekitplugins/comet_ml/tracking.py' });
    expect(read!.certain).toBe(true);
    expect(read!.declaration).toBe('KEY');
    expect([read!.read.group?.value, read!.read.key?.value, read!.read.groupVersion?.value]).toEqual([
      { known: true, value: 'comet' },
      { known: true, value: 'api-key' },
      { known: true, value: 'v1' },
    ]);
  });

  it('is certain about the Snowflake handler only when the task writes a snowflake:// URI', () => {
    const m = model(`from flytekit import Secret, StructuredDataset, task

@task(secret_requests=[Secret(group="private-key", key="snowflake")])
def reads(sd: StructuredDataset) -> int:
    return len(sd.open(pd.DataFrame).all())

@task
def writes() -> StructuredDataset:
    return StructuredDataset(dataframe=df, uri=f"snowflake://{user}:{account}/wh/db/schema/table")

@task
def neither() -> int:
    return 1
`);
    const [reads, writes, neither] = m.tasks;
    expect(reads!.libraryReads!.map((r) => r.certain)).toEqual([false]);
    expect(writes!.libraryReads!.map((r) => r.certain)).toEqual([true]);
    expect(neither!.libraryReads).toBeUndefined();
  });

  it('never gives a task the secrets a connector reads in its own service', () => {
    const m = model(`from flytekit import Secret
from flytekitplugins.snowflake import SnowflakeConfig, SnowflakeTask

q = SnowflakeTask(name="q", query_template="select 1", task_config=SnowflakeConfig(account="a"), secret_requests=[Secret(key="snowflake_private_key")])
`);
    expect(m.tasks).toHaveLength(1);
    expect(m.tasks[0]!.libraryReads).toBeUndefined();
  });

  it('reads what the NIM sidecar of the task\'s pod template reads (the last NIM bound before the task)', () => {
    const m = model(`from flytekit import Secret, task
from flytekitplugins.inference import NIM, NIMSecrets

nim = NIM(secrets=NIMSecrets(ngc_secret_key="old", secrets_prefix="_FSEC_"))
nim = NIM(secrets=NIMSecrets(ngc_secret_key="ngc-api-key", ngc_secret_group="ngc", secrets_prefix="_FSEC_", hf_token_key="hf-key"))

@task(pod_template=nim.pod_template, secret_requests=[Secret(group="ngc", key="ngc-api-key", mount_requirement=Secret.MountType.ENV_VAR)])
def serve() -> str: ...
`);
    const reads = m.tasks[0]!.libraryReads!;
    expect(reads.map((r) => [r.read.group?.text, r.read.key?.text, r.certain])).toEqual([
      ['"ngc"', '"ngc-api-key"', false],
      [undefined, '"hf-key"', false],
    ]);
  });

  it('counts every request as consumed by a pod template that adds containers or cannot be seen', () => {
    const m = model(`from flytekit import PodTemplate, Secret, task
from kubernetes.client import V1Container, V1PodSpec
from mylib import SPEC

SIDECAR = PodTemplate(pod_spec=V1PodSpec(containers=[], init_containers=[V1Container(name="vllm", command=["serve"])]))
PRIMARY = V1PodSpec(containers=[V1Container(name="primary", env=[])], tolerations=[])

@task(pod_template=SIDECAR, secret_requests=[Secret(group="a", key="b", mount_requirement=Secret.MountType.ENV_VAR), Secret(group="c", key="d")])
def sidecar(): ...

@task(pod_template=PodTemplate(pod_spec=SPEC), secret_requests=[Secret(group="c", key="d")])
def unseen(): ...

@task(pod_template_name="gpu-template", secret_requests=[Secret(group="c", key="d")])
def named(): ...

@task(pod_template=PodTemplate(pod_spec=PRIMARY), secret_requests=[Secret(group="c", key="d")])
def primary_only(): ...
`);
    const consumed = m.tasks.map((t) => t.consumedRequestIds.length);
    expect(m.tasks.map((t) => t.name)).toEqual(['sidecar', 'unseen', 'named', 'primary_only']);
    expect(consumed).toEqual([2, 1, 1, 0]);
  });

  it('models a SQLAlchemyTask without secret_requests as a task that reads its secret_connect_args', () => {
    const m = model(`from flytekit import Secret
from flytekitplugins.sqlalchemy import SQLAlchemyConfig, SQLAlchemyTask

CONFIG = SQLAlchemyConfig(uri="postgresql://db/x", secret_connect_args={"password": Secret(group="db", key="password")})
q = SQLAlchemyTask("q", query_template="select 1", task_config=CONFIG)
`);
    const [task] = m.tasks;
    expect(task!.kind).toBe('task-instance');
    expect(task!.requests).toEqual([]);
    expect(task!.libraryReads!.map((r) => [r.read.via.path, r.declaration])).toEqual([['`SQLAlchemyConfig(secret_connect_args=...)`', 'Secret(group="db", key="password")']]);
  });
});
