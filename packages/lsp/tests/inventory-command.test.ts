// `workspace/executeCommand` "flyte-secrets.inventory": the workspace's inventories, as data and as
// the CLI's table, for an editor to show (the VS Code extension's status bar and inventory view).
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, PULL_CAPABILITIES, TestClient } from './support/lsp-client.js';

const INVENTORY = path.join(FIXTURES, 'inventory');

interface Answer {
  inventories: { report: { config: string | null; secrets: { name: string; namespace: string | null; keys: string[] }[]; projectNamespaces: string[] }; text: string }[];
}

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

const inventory = (c: TestClient) => c.connection.sendRequest<Answer>('workspace/executeCommand', { command: 'flyte-secrets.inventory' });

describe('the flyte-secrets.inventory command', () => {
  it('is announced and lists each secret of the workspace folder\'s inventory by name and keys, never a value', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: INVENTORY });
    expect(client.initializeResult.capabilities.executeCommandProvider?.commands).toContain('flyte-secrets.inventory');
    const answer = await inventory(client);
    expect(answer.inventories).toHaveLength(1);
    const [{ report, text }] = answer.inventories as [Answer['inventories'][number]];
    expect(report.config).toBe(path.join(INVENTORY, 'pyproject.toml'));
    expect(report.projectNamespaces).toEqual(['payments-development', 'payments-production']);
    expect(report.secrets.map((s) => `${s.namespace}/${s.name}: ${s.keys.join(',')}`)).toEqual([
      'payments-development/db: password,user',
      'payments-development/stripe: api_key',
      'payments-production/db: password,user',
    ]);
    expect(text).toContain('flyte-secrets inventory for');
    expect(text).toMatch(/stripe\s+yes\s+-/);
    // The manifests hold (fake) values; neither form of the answer carries them.
    expect(JSON.stringify(answer)).not.toMatch(/RkFLRS|sk_test_FAKE/);
  });

  it('applies flyteSecrets.config over the pyproject.toml', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: INVENTORY, settings: { config: { manifests: ['deploy/production/*.yaml'] } } });
    const answer = await inventory(client);
    expect(answer.inventories.flatMap((i) => i.report.secrets.map((s) => `${s.namespace}/${s.name}`))).toEqual(['payments-production/db']);
  });

  it('answers no inventory where no configuration lists manifests or dumps, and an error for unknown commands', async () => {
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: path.join(FIXTURES, 'project') });
    expect((await inventory(client)).inventories).toEqual([]);
    await expect(client.connection.sendRequest('workspace/executeCommand', { command: 'flyte-secrets.nope' })).rejects.toThrow(/unknown command flyte-secrets.nope/);
  });
});
