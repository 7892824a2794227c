#!/usr/bin/env node
// `flyte-secrets [command] [options]`: the command line of @flyte-secrets/eslint-plugin. Without a
// command name it lints (`flyte-secrets .` is `flyte-secrets lint .`).
import { readFileSync } from 'node:fs';
import { EXIT, type Command } from './command.js';
import { commands } from './commands.js';
import { eslintInstallation } from './eslint-installation.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

function generalHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `\nCommands (flyte-secrets <command> --help for each):\n${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  const named = commands.find((c) => c.name === argv[0]);
  const command: Command = named ?? commands[0]!;
  const args = named ? argv.slice(1) : argv;
  if (args.includes('-h') || args.includes('--help')) {
    process.stdout.write(`${await command.help()}${named ? '' : generalHelp()}`);
    return EXIT.ok;
  }
  if (args.includes('-v') || args.includes('--version')) {
    process.stdout.write(`flyte-secrets ${version} (@flyte-secrets/eslint-plugin), ESLint ${eslintInstallation().version}\n`);
    return EXIT.ok;
  }
  return command.run(args);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`flyte-secrets: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = EXIT.failure;
}
