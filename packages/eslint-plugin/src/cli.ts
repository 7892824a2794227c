#!/usr/bin/env node
// The `flyte-secrets` command (`npx flyte-secrets inventory`). It ships with the ESLint plugin
// because that is the package users install; the work is done in @flyte-secrets/core.
import { runFlyteSecrets } from '@flyte-secrets/core';

process.exitCode = runFlyteSecrets(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
});
