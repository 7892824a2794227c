// `flyte-secrets`: the command line next to the ESLint plugin. `inventory` prints what the
// secret-exists-in-namespaces rule checks against: the first thing to run when a finding surprises.
import { statSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/config.js';
import { getInventory } from '../inventory/inventory-index.js';
import { inventoryReport, renderInventoryText } from '../inventory/report.js';

export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

const USAGE = `Usage: flyte-secrets inventory [--json] [folder]

Prints the secrets, namespaces and keys that flyte-secrets reads from the manifests and dumps
configured in [tool.flyte-secrets] of the nearest pyproject.toml (of the folder, default: the
current folder), with the file and line of each, and every file it skipped and why.
Values are never read into the inventory and never printed.

Options:
  --json   print the inventory as JSON
  --help   print this help
`;

/** Runs the command; returns the exit code (0 ok, 2 bad usage). */
export function runFlyteSecrets(args: string[], io: CommandIO): number {
  const [command, ...rest] = args;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE);
    return command ? 0 : 2;
  }
  if (command !== 'inventory') {
    io.stderr(`flyte-secrets: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  const json = rest.includes('--json');
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(USAGE);
    return 0;
  }
  const unknown = rest.filter((arg) => arg.startsWith('-') && arg !== '--json');
  const folders = rest.filter((arg) => !arg.startsWith('-'));
  if (unknown.length || folders.length > 1) {
    io.stderr(`flyte-secrets: unexpected argument ${unknown[0] ?? folders[1]}\n\n${USAGE}`);
    return 2;
  }
  let folder = path.resolve(io.cwd, folders[0] ?? '.');
  try {
    if (!statSync(folder).isDirectory()) folder = path.dirname(folder);
  } catch {
    io.stderr(`flyte-secrets: ${folder} does not exist\n`);
    return 2;
  }
  // loadConfig looks for the pyproject.toml nearest to a file; any name inside the folder will do.
  const { config, warnings } = loadConfig(path.join(folder, '__flyte_secrets__.py'));
  for (const warning of warnings) io.stderr(`flyte-secrets: warning: ${warning}\n`);
  if (!config.source) io.stderr(`flyte-secrets: no pyproject.toml at or above ${folder}; nothing is configured\n`);
  const index = getInventory(config);
  io.stdout(json ? `${JSON.stringify(inventoryReport(index, config), null, 2)}\n` : renderInventoryText(index, config));
  return 0;
}
