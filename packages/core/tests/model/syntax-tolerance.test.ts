import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeTolerant, DEFAULT_CONFIG, initParser, outsideSyntaxErrors, parsePython, rules } from '../../src/index.js';

beforeAll(() => initParser());

// A module with no findings; each case below breaks one line of it, the way typing does.
const MODULE = `from flytekit import task, Secret, current_context

DB = "db"

def helper():
    ctx = current_context()
    return ctx.secrets.get("api", "token")

@task(secret_requests=[Secret(group=DB, key="password"), Secret(group="api", key="token")])
def t(x: int) -> int:
    pw = current_context().secrets.get(DB, "password")
    return connect(helper(), pw)

@task(cache=True, secret_requests=[Secret(group="aws", key="key", mount_requirement=Secret.MountType.FILE)])
def u():
    with open(current_context().secrets.get_secrets_file("aws", "key")) as f:
        return len(f.read())
`;

/** The rule ids reported on a buffer that may not parse, as the language server reports them. */
function lint(text: string): string[] {
  const tree = parsePython(text);
  try {
    const { analysis, syntaxErrors } = analyzeTolerant(tree, text);
    const config = { ...structuredClone(DEFAULT_CONFIG), root: undefined, source: undefined };
    return Object.values(rules).flatMap((rule) => outsideSyntaxErrors(rule.check({ analysis, config, options: [] }), syntaxErrors).map(() => rule.name));
  } finally {
    tree.delete();
  }
}

const replace = (from: string, to: string) => {
  expect(MODULE).toContain(from);
  return MODULE.replace(from, to);
};

describe('analyzeTolerant', () => {
  it('has nothing to report on the clean module', () => {
    expect(lint(MODULE)).toEqual([]);
  });

  it.each([
    ['an import being edited', 'import task, Secret, current_context', 'import task, Secret, curre nt_context'],
    ['a decorator keyword being edited', 'cache=True, secret_requests=', 'cache=True, secret_request,='],
    ['a Secret keyword being edited', 'Secret(group="api", key="token")])', 'Secret(group="api", ke y="token")])'],
    ['a Secret keyword being split', 'Secret(group="api", key="token")])', 'Secret(gro up="api", key="token")])'],
    ['a read being edited in the task', 'current_context().secrets.get(DB', 'current_context().secret[get(DB'],
    ['a read being edited in a helper', 'return ctx.secrets.get(', 'return ctx.secr:ts.get('],
    ['a statement after the read being edited', '    return connect(helper(), pw)', '  :  return connect(helper(), pw)'],
  ])('reports nothing while %s', (_, from, to) => {
    expect(lint(replace(from, to))).toEqual([]);
  });

  it('still reports a clear finding outside the broken statement', () => {
    const text = replace('    return len(f.read())', '    return len(f.read()')
      .replace('secrets.get(DB, "password")', 'secrets.get(DB, "passwrd")');
    expect(lint(text)).toEqual(['no-mismatched-secret']);
  });
});
