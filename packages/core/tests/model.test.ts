// The module model: what a Python module declares and reads, in the spellings found in real code.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeSource, initParser, type FileAnalysis } from '../src/index.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/model');

beforeAll(() => initParser());

function analyze(code: string, filePath?: string): FileAnalysis {
  const parsed = analyzeSource(code, { filePath });
  if (!parsed.ok) throw new Error(`syntax error: ${parsed.error.message}`);
  return parsed.analysis;
}

const value = (arg: { value: { known: boolean; value?: string } } | undefined) => (arg ? (arg.value.known ? (arg.value as { value: string }).value : '?') : null);

describe('module model', () => {
  it('skips modules that never mention secrets', () => {
    expect(analyze('import os\nprint(os.getcwd())\n').module.relevant).toBe(false);
  });

  it('reads flytekit Secret group-first and Flyte 2 Secret key-first', () => {
    const { module } = analyze(`
import flyte
from flytekit import Secret, task

env = flyte.TaskEnvironment(name="e", secrets=[flyte.Secret("api_key", "openai"), "hf_token", flyte.Secret(key="cert", mount="/etc/flyte/secrets")])

@env.task
async def t2() -> None: ...

@task(secret_requests=[Secret("db", "password", "v1", Secret.MountType.FILE, "DB_PW")])
def t1() -> None: ...
`);
    const [t2, t1] = module.tasks;
    expect(t2).toMatchObject({ name: 't2', kind: 'environment-task', flavor: 'flyte2' });
    expect(t2!.requests.map((r) => [value(r.group), value(r.key), r.mount])).toEqual([
      ['openai', 'api_key', 'ENV_VAR'],
      [null, 'hf_token', 'ENV_VAR'],
      [null, 'cert', 'FILE'],
    ]);
    expect(t1).toMatchObject({ name: 't1', kind: 'task', flavor: 'flytekit' });
    expect(t1!.requests.map((r) => [value(r.group), value(r.key), value(r.groupVersion), r.mount, value(r.envVar)])).toEqual([['db', 'password', 'v1', 'FILE', 'DB_PW']]);
  });

  it('follows environments through clone_with and Union actor environments', () => {
    const { module } = analyze(`
import flyte
import union
from flytekit import Secret

base = flyte.TaskEnvironment(name="base", secrets="token")
gpu = base.clone_with(name="gpu", secrets=["hf_token"])
same = base.clone_with(name="same")
actor = union.ActorEnvironment(name="a", secret_requests=[Secret(key="aws-creds", mount_requirement=Secret.MountType.FILE)])

@gpu.task
def a(): ...

@same.task
def b(): ...

@actor.task
def c(): ...
`);
    expect(module.tasks.map((t) => [t.name, t.flavor, t.requests.map((r) => value(r.key))])).toEqual([
      ['a', 'flyte2', ['hf_token']],
      ['b', 'flyte2', ['token']],
      ['c', 'flytekit', ['aws-creds']],
    ]);
  });

  it('treats calls with secret_requests as task instances that run unseen code', () => {
    const { module } = analyze(`
from flytekit import ContainerTask, Secret
from flytekitplugins.sqlalchemy import SQLAlchemyTask

shell = ContainerTask(name="s", image="alpine", command=["env"], secret_requests=[Secret(group="db", key="password")])
sql = SQLAlchemyTask("q", query_template="select 1", secret_requests=[*DB_SECRETS.values()])
`);
    expect(module.tasks.map((t) => [t.name, t.kind, t.requestsKnown, Boolean(t.opaqueReason)])).toEqual([
      ['shell', 'task-instance', true, true],
      ['sql', 'task-instance', false, true],
    ]);
  });

  it('finds reads through every alias, and marks functions that hand the context away', () => {
    const { module } = analyze(`
import flytekit as fk
from flytekit import current_context as cc

def a():
    ctx = fk.current_context()
    s = ctx.secrets
    s.get("g1", "k1")
    (ctx).secrets.g2.k2
    cc().get_secret("g3", "k3")

def b():
    log(fk.current_context())

def c():
    getter = fk.current_context().secrets.get
    return getter

def d(ctx):
    ctx.secrets.get("not", "known-receiver")
`);
    expect(module.reads.map((r) => `${r.kind}:${value(r.group)}/${value(r.key)}@${r.functionIndex}`)).toEqual([
      'get:g1/k1@0',
      'attribute:g2/k2@0',
      'get-secret:g3/k3@0',
    ]);
    expect(module.functions.map((f) => Boolean(f.opaqueReason))).toEqual([false, true, true, false]);
  });

  it('records argument shapes: single positional, keywords, other arguments', () => {
    const { module } = analyze(`
from flytekit import current_context
def f():
    s = current_context().secrets
    s.get("only")
    s.get(key="k", group="g")
    s.get("g", "k", encode_mode="rb")
    s.get("g", "k", env_var="X")
    s.get(*args)
`);
    expect(module.reads.map((r) => [r.single, r.keywordStyle, r.otherArgs, r.opaqueArgs, r.unknownKeywords.map((k) => k.name)])).toEqual([
      [true, false, false, false, []],
      [false, true, false, false, []],
      [false, false, true, false, []],
      [false, false, true, true, ['env_var']],
      [false, false, false, true, []],
    ]);
  });

  it('resolves Secret lists imported from a sibling module and anchors them on the importing expression', () => {
    const file = path.join(fixtures, 'geti_style/jobs/train.py');
    const parsed = analyzeSource(readFileSync(file, 'utf8'), { filePath: file });
    if (!parsed.ok) throw new Error('syntax');
    const [train, sweep] = parsed.analysis.module.tasks;
    expect(train!.requests.map((r) => [value(r.key), r.local, path.basename(r.definedIn ?? '')])).toEqual([
      ['jobs-mongodb-username', false, 'secrets.py'],
      ['jobs-mongodb-password', false, 'secrets.py'],
    ]);
    expect(sweep!.kind).toBe('dynamic');
    const text = parsed.analysis.text;
    expect(text.slice(train!.requests[0]!.span.start, train!.requests[0]!.span.end)).toBe('SECRETS');
  });

  it('stops at import cycles instead of looping', () => {
    const file = path.join(fixtures, 'geti_style/jobs/user.py');
    const { module } = analyze('from .cycle_a import A\nfrom flytekit import Secret\nS = Secret(group=A, key="k")\n', file);
    expect(value(module.secretDefinitions[0]!.group)).toBe('a-b');
  });
});
