// No output ever contains a secret value from the fixtures' manifests: ESLint's stylish, JSON and
// SARIF output, the warnings on stderr, and `flyte-secrets inventory` as text and JSON.
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Node } from 'yaml';
import { copyFixture, eslint, flyteSecrets, REPO, SARIF_FORMATTER, type Run } from './run-eslint.js';

const PROJECTS = ['inventory', 'demo'];
/** Every fixture value carries one of these, so a leak of any part of a value is visible. */
const MARKERS = /do-not-print|RkFLRS1WQUxVRS1kby1ub3Qt/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** The values of the data, stringData and encryptedData maps of every object in a YAML or JSON text. */
function structuredValues(text: string): string[] {
  const values: string[] = [];
  const visit = (node: Node | null | undefined): void => {
    if (isSeq(node)) node.items.forEach((item) => visit(item as Node));
    if (!isMap(node)) return;
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (['data', 'stringData', 'encryptedData'].includes(key) && isMap(pair.value)) {
        for (const item of pair.value.items) if (isScalar(item.value) && typeof item.value.value === 'string' && item.value.value.length >= 8) values.push(item.value.value);
      } else visit(pair.value as Node);
    }
  };
  for (const doc of parseAllDocuments(text)) visit(doc.contents as Node);
  return values;
}

/** The planted values of every fixture file: whole marker tokens and the structured values of manifests. */
function plantedValues(): string[] {
  const values = new Set<string>();
  for (const project of PROJECTS) {
    for (const file of filesUnder(path.join(REPO, 'fixtures', project))) {
      if (!/\.(ya?ml|json|env)$/.test(file)) continue;
      const text = readFileSync(file, 'latin1');
      for (const token of text.match(/[^\s"'`,{}[\]]*(?:do-not-print|RkFLRS1WQUxVRS1kby1ub3Qt)[^\s"'`,{}[\]]*/g) ?? []) values.add(token);
      if (!file.includes('/bad/')) for (const value of structuredValues(text)) values.add(value);
    }
  }
  return [...values];
}

function leaks(output: string, values: string[]): string[] {
  return [...values.filter((value) => output.includes(value)), ...(MARKERS.test(output) ? ['a marker'] : [])];
}

describe('no secret value in any output', () => {
  const values = plantedValues();
  const dirs = PROJECTS.map((project) => copyFixture(project));
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const outputs: { name: string; run: Run; expect: string }[] = dirs.flatMap((dir, i) => [
    { name: `${PROJECTS[i]}: eslint (stylish)`, run: eslint(dir, ['.']), expect: 'secret-exists-in-namespaces' },
    { name: `${PROJECTS[i]}: eslint -f json`, run: eslint(dir, ['-f', 'json', '.']), expect: 'missingSecret' },
    { name: `${PROJECTS[i]}: eslint -f sarif`, run: eslint(dir, ['-f', SARIF_FORMATTER, '.']), expect: '"ruleId": "@flyte-secrets/secret-exists-in-namespaces"' },
    { name: `${PROJECTS[i]}: flyte-secrets inventory`, run: flyteSecrets(dir, ['inventory']), expect: 'NAMESPACE' },
    { name: `${PROJECTS[i]}: flyte-secrets inventory --json`, run: flyteSecrets(dir, ['inventory', '--json']), expect: '"secrets": [' },
  ]);

  it('has planted values to look for, and finds them when they are there', () => {
    expect(values.length).toBeGreaterThan(60);
    expect(values).toContain('FAKE-VALUE-do-not-print-0004');
    expect(values).toContain('RkFLRS1WQUxVRS1kby1ub3QtcHJpbnQtMDAwMQ==');
    expect(values.some((v) => v.startsWith('ENC[AES256_GCM,data:FAKEdo-not-print-0501'))).toBe(true);
    expect(leaks('... stringData: FAKE-VALUE-do-not-print-0004 ...', values)).not.toEqual([]);
  });

  it.each(outputs.map((o) => [o.name, o] as const))('%s', (_, output) => {
    expect(output.run.stdout).toContain(output.expect);
    expect(leaks(output.run.stdout, values)).toEqual([]);
    expect(leaks(output.run.stderr, values)).toEqual([]);
  });

  it('warns on stderr about the bad fixtures, naming files only', () => {
    const stderr = outputs[0]!.run.stderr;
    expect(stderr).toContain('flyte-secrets: warning: inventory: bad/alias-bomb.yaml:2: YAML aliases expand beyond the safety limit');
    expect(stderr).toContain('flyte-secrets: warning: inventory: bad/invalid.yaml:5: invalid YAML: bad indentation');
  });
});
