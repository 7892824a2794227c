// `flyte-secrets inventory`: what the secret-exists-in-namespaces rule checks against. The work is
// done in @flyte-secrets/core; this adapts it to the command registry.
import { runFlyteSecrets } from '@flyte-secrets/core';
import type { Command } from './command.js';

function run(args: string[], stdout: (text: string) => void): number {
  return runFlyteSecrets(['inventory', ...args], { stdout, stderr: (text) => process.stderr.write(text), cwd: process.cwd() });
}

export const inventory: Command = {
  name: 'inventory',
  summary: 'print the namespace x secret x key table read from the manifests and dumps, with sources',
  help() {
    let text = '';
    run(['--help'], (chunk) => (text += chunk));
    return text;
  },
  async run(args) {
    return run(args, (text) => process.stdout.write(text));
  },
};
