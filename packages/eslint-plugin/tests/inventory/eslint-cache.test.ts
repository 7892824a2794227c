// ESLint's --cache must never serve a stale result after a manifest, a dump or pyproject.toml
// changes: the plugin puts a fingerprint of them into what the cache hashes (the config).
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture, eslint, findings } from './run-eslint.js';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function lint(dir: string) {
  const run = eslint(dir, ['--cache', '--cache-location', path.join(dir, '.eslintcache'), '--debug', '-f', 'json', 'payments/summary.py']);
  return { findings: findings(run), cached: run.stderr.includes("Skipping file since it hasn't changed") };
}

describe('eslint --cache and the inventory', () => {
  it('serves cached results until a manifest changes, then lints again', () => {
    const dir = copyFixture('demo');
    made.push(dir);
    const first = lint(dir);
    expect(first.cached).toBe(false);
    expect(first.findings).toEqual([expect.stringContaining('summary.py:9:10 @flyte-secrets/secret-exists-in-namespaces Secret "openai" (key "api-key") is missing from payments-production')]);
    expect(lint(dir)).toEqual({ findings: first.findings, cached: true });

    // Someone creates the production ExternalSecret: the finding must go away.
    const staging = readFileSync(path.join(dir, 'deploy/staging/openai.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'deploy/production/openai.yaml'), staging.replaceAll('staging', 'production'));
    expect(lint(dir)).toEqual({ findings: [], cached: false });
    expect(lint(dir)).toEqual({ findings: [], cached: true });
  });

  it('lints again when a cluster dump or pyproject.toml changes', () => {
    const dir = copyFixture('demo');
    made.push(dir);
    expect(lint(dir).findings).toHaveLength(1);
    expect(lint(dir).cached).toBe(true);

    // The project also runs in a "qa" domain where the dump shows nothing: one more namespace missing.
    const pyproject = path.join(dir, 'pyproject.toml');
    writeFileSync(pyproject, readFileSync(pyproject, 'utf8').replace('projects = ["payments"]', 'projects = ["payments"]\ndomains = ["development", "staging", "production", "qa"]'));
    const afterConfig = lint(dir);
    expect(afterConfig.cached).toBe(false);
    expect(afterConfig.findings[0]).toContain('is missing from payments-production, payments-qa');

    const dump = path.join(dir, 'cluster/secrets.json');
    const openai = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'openai', namespace: 'payments-qa' }, data: { 'api-key': '' } };
    const list = JSON.parse(readFileSync(dump, 'utf8')) as { items: unknown[] };
    list.items.push(openai);
    writeFileSync(dump, JSON.stringify(list, null, 2));
    const afterDump = lint(dir);
    expect(afterDump.cached).toBe(false);
    expect(afterDump.findings[0]).toContain('is missing from payments-production:');
  });

  it('follows manifests configured in ESLint settings instead of pyproject.toml', () => {
    const dir = copyFixture('demo', { manifests: ['k8s/**/*.yaml'], inventory: [] });
    made.push(dir);
    const k8s = path.join(dir, 'k8s/openai.yaml');
    const secret = (namespace: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: openai\n  namespace: ${namespace}\nstringData:\n  api-key: ""\n---\n`;
    mkdirSync(path.dirname(k8s));
    writeFileSync(k8s, secret('payments-development') + secret('payments-staging'));
    expect(lint(dir).findings[0]).toContain('is missing from payments-production:');
    expect(lint(dir).cached).toBe(true);
    appendFileSync(k8s, secret('payments-production'));
    expect(lint(dir)).toEqual({ findings: [], cached: false });
  });
});
