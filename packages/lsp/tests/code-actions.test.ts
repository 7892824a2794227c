// Each code action, applied as an editor applies it, and what the server reports afterwards.
import path from 'node:path';
import flyteSecrets from '@flyte-secrets/eslint-plugin';
import { Linter } from 'eslint';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, positionOf, PULL_CAPABILITIES, TestClient } from './support/lsp-client.js';

const PROJECT = path.join(FIXTURES, 'project');
const TASKS = path.join(PROJECT, 'workflows/tasks.py');

let client: TestClient;
afterEach(() => client?.stop());

async function actionsAt(uri: string, marker: string, only?: string[]): Promise<CodeAction[]> {
  const at = positionOf(client.text(uri), marker, 1);
  const diagnostics: Diagnostic[] = await client.pull(uri);
  return client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: at, end: at },
    context: { diagnostics: diagnostics.filter((d) => d.range.start.line === at.line), ...(only ? { only } : {}) },
  });
}

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => String(d.code));

describe('code actions', () => {
  it('offers the suggestion, "disable for this line" and "for the entire file" for a finding', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: PROJECT });
    const uri = await client.open(TASKS);
    const actions = await actionsAt(uri, 'current_context().secrets.get(API_GROUP');
    expect(actions.map((a) => a.title)).toEqual([
      'Add Secret(group=API_GROUP, key="api_key") to the secret_requests of task `load_orders`.',
      'Disable @flyte-secrets/no-undeclared-secret for this line',
      'Disable @flyte-secrets/no-undeclared-secret for the entire file',
    ]);
    for (const action of actions) {
      expect(action.kind).toBe('quickfix');
      expect(action.diagnostics?.map((d) => d.code)).toEqual(['@flyte-secrets/no-undeclared-secret']);
    }
  });

  it('adds the undeclared secret to the task\'s secret_requests', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: PROJECT });
    const uri = await client.open(TASKS);
    const [add] = await actionsAt(uri, 'current_context().secrets.get(API_GROUP');
    await client.applyEdit(uri, add!.edit);
    expect(client.text(uri)).toContain('@task(secret_requests=[Secret(group=DB_GROUP, key="password"), Secret(group=API_GROUP, key="api_key")])');
    expect(codes(await client.pull(uri))).not.toContain('@flyte-secrets/no-undeclared-secret');
  });

  it('adds secret_requests to a bare @task for an undeclared read', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: PROJECT });
    const text = 'from flytekit import current_context, task\n\n\n@task\ndef t() -> None:\n    connect(current_context().secrets.get("db", "password"))\n';
    const uri = await client.open(path.join(PROJECT, 'workflows/bare.py'), text);
    const [add] = await actionsAt(uri, 'current_context().secrets.get');
    expect(add!.title).toBe('Add Secret(group="db", key="password") to the secret_requests of task `t`.');
    await client.applyEdit(uri, add!.edit);
    expect(client.text(uri)).toContain('from flytekit import current_context, task, Secret\n');
    expect(client.text(uri)).toContain('@task(secret_requests=[Secret(group="db", key="password")])\ndef t()');
    expect(await client.pull(uri)).toEqual([]);
  });

  it('fixes a near-miss read to the request it nearly names', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: PROJECT });
    const uri = await client.open(TASKS);
    const actions = await actionsAt(uri, 'ctx.secrets.get("stripe", "api-key")');
    expect(actions[0]!.title).toBe('Read stripe/api_key instead.');
    await client.applyEdit(uri, actions[0]!.edit);
    expect(client.text(uri)).toContain('ctx.secrets.get("stripe", "api_key")');
    expect(codes(await client.pull(uri))).not.toContain('@flyte-secrets/no-mismatched-secret');
  });

  it('disables a rule for one line with an indented Python comment above it', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: PROJECT });
    const uri = await client.open(TASKS);
    const actions = await actionsAt(uri, 'current_context().secrets.get(API_GROUP');
    await client.applyEdit(uri, actions.find((a) => a.title.endsWith('for this line'))!.edit);
    expect(client.text(uri)).toContain(
      '    # eslint-disable-next-line @flyte-secrets/no-undeclared-secret\n    token = current_context().secrets.get(API_GROUP, "api_key")',
    );
    expect(codes(await client.pull(uri))).not.toContain('@flyte-secrets/no-undeclared-secret');
  });

  it('disables a rule for the whole file with a comment at the top', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: PROJECT });
    const uri = await client.open(TASKS);
    const actions = await actionsAt(uri, 'ctx.secrets.get("stripe", "api-key")');
    await client.applyEdit(uri, actions.find((a) => a.title.endsWith('for the entire file'))!.edit);
    expect(client.text(uri).startsWith('# eslint-disable @flyte-secrets/no-mismatched-secret\nfrom flytekit')).toBe(true);
    expect(codes(await client.pull(uri)).sort()).toEqual(['@flyte-secrets/no-undeclared-secret', '@flyte-secrets/no-unused-secret-request']);
  });

  it('answers only the source.fixAll kind when asked for it, and nothing when no finding has an autofix', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: PROJECT });
    const uri = await client.open(TASKS);
    // Rules 1-4 offer suggestions, never autofixes: a fix-all must not apply a suggestion.
    expect(await actionsAt(uri, 'ctx.secrets.get("stripe", "api-key")', ['source.fixAll.flyteSecrets'])).toEqual([]);
    expect(await actionsAt(uri, 'ctx.secrets.get("stripe", "api-key")', ['source'])).toEqual([]);
  });
});

