// The README's rule table is generated from the rules' metadata and must be current.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
// @ts-expect-error: plain ESM script without types
import { withRulesTable } from '../scripts/readme-rules.mjs';

it('README.md has the current rule table (run `npm run readme` to update it)', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  expect(readme).toBe(withRulesTable(readme));
});
