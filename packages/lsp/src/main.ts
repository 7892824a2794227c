// `flyte-secrets-language-server --stdio`: the command editors start (VS Code uses `--node-ipc`).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConnection } from 'vscode-languageserver/node';
import { startServer } from './server.js';

const USAGE = `Usage: flyte-secrets-language-server [--stdio | --node-ipc | --socket=<port> | --pipe=<name>] [--clientProcessId=<pid>]

The flyte-secrets language server (Language Server Protocol). Without a transport it talks over stdio.
Settings: section "flyteSecrets" (see the README of @flyte-secrets/language-server).`;

const TRANSPORTS = ['--stdio', '--node-ipc', '--socket', '--pipe'];

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${version}\n`);
  process.exit(0);
}
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (!args.some((arg) => TRANSPORTS.includes(arg.split('=')[0]!))) process.argv.push('--stdio');

/** A bundle (the VS Code extension) ships the two wasm files next to itself. */
function bundledWasm() {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const languageWasm = path.join(here, 'tree-sitter-python.wasm');
  const runtimeWasm = path.join(here, 'web-tree-sitter.wasm');
  return existsSync(languageWasm) && existsSync(runtimeWasm) ? { languageWasm, runtimeWasm } : undefined;
}

// Keep serving after a failure in a handler's async tail; the error goes to the client's log.
process.on('unhandledRejection', (reason) => console.error('flyte-secrets-language-server: unhandled rejection:', reason));
process.on('uncaughtException', (error) => console.error('flyte-secrets-language-server: uncaught exception:', error));

const connection = createConnection();
startServer(connection, { version, parser: bundledWasm() });
connection.listen();