describe('fixes', () => {
  const TEXT = [
    'from flytekit import Secret, current_context, task',
    '',
    '',
    '@task(secret_requests=[Secret(group="db", key="password"), Secret(group="api", key="token")])',
    'def t() -> None:',
    '    ctx = current_context()',
    '    connect(ctx.get_secret("db", "password"), ctx.get_secret("api", "token"))',
    '',
  ].join('\n');
  const FILE = path.join(PROJECT, 'workflows/fixes.py');

  it('offers a rule\'s autofix as the preferred quick fix', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: PROJECT });
    const uri = await client.open(FILE, TEXT);
    const [fix] = await actionsAt(uri, 'ctx.get_secret("api"');
    expect(fix).toMatchObject({ title: 'Fix this @flyte-secrets/valid-secrets-api problem', kind: 'quickfix', isPreferred: true });
    await client.applyEdit(uri, fix!.edit);
    expect(client.text(uri)).toContain('ctx.get_secret("db", "password"), ctx.secrets.get("api", "token")');
  });

  it('fixes every autofixable finding of the file with source.fixAll.flyteSecrets', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: PROJECT });
    const uri = await client.open(FILE, TEXT);
    expect(codes(await client.pull(uri))).toEqual(['@flyte-secrets/valid-secrets-api', '@flyte-secrets/valid-secrets-api']);
    const actions = await actionsAt(uri, 'import', ['source.fixAll.flyteSecrets']);
    expect(actions.map((a) => a.kind)).toEqual(['source.fixAll.flyteSecrets']);
    await client.applyEdit(uri, actions[0]!.edit);
    expect(client.text(uri)).toContain('connect(ctx.secrets.get("db", "password"), ctx.secrets.get("api", "token"))');
    expect(await client.pull(uri)).toEqual([]);
  });
});

