// Correct code in the styles of real Flyte projects: the foundation rules must stay silent.
import path from 'node:path';
import { expect, it } from 'vitest';
import { eslint, findings, ROOT } from './helpers.js';

const REALISTIC = path.join(ROOT, 'fixtures/realistic');
const FOUNDATION_RULES = ['no-undeclared-secret', 'no-mismatched-secret', 'no-unused-secret-request', 'valid-secret-names'];

it('reports nothing from rules 1-4 on realistic, correct secret tasks', () => {
  const rules = FOUNDATION_RULES.flatMap((r) => ['--rule', `@flyte-secrets/${r}: error`]);
  const result = eslint(REALISTIC, ['--config', path.join(ROOT, 'fixtures/demo/eslint.config.mjs'), '--no-config-lookup', ...rules, '-f', 'json', '.']);
  const reported = findings(REALISTIC, result.stdout).filter((f) => FOUNDATION_RULES.some((r) => f.endsWith(`/${r}`)) || f.endsWith(':fatal'));
  expect(reported).toEqual([]);
  // And the files were linted: 8 Python modules with content.
  expect((JSON.parse(result.stdout) as unknown[]).length).toBeGreaterThanOrEqual(8);
});
