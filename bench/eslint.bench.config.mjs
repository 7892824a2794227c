// The configuration the benchmark lints the Python tree with: the plugin's recommended config.
import flyteSecrets from '@flyte-secrets/eslint-plugin';

export default [{ ignores: ['**/test/**', '**/tests/**', '**/idle_test/**', '**/site-packages/**'] }, ...flyteSecrets.configs.recommended];