describe('inline directives', () => {
  const SOURCE = [
    'from flytekit import Secret, current_context, task',
    '',
    '',
    '@task(secret_requests=[Secret(group="db", key="password")])',
    'def t() -> None:',
    '    a = current_context().secrets.get("db", "password")',
    '    # eslint-disable-next-line @flyte-secrets/no-undeclared-secret -- reviewed',
    '    b = current_context().secrets.get("api", "one")',
    '    c = current_context().secrets.get("api", "two")  # eslint-disable-line @flyte-secrets/no-undeclared-secret',
    '    # eslint-disable @flyte-secrets/no-undeclared-secret',
    '    d = current_context().secrets.get("api", "three")',
    '    # eslint-enable @flyte-secrets/no-undeclared-secret',
    '    e = current_context().secrets.get("api", "four")',
    '    # eslint-disable-next-line @flyte-secrets/no-mismatched-secret',
    '    f = current_context().secrets.get("api", "five")',
    '    # eslint-disable',
    '    g = current_context().secrets.get("api", "six")',
    '    # eslint-enable',
    '    # eslint-disable-next-line @flyte-secrets/no-undeclared-secret, @flyte-secrets/valid-secret-names',
    '    h = current_context().secrets.get("api", "seven")',
    '    connect(a, b, c, d, e, f, g, h, current_context().secrets.get("api", "eight"))',
    '',
  ].join('\n');
  const FILE = path.join(PROJECT, 'workflows/directives.py');
  const eslintReport = (text: string) =>
    new Linter().verify(text, [...flyteSecrets.configs.recommended], { filename: FILE }).map((m) => `${m.line} ${m.message}`);

  it('honours disable-next-line, disable-line and disable/enable blocks, and reports unused ones, as ESLint does', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: PROJECT });
    const uri = await client.open(FILE, SOURCE);
    const diagnostics = await client.pull(uri);
    // four: after the enable; five: its comment names another rule; eight: after `# eslint-enable`.
    expect(diagnostics.map((d) => d.range.start.line + 1)).toEqual([13, 14, 15, 19, 21]);
    expect(diagnostics.map((d) => `${d.range.start.line + 1} ${d.message}`)).toEqual(eslintReport(SOURCE));
    const unused = diagnostics.filter((d) => d.code === undefined);
    expect(unused.map((d) => d.tags)).toEqual([[1], [1]]);
  });

  it('removes an unused disable comment, or the unused rule from its list', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: PROJECT });
    const uri = await client.open(FILE, SOURCE);
    const [whole] = await actionsAt(uri, '# eslint-disable-next-line @flyte-secrets/no-mismatched-secret');
    expect(whole!.title).toBe('Remove unused eslint-disable directive');
    await client.applyEdit(uri, whole!.edit);
    expect(client.text(uri)).not.toContain('no-mismatched-secret');
    expect(client.text(uri)).toContain('    e = current_context().secrets.get("api", "four")\n    f = current_context()');
    const [partial] = await actionsAt(uri, '# eslint-disable-next-line @flyte-secrets/no-undeclared-secret, @flyte');
    await client.applyEdit(uri, partial!.edit);
    expect(client.text(uri)).toContain('    # eslint-disable-next-line @flyte-secrets/no-undeclared-secret\n    h = ');
    expect((await client.pull(uri)).filter((d) => d.code === undefined)).toEqual([]);
  });

  it('applies `# eslint <rule>: "off"` to the whole file', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: PROJECT });
    const text = `${SOURCE}# eslint @flyte-secrets/no-undeclared-secret: "off"\n`;
    const uri = await client.open(FILE, text);
    const diagnostics = await client.pull(uri);
    expect(diagnostics.filter((d) => d.code !== undefined)).toEqual([]);
    expect(diagnostics.map((d) => `${d.range.start.line + 1} ${d.message}`)).toEqual(eslintReport(text));
  });

  it('fixes all: removes every unused disable comment in one edit', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: PROJECT });
    const uri = await client.open(FILE, SOURCE);
    await client.pull(uri);
    const [fixAll, ...rest] = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.flyteSecrets'] },
    });
    expect(rest).toEqual([]);
    expect(fixAll!.kind).toBe('source.fixAll.flyteSecrets');
    await client.applyEdit(uri, fixAll!.edit);
    expect(eslintReport(client.text(uri)).filter((m) => m.includes('Unused'))).toEqual([]);
    expect((await client.pull(uri)).filter((d) => d.code === undefined)).toEqual([]);
  });
});
