// Precision and recall of secret-exists-in-namespaces on fixtures/heldout-flyte2-store, a Flyte 2
// repository written after the store support and labelled from the store's lookup order
// (expected.json). The bar of issue 13: precision >= 0.95, recall >= 0.90.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { copyFixture, eslint, REPO } from './run-eslint.js';

const dir = copyFixture('heldout-flyte2-store');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('finds the secrets the store lacks for some project-domain pair, and nothing else', () => {
  const run = eslint(dir, ['-f', 'json', '.']);
  const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; line: number; message: string }[] }[];
  const found = results.flatMap((result) =>
    result.messages
      .filter((m) => m.ruleId === '@flyte-secrets/secret-exists-in-namespaces')
      .map((m) => `${path.relative(dir, result.filePath)}:${m.line} ${/Secret "([^"]+)"/.exec(m.message)?.[1]}`),
  );
  const expected = (JSON.parse(readFileSync(path.join(REPO, 'fixtures/heldout-flyte2-store/expected.json'), 'utf8')) as { findings: string[] }).findings;
  const truePositives = found.filter((f) => expected.includes(f)).length;
  const precision = truePositives / found.length;
  const recall = truePositives / expected.length;
  expect({ falsePositives: found.filter((f) => !expected.includes(f)), missed: expected.filter((e) => !found.includes(e)) }).toEqual({ falsePositives: [], missed: [] });
  expect(precision).toBeGreaterThanOrEqual(0.95);
  expect(recall).toBeGreaterThanOrEqual(0.9);
});
