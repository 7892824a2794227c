// Every inventory format, with its resolution rule (namespace, name, keys, source line).
import { describe, expect, it } from 'vitest';
import { find, scan, summary } from './helpers.js';

describe('kind: Secret', () => {
  const result = scan(['secret/*.yaml', 'secret/*.json']);

  it('reads data and stringData keys of every document of a multi-document file, at the line of metadata.name', () => {
    expect(find(result, 'db-credentials')).toEqual([
      { name: 'db-credentials', where: 'payments-development', keys: ['password', 'username', 'host'], complete: true, kind: 'Secret', at: 'secret/multi-doc.yaml:5' },
      { name: 'db-credentials', where: 'payments-production', keys: ['username'], complete: true, kind: 'Secret', at: 'secret/secret.json:5' },
    ]);
  });

  it('keeps the line of each key', () => {
    const entry = result.entries.find((e) => e.name === 'db-credentials' && e.source.file.endsWith('.yaml'))!;
    expect(entry.keys).toEqual([
      { name: 'password', line: 12 },
      { name: 'username', line: 13 },
      { name: 'host', line: 15 },
    ]);
    const json = result.entries.find((e) => e.source.file.endsWith('secret.json'))!;
    expect(json.keys).toEqual([{ name: 'username', line: 10 }]);
  });

  it('leaves a Secret without metadata.namespace unresolved instead of assuming "default"', () => {
    const [stripe] = result.entries.filter((e) => e.name === 'stripe');
    expect(stripe!.scope).toEqual({ kind: 'unresolved', reason: 'no metadata.namespace' });
  });

  it('skips service-account tokens and other documents', () => {
    expect(result.entries.map((e) => e.name).sort()).toEqual(['db-credentials', 'db-credentials', 'stripe']);
    expect(result.problems).toEqual([]);
  });
  it('reads a file that both manifests and inventory list once', () => {
    const twice = scan(['secret/*.json'], ['secret/*.json']);
    expect(twice.entries.map((e) => e.kind)).toEqual(['Secret']);
  });
});

describe('kubectl get secrets -A -o json', () => {
  const result = scan([], ['dump/*.json']);

  it('reads the items of a List, skipping service-account tokens and Helm release secrets', () => {
    expect(result.entries.map(summary)).toEqual([
      { name: 'db-credentials', where: 'payments-staging', keys: ['password', 'username'], complete: true, kind: 'cluster dump', at: 'dump/kubectl-secrets.json:33' },
      { name: 'user-info', where: 'flytesnacks-development', keys: ['user_secret'], complete: true, kind: 'cluster dump', at: 'dump/kubectl-secrets.json:48' },
    ]);
  });

  it('locates keys in the item they belong to, not in managedFields or another item', () => {
    expect(result.entries[0]!.keys).toEqual([
      { name: 'password', line: 7 },
      { name: 'username', line: 8 },
    ]);
    expect(result.entries[1]!.keys).toEqual([{ name: 'user_secret', line: 43 }]);
  });
});

