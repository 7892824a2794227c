// The configuration the benchmark lints the Python tree with: the plugin's recommended config,
// with every Python rule on; BENCH_PARSE_EVERY_FILE=1 turns the pre-filter off.
import flyteSecrets from '@flyte-secrets/eslint-plugin';

const everyPythonRule = Object.fromEntries(
  Object.entries(flyteSecrets.rules)
    .filter(([, rule]) => rule.meta?.languages?.includes('@flyte-secrets/python'))
    .map(([name]) => [`@flyte-secrets/${name}`, 'error']),
);

export default [
  { ignores: ['**/test/**', '**/tests/**', '**/idle_test/**', '**/site-packages/**'] },
  ...flyteSecrets.configs.recommended,
  { files: ['**/*.py'], rules: everyPythonRule, languageOptions: { parseEveryFile: process.env.BENCH_PARSE_EVERY_FILE === '1' } },
];
