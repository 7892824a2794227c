// `flyte-secrets inventory [--json] [folder]`
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFlyteSecrets, type InventoryReport } from '../../src/index.js';
import { FIXTURES } from './helpers.js';

function run(args: string[], cwd = FIXTURES) {
  let stdout = '';
  let stderr = '';
  const code = runFlyteSecrets(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd });
  return { code, stdout, stderr };
}

describe('flyte-secrets inventory', () => {
  it('prints the namespace x secret x key table with sources', () => {
    const { code, stdout } = run(['inventory']);
    expect(code).toBe(0);
    expect(stdout).toContain(`flyte-secrets inventory for ${path.join(FIXTURES, 'pyproject.toml')}`);
    expect(stdout).toMatch(/^NAMESPACE +SECRET +KEYS +SOURCE$/m);
    expect(stdout).toMatch(/^payments-development +db-credentials +password, username, host +secret\/multi-doc\.yaml:5 \(Secret\)$/m);
    expect(stdout).toMatch(/^every project-domain namespace +dockerhub +\.dockerconfigjson +cluster-resource-templates\/flyte-core-values\.yaml:35 \(cluster-resource template\)$/m);
    expect(stdout).toMatch(/^\(no namespace\) +slack-webhook +unknown keys \(dataFrom fetches keys from the provider\) +external-secrets/m);
    expect(stdout).toMatch(/^payments-production +prod-cache-<hash> +redis-password +kustomize\/base\/kustomization\.yaml:18 \(kustomize secretGenerator\) via kustomize\/base\/kustomization\.yaml < kustomize\/overlays\/production\/kustomization\.yaml$/m);
    expect(stdout).toMatch(/^AWS secret manager +payments\/db-password +unknown keys \(AWS lists secret names only\) +cloud\/aws-list-secrets\.json:5/m);
  });

  it('prints which project-domain namespace has which Secret', () => {
    const { stdout } = run(['inventory']);
    expect(stdout).toMatch(/^SECRET +payments-development +payments-staging +payments-production$/m);
    expect(stdout).toMatch(/^openai +yes +- +-$/m);
    expect(stdout).toMatch(/^dockerhub +yes +yes +yes$/m);
  });

  it('prints every skipped file and why', () => {
    const { stdout } = run(['inventory']);
    expect(stdout).toContain('  warning  bad/invalid.yaml:5: invalid YAML: bad indentation');
    expect(stdout).toContain('  warning  bad/binary.yaml: is a binary file (or UTF-16 text); not read');
    expect(stdout).toContain('  note     bad/ci.yml: no Secret or secret source in it (Helm values, CI configuration?)');
  });

  it('prints JSON with --json, from a folder given as argument', () => {
    const { code, stdout } = run(['inventory', '--json', 'fixtures/inventory/workflows'], path.resolve(FIXTURES, '../..'));
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as InventoryReport;
    expect(report.config).toBe(path.join(FIXTURES, 'pyproject.toml'));
    expect(report.projectNamespaces).toEqual(['payments-development', 'payments-staging', 'payments-production']);
    expect(report.secrets.find((s) => s.name === 'twilio')).toEqual({
      name: 'twilio',
      scope: 'namespace',
      namespace: 'payments-staging',
      manager: null,
      keys: ['account-sid', 'auth-token', 'sms-from'],
      keysComplete: true,
      keysNote: null,
      kind: 'SealedSecret',
      source: 'sealed-secrets/sealed.yaml:4',
      via: [],
      hashedName: false,
      store: null,
    });
    expect(report.skipped).toContainEqual({ file: 'bad/alias-bomb.yaml', line: 2, severity: 'warning', reason: 'YAML aliases expand beyond the safety limit (an alias bomb?); document not read' });
    expect(report.files.length).toBeGreaterThan(25);
  });

  it('says when there is no configuration', () => {
    const { code, stdout, stderr } = run(['inventory'], '/');
    expect(code).toBe(0);
    expect(stderr).toContain('no pyproject.toml at or above /');
    expect(stdout).toContain('No secrets found.');
  });

  it('rejects unknown commands and options with usage, exit code 2', () => {
    expect(run(['invent']).code).toBe(2);
    expect(run(['invent']).stderr).toContain('unknown command "invent"');
    expect(run(['inventory', '--yaml']).stderr).toContain('unexpected argument --yaml');
    expect(run([]).code).toBe(2);
    expect(run(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: flyte-secrets inventory') });
  });
});
