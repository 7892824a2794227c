// The Flyte secret store's listing in every form `flyte get secret` prints it (fixtures made by
// fixtures/flyte2-store/make-listings.py with Rich, as the CLI prints), and the lookup order.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InventoryIndex, scanInventory, type InventoryEntry } from '../../src/index.js';
import { parseListingLiteral, stripTerminalCodes } from '../../src/inventory/listing-literal.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../fixtures/flyte2-store');
const scan = (inventory: string[]) => scanInventory({ root: ROOT, manifests: [], inventory });

function summary(entry: InventoryEntry) {
  const scope = entry.scope.kind === 'flyte-store' ? entry.scope : undefined;
  return {
    name: entry.name,
    project: scope?.project,
    domain: scope?.domain,
    at: `${path.relative(ROOT, entry.source.file)}:${entry.source.line}`,
    ...(entry.imagePull ? { imagePull: true } : {}),
    ...(entry.notEverywhere ? { notEverywhere: entry.notEverywhere } : {}),
  };
}

describe('flyte get secret -o json-raw (plain, wrapped at 80 columns)', () => {
  const result = scan(['store/org.json']);

  it('reads every secret of the list with its scope, type and cluster presence, at the line of its name', () => {
    expect(result.entries.map(summary)).toEqual([
      { name: 'openai-api-key', project: undefined, domain: undefined, at: 'store/org.json:1' },
      { name: 'hf-token', project: undefined, domain: undefined, at: 'store/org.json:4' },
      { name: 'ghcr-pull', project: undefined, domain: undefined, at: 'store/org.json:8', imagePull: true },
      { name: 'slack-bot-token', project: undefined, domain: undefined, at: 'store/org.json:12', notEverywhere: { status: 'PARTIALLY_PRESENT', missingIn: ['eu-west'] } },
    ]);
    expect(result.entries.every((e) => e.kind === 'Flyte secret store' && e.scope.kind === 'flyte-store' && e.scope.organization === 'acme')).toBe(true);
    expect(result.problems).toEqual([]);
  });
});

describe('the same with colour codes, and the -o json Python literal', () => {
  it('reads a coloured, wrapped json-raw listing of a project-domain pair', () => {
    const result = scan(['store/payments-production.txt']);
    expect(result.entries.map(summary)).toEqual([
      { name: 'stripe-api-key', project: 'payments', domain: 'production', at: 'store/payments-production.txt:1' },
      { name: 'payments-db-password', project: 'payments', domain: 'production', at: 'store/payments-production.txt:5' },
    ]);
    expect(result.problems.map((p) => [p.severity, p.reason])).toEqual([['note', 'colour codes of the terminal removed from the listing (TERM=dumb avoids them)']]);
  });

  it('reads the coloured Python literal of a domain and the plain one of a project (Union)', () => {
    const result = scan(['store/development.txt', 'store/research.txt']);
    expect(result.entries.map(summary)).toEqual([
      { name: 'payments-db-password', project: undefined, domain: 'development', at: 'store/development.txt:4' },
      { name: 'sandbox-key', project: undefined, domain: 'development', at: 'store/development.txt:23' },
      { name: 'wandb-api-key', project: 'research', domain: undefined, at: 'store/research.txt:4' },
    ]);
  });
});

describe('forms it cannot read', () => {
  it('says how to produce the readable form for the table output', () => {
    const result = scan(['listings/table.txt']);
    expect(result.entries).toEqual([]);
    expect(result.problems).toEqual([
      {
        file: path.join(ROOT, 'listings/table.txt'),
        severity: 'warning',
        reason: expect.stringMatching(/^the table output of `flyte get secret` cannot be read: write the listing with `flyte get secret -o json-raw > secrets.json`/),
      },
    ]);
  });

  it('warns about a listing cut short, naming the line, and reads nothing from it', () => {
    const result = scan(['listings/truncated.json']);
    expect(result.entries).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ file: path.join(ROOT, 'listings/truncated.json'), severity: 'warning', line: 2 });
    expect(result.problems[0]!.reason).toMatch(/^malformed Flyte secret store listing \(expected ":"\); write the listing with `flyte get secret -o json-raw/);
  });
});

describe('listing literal parser', () => {
  it('reads JSON and Python literals alike, and drops a wrap inside a string', () => {
    const parsed = parseListingLiteral("[{'a': True, \"b\": None, 'c': (1, -2.5e3), 'd': 'x\\'y\\u00e9', 'e': 'long-na\nme',},]");
    expect(parsed.ok && parsed.value).toEqual([{ a: true, b: null, c: [1, -2500], d: "x'y\u00e9", e: 'long-name' }]);
  });

  it('describes errors without quoting the text (a malformed listing could hold anything)', () => {
    for (const text of ['[{"id": sk_live_fake}]', '{"id": {"name": "a"}', '[1 2]', '"open']) {
      const parsed = parseListingLiteral(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.reason).not.toMatch(/sk_live|open|"a"/);
    }
  });

  it('refuses nesting deeper than a listing has instead of overflowing the stack', () => {
    const parsed = parseListingLiteral('['.repeat(100_000));
    expect(parsed).toMatchObject({ ok: false, reason: 'nested too deeply' });
  });

  it('removes colour and hyperlink sequences', () => {
    expect(stripTerminalCodes('\u001b[1m[\u001b[0m\u001b]8;;https://x\u0007a\u001b]8;;\u0007]')).toBe('[a]');
  });
});

describe('lookup order (embedded_secret_manager.go lookUpSecret): project-domain, domain, project, organization', () => {
  const result = scan(['store/*.json', 'store/*.txt']);
  const target = (project: string, domain: string) => ({ project, domain, namespace: `${project}-${domain}` });
  const index = new InventoryIndex(result, [target('payments', 'development'), target('payments', 'production'), target('research', 'production')]);
  const served = (name: string, project: string, domain: string) => {
    const entry = index.storeEntryFor(name, target(project, domain));
    return entry && entry.scope.kind === 'flyte-store' ? [entry.scope.project ?? '*', entry.scope.domain ?? '*'].join('/') : 'missing';
  };

  it('picks the narrowest scope that applies, and nothing from another project or domain', () => {
    expect(served('payments-db-password', 'payments', 'production')).toBe('payments/production');
    expect(served('payments-db-password', 'payments', 'development')).toBe('*/development');
    expect(served('payments-db-password', 'research', 'production')).toBe('missing');
    expect(served('wandb-api-key', 'research', 'production')).toBe('research/*');
    expect(served('wandb-api-key', 'payments', 'production')).toBe('missing');
    expect(served('openai-api-key', 'research', 'production')).toBe('*/*');
  });

  it('checks a key by name alone, naming the pairs that lack it and a near name', () => {
    const targets = index.projectNamespaces;
    const check = index.check({ group: '', key: 'stripe-api-key' }, targets, 'Union');
    expect(check.namespaces.map((n) => [n.target.namespace, n.status])).toEqual([
      ['payments-development', 'missing-secret'],
      ['payments-production', 'present'],
      ['research-production', 'missing-secret'],
    ]);
    expect(index.check({ group: '', key: 'openai-api-kye' }, targets, 'Union').didYouMean).toEqual({ key: 'openai-api-key' });
    expect(index.check({ group: 'openai-api-key', key: 'api_key' }, targets, 'Union').note).toMatch(/looks secrets up by key alone/);
    expect(index.check({ group: 'whatever', key: 'slack-bot-token' }, targets, 'Union')).toMatchObject({ missing: false, notEverywhere: [{ name: 'slack-bot-token' }] });
  });
});
