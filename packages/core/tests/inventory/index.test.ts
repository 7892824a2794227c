// The queries the ESLint rule and the language server use, target namespaces, and the cache.
import { cpSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, getInventory, loadConfig, targetsFor, type FlyteSecretsConfig } from '../../src/index.js';
import { FIXTURES } from './helpers.js';

const base = loadConfig(path.join(FIXTURES, 'workflows/payments.py')).config;
const configWith = (overrides: Partial<FlyteSecretsConfig>): FlyteSecretsConfig => ({ ...base, ...overrides });
const index = getInventory(base);
const ns = (domain: string) => ({ project: 'payments', domain, namespace: `payments-${domain}` });
const all = ['development', 'staging', 'production'].map(ns);

describe('InventoryIndex queries', () => {
  it('is built once per configuration and process', () => {
    expect(getInventory(base)).toBe(index);
    expect(getInventory(configWith({}))).toBe(index);
  });

  it('places a cluster-resource template Secret in every project-domain namespace, filling {{ project }} into its name', () => {
    expect(index.lookup('dockerhub').map((p) => p.namespace)).toEqual(['payments-development', 'payments-staging', 'payments-production']);
    expect(index.lookup('payments-warehouse').map((p) => [p.namespace, p.entry.name])).toEqual([
      ['payments-development', '{{ project }}-warehouse'],
      ['payments-staging', '{{ project }}-warehouse'],
      ['payments-production', '{{ project }}-warehouse'],
    ]);
  });

  it('lists the secrets of a namespace and the keys of a secret there (completion)', () => {
    expect([...index.secretsIn('payments-staging').keys()].sort()).toEqual([
      'db-credentials', 'dockerhub', 'github', 'merged', 'monitoring', 'payments-warehouse', 'sendgrid', 'sentry', 'twilio',
    ]);
    expect(index.keysIn('db-credentials', 'payments-production')).toEqual({ keys: [{ name: 'username', line: 10 }], complete: true });
    expect(index.keysIn('snowflake', 'payments-production')).toMatchObject({ keys: [], complete: false });
    expect(index.keysIn('snowflake', 'payments-staging')).toBeUndefined();
  });

  it('offers groups and keys across the target namespaces, with the namespaces that have each (completion)', () => {
    const groups = index.groupsFor(all);
    expect(groups.get('openai')).toEqual(['payments-development']);
    expect(groups.get('dockerhub')).toEqual(['payments-development', 'payments-staging', 'payments-production']);
    expect(groups.has('cache')).toBe(false);
    expect(Object.fromEntries(index.keysFor('db-credentials', all))).toEqual({
      password: ['payments-development', 'payments-staging'],
      username: ['payments-development', 'payments-staging', 'payments-production'],
      host: ['payments-development'],
    });
  });

  it('knows secret names per manager and leaves out hashed generator names', () => {
    expect(index.allSecretNames()).toContain('stripe');
    expect(index.allSecretNames()).not.toContain('cache');
    expect(index.allSecretNames('AWS')).toEqual(['my-db-credentials', 'payments/db-password']);
    expect(index.allSecretNames('Vault')).toEqual(['kvv2/data/payments/snowflake', 'secret/data/my-db-credentials']);
    expect(index.namespaces()).toEqual(['ci-runners', 'flytesnacks-development', 'payments-development', 'payments-production', 'payments-staging']);
  });

  it('returns problems and a fingerprint', () => {
    expect(index.problems.filter((p) => p.severity === 'warning').length).toBe(7);
    expect(index.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('check (K8s)', () => {
  it('is not missing when every target namespace has the Secret and key', () => {
    const check = index.check({ group: 'db-credentials', key: 'username' }, all, 'K8s');
    expect(check.missing).toBe(false);
    expect(check.namespaces.map((n) => n.status)).toEqual(['present', 'present', 'present']);
  });

  it('tells a missing Secret from a missing key, per namespace', () => {
    const check = index.check({ group: 'db-credentials', key: 'password' }, all, 'K8s');
    expect(check.namespaces.map((n) => [n.target.namespace, n.status, n.keys])).toEqual([
      ['payments-development', 'present', ['host', 'password', 'username']],
      ['payments-staging', 'present', ['password', 'username']],
      ['payments-production', 'missing-key', ['username']],
    ]);
    const openai = index.check({ group: 'openai', key: 'api-key' }, all, 'K8s');
    expect(openai.namespaces.map((n) => n.status)).toEqual(['present', 'missing-secret', 'missing-secret']);
  });

  it('never calls a key missing when the keys are not all known', () => {
    const check = index.check({ group: 'snowflake', key: 'anything' }, [ns('production')], 'K8s');
    expect(check.namespaces[0]!.status).toBe('keys-unknown');
    expect(check.missing).toBe(false);
  });

  it('reports where the Secret exists outside the targets, including without a namespace', () => {
    const stripe = index.check({ group: 'stripe', key: 'api-key' }, all, 'K8s');
    expect(stripe.elsewhere.map((p) => [p.namespace, p.entry.scope.kind])).toEqual([[undefined, 'unresolved']]);
    const userInfo = index.check({ group: 'user-info', key: 'user_secret' }, all, 'K8s');
    expect(userInfo.elsewhere.map((p) => p.namespace)).toEqual(['flytesnacks-development']);
  });

  it('points at kustomize generators whose hashed name can never match', () => {
    const check = index.check({ group: 'cache', key: 'redis-password' }, all, 'K8s');
    expect(check.namespaces.map((n) => n.status)).toEqual(['missing-secret', 'missing-secret', 'missing-secret']);
    expect(check.hashed.map((p) => p.namespace)).toEqual(['payments-development']);
  });

  it('suggests a near group when the Secret exists nowhere, and a near key when the key is missing', () => {
    expect(index.check({ group: 'twillio', key: 'auth-token' }, all, 'K8s').didYouMean).toEqual({ group: 'twilio' });
    expect(index.check({ group: 'db-credentials', key: 'pasword' }, [ns('development')], 'K8s').didYouMean).toEqual({ key: 'password' });
    expect(index.check({ group: 'openai', key: 'api-key' }, all, 'K8s').didYouMean).toBeUndefined();
  });
});

describe('check (AWS, GCP, Vault)', () => {
  it('matches AWS as Flyte builds the ARN: group + ":" + key, with or without the random suffix', () => {
    const group = 'arn:aws:secretsmanager:us-east-1:000000000000:secret';
    expect(index.check({ group, key: 'payments/db-password' }, [], 'AWS').missing).toBe(false);
    expect(index.check({ group: `${group}:`, key: 'payments/db-password' }, [], 'AWS').missing).toBe(false);
    expect(index.check({ group: 'arn:aws:secretsmanager:eu-west-1:000000000000:secret', key: 'payments/db-password' }, [], 'AWS').missing).toBe(true);
    expect(index.check({ group, key: 'payments/db-pasword' }, [], 'AWS').didYouMean).toEqual({ key: 'payments/db-password' });
  });

  it('explains the AWS naming when the group is a secret name, as the seed guide suggests', () => {
    const check = index.check({ group: 'my-db-credentials', key: 'password' }, [], 'AWS');
    expect(check.missing).toBe(true);
    expect(check.note).toBe(
      'Flyte\'s AWS secret manager fetches the secret "my-db-credentials:password" (group, \':\', key), not the one named "my-db-credentials": request Secret(group="arn:aws:secretsmanager:us-east-1:000000000000:secret", key="my-db-credentials").',
    );
  });

  it('matches GCP by secret id, written alone or as a resource name', () => {
    expect(index.check({ group: 'warehouse-password', key: '' }, [], 'GCP').missing).toBe(false);
    expect(index.check({ group: 'projects/my-project/secrets/openai-api-key', key: '' }, [], 'GCP').missing).toBe(false);
    expect(index.check({ group: 'warehouse-pasword', key: '' }, [], 'GCP').didYouMean).toEqual({ group: 'warehouse-password' });
  });

  it('matches Vault paths', () => {
    expect(index.check({ group: 'secret/data/my-db-credentials', key: 'password' }, [], 'Vault').missing).toBe(false);
    expect(index.check({ group: 'secret/data/other', key: 'password' }, [], 'Vault').missing).toBe(true);
  });
});

describe('targetsFor', () => {
  const root = FIXTURES;
  const file = (relative: string) => path.join(root, relative);

  it('is every project x domain through the namespace template', () => {
    expect(targetsFor(file('workflows/payments.py'), base).map((t) => t.namespace)).toEqual(['payments-development', 'payments-staging', 'payments-production']);
    const perDomain = configWith({ namespaceTemplate: '{{ domain }}', projects: ['a', 'b'] });
    expect(targetsFor(file('x.py'), perDomain).map((t) => t.namespace)).toEqual(['development', 'staging', 'production']);
  });

  it('is empty without projects', () => {
    expect(targetsFor(file('x.py'), { ...DEFAULT_CONFIG, root, source: undefined })).toEqual([]);
  });

  it('uses the [[targets]] tables whose paths match, else every project x domain', () => {
    const config = configWith({
      targets: [
        { paths: ['ml/**/*.py'], projects: ['ml'], domains: ['production'] },
        { paths: ['reports'], projects: ['reports'] },
      ],
    });
    expect(targetsFor(file('ml/train/model.py'), config).map((t) => t.namespace)).toEqual(['ml-production']);
    expect(targetsFor(file('reports/weekly.py'), config).map((t) => t.namespace)).toEqual(['reports-development', 'reports-staging', 'reports-production']);
    expect(targetsFor(file('workflows/payments.py'), config).map((t) => t.namespace)).toEqual(['payments-development', 'payments-staging', 'payments-production']);
  });

  it('places cluster-resource templates in the namespaces of target projects too', () => {
    const config = configWith({ targets: [{ paths: ['ml/**'], projects: ['ml'], domains: ['production'] }] });
    expect(getInventory(config).lookup('dockerhub').map((p) => p.namespace)).toContain('ml-production');
  });
});

describe('cache invalidation by stamps', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'flyte-secrets-stamps-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(path.join(FIXTURES, 'secret'), path.join(dir, 'deploy'), { recursive: true });
  const config: FlyteSecretsConfig = { ...DEFAULT_CONFIG, projects: ['payments'], manifests: ['deploy/**/*.yaml', 'deploy/*.json'], root: dir, source: undefined };

  it('sees a changed, an added and a removed manifest, and re-reads only what changed', () => {
    const first = getInventory(config, { maxAgeMs: 0 });
    expect(getInventory(config, { maxAgeMs: 0 })).toBe(first);
    const unchanged = first.entries.find((e) => e.source.file.endsWith('multi-doc.yaml'))!;

    const json = path.join(dir, 'deploy/secret.json');
    writeFileSync(json, '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db-credentials","namespace":"payments-production"},"data":{"password":"", "username":""}}');
    utimesSync(json, new Date(), new Date(Date.now() + 5000));
    const second = getInventory(config, { maxAgeMs: 0 });
    expect(second).not.toBe(first);
    expect(second.fingerprint).not.toBe(first.fingerprint);
    expect(second.keysIn('db-credentials', 'payments-production')?.keys.map((k) => k.name)).toEqual(['password', 'username']);
    expect(second.entries.find((e) => e.source.file.endsWith('multi-doc.yaml'))).toBe(unchanged);

    writeFileSync(path.join(dir, 'deploy/new.yaml'), 'apiVersion: v1\nkind: Secret\nmetadata: {name: added, namespace: payments-staging}\n');
    const third = getInventory(config, { maxAgeMs: 0 });
    expect(third.lookup('added').map((p) => p.namespace)).toEqual(['payments-staging']);

    rmSync(path.join(dir, 'deploy/new.yaml'));
    expect(getInventory(config, { maxAgeMs: 0 }).lookup('added')).toEqual([]);
  });

  it('trusts a recent build for maxAgeMs', () => {
    const before = getInventory(config, { maxAgeMs: 0 });
    writeFileSync(path.join(dir, 'deploy/late.yaml'), 'apiVersion: v1\nkind: Secret\nmetadata: {name: late, namespace: payments-staging}\n');
    expect(getInventory(config, { maxAgeMs: 60_000 })).toBe(before);
    expect(getInventory(config, { maxAgeMs: 0 }).lookup('late')).toHaveLength(1);
  });
});
