import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeSource, initParser, secretArgumentAt, secretUses } from '../../src/index.js';

beforeAll(() => initParser());

const TEXT = `from flytekit import Secret, current_context, task
import flyte

SHARED = Secret(group="shared", key="token")


@task(secret_requests=[Secret(group="db", key="password"), Secret("stripe", r'api_key')])
def t() -> str:
    return helper() + current_context().secrets.get("db", "") + current_context().secrets.get("solo")


def helper() -> str:
    return current_context().secrets.get(group="stripe", key=KEY)


env = flyte.TaskEnvironment(name="e", secrets=[flyte.Secret("openai_key", group="openai")])
`;

function at(marker: string, delta: number) {
  const result = analyzeSource(TEXT);
  if (!result.ok) throw new Error(result.error.message);
  const offset = TEXT.indexOf(marker) + delta;
  expect(TEXT.indexOf(marker)).toBeGreaterThanOrEqual(0);
  return secretArgumentAt(result.analysis.module, TEXT, offset);
}

describe('secretArgumentAt', () => {
  it('finds the group and the key of a request, with the tasks that make it', () => {
    const group = at('"db", key=', 2)!;
    expect(group).toMatchObject({ role: 'group', value: 'db', group: undefined, site: { kind: 'request' } });
    expect(group.tasks.map((task) => task.name)).toEqual(['t']);
    const key = at("r'api_key'", 0)!;
    expect(key).toMatchObject({ role: 'key', value: 'api_key', group: 'stripe' });
    expect(TEXT.slice(key.content.start, key.content.end)).toBe('api_key');
  });

  it('finds an empty key being typed in a read, and the group beside it', () => {
    const key = at('get("db", "")', 11)!;
    expect(key).toMatchObject({ role: 'key', value: '', group: 'db', site: { kind: 'read' } });
    expect(key.content.start).toBe(key.content.end);
  });

  it('treats the single argument of get("X") as a key-only name', () => {
    expect(at('get("solo")', 6)).toMatchObject({ role: 'key', value: 'solo', group: null });
  });

  it('gives a read in a helper the tasks that call the helper', () => {
    const group = at('group="stripe", key=KEY', 8)!;
    expect(group.tasks.map((task) => task.name)).toEqual(['t']);
  });

  it('finds module-level Secrets and Flyte 2 key-first Secrets', () => {
    expect(at('group="shared"', 8)).toMatchObject({ role: 'group', value: 'shared', tasks: [] });
    expect(at('"openai_key"', 3)).toMatchObject({ role: 'key', value: 'openai_key', group: 'openai' });
  });

  it('ignores what is not a literal secret name', () => {
    expect(at('key=KEY', 5)).toBeUndefined();
    expect(at('name="e"', 6)).toBeUndefined();
    expect(at('from flytekit', 2)).toBeUndefined();
  });
});

describe('secretUses', () => {
  it('lists every request and read of a module with the names they resolve to', () => {
    const result = analyzeSource(TEXT);
    if (!result.ok) throw new Error(result.error.message);
    const names = secretUses(result.analysis.module).map((use) => {
      const part = (arg: typeof use.group) => (arg ? (arg.value.known ? arg.value.value : '?') : '-');
      return `${use.kind} ${part(use.group)}/${part(use.key)}`;
    });
    expect(names).toEqual([
      'request shared/token',
      'request db/password',
      'request stripe/api_key',
      'read db/',
      'read -/solo',
      'read stripe/?',
      'request openai/openai_key',
    ]);
  });
});
