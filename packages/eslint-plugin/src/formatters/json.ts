// ESLint's `-f json` without the `source` field, in which ESLint copies the full text of every file
// that has a finding (and so every credential the rule found). Use it where the report leaves the
// repository's trust boundary (CI artifacts, dashboards):
//   npx eslint . -f ./node_modules/@flyte-secrets/eslint-plugin/dist/formatters/json.js
import type { ESLint } from 'eslint';

export default function formatJson(results: ESLint.LintResult[]): string {
  return JSON.stringify(results.map(({ source: _source, ...result }) => result));
}
