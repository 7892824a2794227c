// fixtures/flyte2-store through the real CLIs: ESLint reports exactly the requests marked
// "# missing"/"# not in every cluster"/"# typo"/"# in no scope" in its code, and
// `flyte-secrets inventory` shows the store's secrets with their scopes.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture, eslint, findings, flyteSecrets, REPO } from './run-eslint.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const fixture = () => {
  const dir = copyFixture('flyte2-store');
  dirs.push(dir);
  return dir;
};

/** `file:line` of every line whose comment marks an expected finding. */
function marked(): string[] {
  const root = path.join(REPO, 'fixtures/flyte2-store');
  return ['payments', 'research_jobs'].flatMap((folder) =>
    readdirSync(path.join(root, folder))
      .filter((name) => name.endsWith('.py'))
      .flatMap((name) =>
        readFileSync(path.join(root, folder, name), 'utf8')
          .split('\n')
          .flatMap((line, i) => (/# (missing|not in every cluster|typo|in no scope)/.test(line) ? [`${name}:${i + 1}`] : [])),
      ),
  );
}

describe('fixtures/flyte2-store', () => {
  it('reports exactly the marked requests, each once, with the project-domain pairs where it is missing', () => {
    const run = eslint(fixture(), ['-f', 'json', '.']);
    const store = findings(run).filter((f) => f.includes('secret-exists-in-namespaces'));
    expect(store.map((f) => f.split(':').slice(0, 2).join(':')).sort()).toEqual(marked().sort());
    expect(store).toContainEqual(expect.stringMatching(/^envs\.py:11:53 .* Secret "stripe-api-key" is not in the Flyte secret store for payments\/development: .* Listed for payments\/production \(store\/payments-production\.txt:1\)\./));
    expect(store).toContainEqual(expect.stringMatching(/^tasks\.py:8:65 .* "openai-api-kye" .* Did you mean "openai-api-key"\?$/));
    expect(run.stderr).not.toMatch(/warning: inventory/);
  });

  it('shows the store in `flyte-secrets inventory`, by scope and per project/domain', () => {
    const run = flyteSecrets(fixture(), ['inventory']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Flyte secret store: organization +ghcr-pull +\(image-pull secret\) +store\/org\.json:8 \(Flyte secret store\)$/m);
    expect(run.stdout).toMatch(/^Flyte secret store: project research +wandb-api-key +\(looked up by name\) +store\/research\.txt:4/m);
    expect(run.stdout).toMatch(/^Flyte secret store: organization +slack-bot-token .*MISSING in eu-west/m);
    expect(run.stdout).toMatch(/^SECRET +payments\/development +payments\/production +research\/development +research\/production$/m);
    expect(run.stdout).toMatch(/^payments-db-password +domain +pair +domain +-$/m);
    expect(run.stdout).toMatch(/^wandb-api-key +- +- +project +project$/m);
  });

  it('gives the scope fields in `flyte-secrets inventory --json`', () => {
    const run = flyteSecrets(fixture(), ['inventory', '--json']);
    const report = JSON.parse(run.stdout) as { secrets: { name: string; scope: string; store: unknown }[] };
    expect(report.secrets.find((s) => s.name === 'stripe-api-key')).toMatchObject({
      scope: 'flyte-store',
      store: { organization: 'acme', project: 'payments', domain: 'production', imagePull: false, notEverywhere: null },
    });
  });

  it('warns about a malformed listing with its file name, never quoting it, and checks the rest', () => {
    const dir = fixture();
    const pyproject = path.join(dir, 'pyproject.toml');
    writeFileSync(pyproject, readFileSync(pyproject, 'utf8').replace('inventory = ["store/*.json", "store/*.txt"]', 'inventory = ["store/*.json", "store/*.txt", "listings/*"]'));
    const run = eslint(dir, ['-f', 'json', '.']);
    expect(run.stderr).toContain('flyte-secrets: warning: inventory: listings/truncated.json:2: malformed Flyte secret store listing (expected ":"); write the listing with `flyte get secret -o json-raw > secrets.json`');
    expect(run.stderr).toContain('flyte-secrets: warning: inventory: listings/table.txt: the table output of `flyte get secret` cannot be read');
    expect(run.stderr).not.toContain('FULLY_PRESENT');
    expect(findings(run).filter((f) => f.includes('secret-exists-in-namespaces'))).toHaveLength(marked().length);
  });
});