describe('kustomize', () => {
  const result = scan(['kustomize/**/*.yaml']);

  it('applies each overlay namespace to the base manifests (the base itself is not deployed)', () => {
    expect(find(result, 'warehouse')).toEqual([
      { name: 'warehouse', where: 'payments-development', keys: ['snowflake-password', 'snowflake-user'], complete: true, kind: 'Secret', at: 'kustomize/base/warehouse.yaml:4' },
    ]);
    expect(find(result, 'prod-warehouse')).toEqual([
      { name: 'prod-warehouse', where: 'payments-production', keys: ['snowflake-password', 'snowflake-user'], complete: true, kind: 'Secret', at: 'kustomize/base/warehouse.yaml:4' },
    ]);
    expect(result.entries.every((e) => e.scope.kind === 'namespace')).toBe(true);
  });

  it('reads secretGenerator keys from literals (before "="), files (key=path or the file name) and env files', () => {
    const [generated] = find(result, 'analytics-api');
    expect(generated).toEqual({
      name: 'analytics-api',
      where: 'payments-development',
      keys: ['token', 'endpoint', 'tls.crt', 'ca', 'ANALYTICS_CLIENT_ID', 'ANALYTICS_CLIENT_SECRET', 'ANALYTICS_REGION'],
      complete: true,
      kind: 'kustomize secretGenerator',
      at: 'kustomize/base/kustomization.yaml:6',
    });
  });

  it('records the kustomizations an object came through', () => {
    const entry = result.entries.find((e) => e.name === 'prod-warehouse')!;
    expect(entry.via?.map((file) => file.split('fixtures/inventory/')[1])).toEqual(['kustomize/base/kustomization.yaml', 'kustomize/overlays/production/kustomization.yaml']);
  });

  it('adds the keys of a behavior: merge generator to the same Secret', () => {
    expect(find(result, 'analytics-api').map((e) => e.keys)).toContainEqual(['debug-token']);
  });

  it('marks a generator without disableNameSuffixHash as hashed (it never matches a Flyte group)', () => {
    const hashed = result.entries.filter((e) => e.hashedName).map((e) => `${e.name}@${(e.scope as { namespace: string }).namespace}`);
    expect(hashed.sort()).toEqual(['cache@payments-development', 'prod-cache@payments-production']);
  });

  it('notes the kustomize features it does not evaluate', () => {
    expect(result.problems.map((p) => `${p.severity} ${p.reason}`)).toEqual(['note kustomize patches not evaluated: names and keys may differ from `kustomize build`']);
  });

  it('follows a kustomization to resources outside the manifests globs', () => {
    const overlayOnly = scan(['kustomize/overlays/production/kustomization.yaml']);
    expect(overlayOnly.entries.map((e) => e.name).sort()).toEqual(['prod-analytics-api', 'prod-cache', 'prod-warehouse']);
    expect(overlayOnly.files.map((f) => f.file.split('fixtures/inventory/')[1]).sort()).toEqual([
      'kustomize/base/analytics.env',
      'kustomize/base/kustomization.yaml',
      'kustomize/base/warehouse.yaml',
      'kustomize/overlays/production/kustomization.yaml',
    ]);
  });
});

describe('Flyte cluster-resource templates', () => {
  const result = scan(['cluster-resource-templates/**/*.yaml']);

  it('finds Secrets in flyte-core values, flyte-binary values, a rendered ConfigMap and a plain template file', () => {
    expect(result.entries.map(summary).sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: '{{ project }}-warehouse', where: 'project-namespaces', keys: ['dsn'], complete: true, kind: 'cluster-resource template', at: 'cluster-resource-templates/flyte-binary-values.yaml:16' },
      { name: 'dockerhub', where: 'project-namespaces', keys: ['.dockerconfigjson'], complete: true, kind: 'cluster-resource template', at: 'cluster-resource-templates/flyte-core-values.yaml:35' },
      { name: 'monitoring', where: 'project-namespaces', keys: ['datadog-api-key'], complete: true, kind: 'cluster-resource template', at: 'cluster-resource-templates/templates/ac_monitoring.yaml:4' },
      { name: 'sentry', where: 'project-namespaces', keys: ['dsn'], complete: true, kind: 'cluster-resource template', at: 'cluster-resource-templates/rendered-configmap.yaml:20' },
    ]);
    expect(result.problems).toEqual([]);
  });

  it('substitutes {{ namespace }} before parsing, so an unquoted template variable is not read as a YAML map', () => {
    const monitoring = result.entries.find((e) => e.name === 'monitoring')!;
    expect(monitoring.keys).toEqual([{ name: 'datadog-api-key', line: 10 }]);
  });
});

