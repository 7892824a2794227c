#!/usr/bin/env node
// Committed (npm links bins at install, before anything is built); the command itself is in dist/.
try {
  await import('../dist/cli/main.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/cli/main.js')) throw error;
  console.error('flyte-secrets: this checkout is not built yet: run `npm run build` at the repository root');
  process.exitCode = 2;
}