describe('External Secrets', () => {
  const result = scan(['external-secrets/*.yaml']);

  it('names the target Secret after target.name with the keys of data[].secretKey', () => {
    expect(find(result, 'openai')).toEqual([
      { name: 'openai', where: 'payments-development', keys: ['api-key', 'organization'], complete: true, kind: 'ExternalSecret', at: 'external-secrets/externalsecret-v1.yaml:12' },
    ]);
  });

  it('takes the keys of target.template.data, which replace data[] by default', () => {
    expect(find(result, 'warehouse-dsn')).toEqual([
      { name: 'warehouse-dsn', where: 'payments-production', keys: ['dsn'], complete: true, kind: 'ExternalSecret', at: 'external-secrets/externalsecret-v1.yaml:35' },
    ]);
  });

  it('skips creationPolicy: None', () => {
    expect(find(result, 'audit-only')).toEqual([]);
  });

  it('reads v1beta1 and treats dataFrom keys as unknown (never a missing key)', () => {
    const [slack] = result.entries.filter((e) => e.name === 'slack-webhook');
    expect(summary(slack!)).toMatchObject({ where: 'unresolved', keys: [], complete: false });
    expect(slack!.keysNote).toBe('dataFrom fetches keys from the provider');
  });

  it('places a ClusterExternalSecret in its listed namespaces, and keeps selectors unresolved when no Namespace matches', () => {
    expect(find(result, 'github')).toEqual([
      { name: 'github', where: 'ci-runners', keys: ['token'], complete: true, kind: 'ClusterExternalSecret', at: 'external-secrets/cluster-external-secret.yaml:4' },
      { name: 'github', where: 'unresolved', keys: ['token'], complete: true, kind: 'ClusterExternalSecret', at: 'external-secrets/cluster-external-secret.yaml:4' },
    ]);
    const unresolved = result.entries.find((e) => e.name === 'github' && e.scope.kind === 'unresolved')!;
    expect(unresolved.scope).toEqual({ kind: 'unresolved', reason: 'namespace selector flyte.org/managed=true matches no Namespace in the manifests' });
  });

  it('matches ClusterExternalSecret selectors against Namespaces, including those a cluster-resource template creates', () => {
    const withTemplates = scan(['external-secrets/*.yaml', 'cluster-resource-templates/flyte-core-values.yaml']);
    expect(find(withTemplates, 'github').map((e) => e.where)).toEqual(['ci-runners', 'project-namespaces']);
  });
});

describe('SealedSecret, SOPS, Vault', () => {
  it('uses a SealedSecret own name and namespace, with encryptedData and template.data keys', () => {
    expect(find(scan(['sealed-secrets/*.yaml']), 'twilio')).toEqual([
      { name: 'twilio', where: 'payments-staging', keys: ['account-sid', 'auth-token', 'sms-from'], complete: true, kind: 'SealedSecret', at: 'sealed-secrets/sealed.yaml:4' },
    ]);
  });

  it('reads the plaintext keys of a SOPS-encrypted Secret', () => {
    expect(scan(['sops/*.yaml']).entries.map(summary)).toEqual([
      { name: 'sendgrid', where: 'payments-staging', keys: ['api-key', 'from-address'], complete: true, kind: 'SOPS Secret', at: 'sops/sendgrid.enc.yaml:4' },
    ]);
  });

  it('reads Vault agent annotations as Vault paths and a VaultStaticSecret as a Secret with unknown keys', () => {
    expect(scan(['vault/*.yaml']).entries.map(summary)).toEqual([
      { name: 'secret/data/my-db-credentials', where: 'manager:Vault', keys: [], complete: false, kind: 'Vault agent annotation', at: 'vault/pod-template.yaml:12' },
      { name: 'snowflake', where: 'payments-production', keys: [], complete: false, kind: 'VaultStaticSecret', at: 'vault/vault-static-secret.yaml:13' },
      { name: 'kvv2/data/payments/snowflake', where: 'manager:Vault', keys: [], complete: false, kind: 'VaultStaticSecret', at: 'vault/vault-static-secret.yaml:10' },
    ]);
  });
});

describe('cloud secret manager listings', () => {
  it('reads names and ARNs of aws secretsmanager list-secrets', () => {
    const result = scan([], ['cloud/aws-list-secrets.json']);
    expect(result.entries.map((e) => [e.name, e.resource, e.kind, e.source.line])).toEqual([
      ['payments/db-password', 'arn:aws:secretsmanager:us-east-1:000000000000:secret:payments/db-password-AbC123', 'AWS Secrets Manager', 5],
      ['my-db-credentials', 'arn:aws:secretsmanager:us-east-1:000000000000:secret:my-db-credentials-XyZ789', 'AWS Secrets Manager', 23],
    ]);
  });

  it('reads secret ids of gcloud secrets list', () => {
    const result = scan([], ['cloud/gcp-secrets-list.json']);
    expect(result.entries.map((e) => [e.name, e.resource, e.source.line])).toEqual([
      ['warehouse-password', 'projects/000000000000/secrets/warehouse-password', 8],
      ['openai-api-key', 'projects/000000000000/secrets/openai-api-key', 16],
    ]);
  });
});

describe('values are never kept', () => {
  it('holds no value of any fixture anywhere in the scan result', () => {
    const everything = scan(['**/*.yaml', '**/*.yml', 'secret/*.json'], ['dump/*.json', 'cloud/*.json']);
    const text = JSON.stringify(everything);
    expect(everything.entries.length).toBeGreaterThan(20);
    expect(text).not.toMatch(/do-not-print|RkFLRS1WQUxVRS1kby1ub3Qt/);
  });
});
