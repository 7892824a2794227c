// The language server's memory on the generated 2,000-module repository (multimodule.mjs writes it),
// measured through a real server process: the built server started over stdio, as an editor starts
// it, with the repository as its workspace. It opens task modules one by one (each is linted through
// the project index, which summarises the helpers it imports), runs find-references (which scans
// every module of the workspace), and reads the server's RSS from /proc after each stage.
// Args: the file list multimodule.mjs wrote. Env: SERVER_OPEN (all task modules).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const here = path.dirname(fileURLToPath(import.meta.url));
const SERVER = path.resolve(here, '../packages/lsp/bin/flyte-secrets-language-server.js');
const files = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
const repo = path.resolve(path.dirname(files[0]), '../../..');
const tasks = files.filter((f) => /tasks\d+\.py$/.test(f)).slice(0, Number(process.env.SERVER_OPEN ?? Infinity));

const memory = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)[1]);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
};

const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
const waiting = new Map();
let findings = 0;
connection.onNotification('textDocument/publishDiagnostics', (params) => {
  findings += params.diagnostics.length;
  waiting.get(params.uri)?.();
});
connection.onRequest(() => null); // registrations, configuration: defaults
connection.listen();
const root = pathToFileURL(repo).href;
await connection.sendRequest('initialize', { processId: process.pid, rootUri: root, workspaceFolders: [{ uri: root, name: 'repo' }], capabilities: {} });
await connection.sendNotification('initialized', {});
const stages = [{ stage: 'started', ...memory(child.pid) }];

const start = performance.now();
for (const file of tasks) {
  const uri = pathToFileURL(file).href;
  const published = new Promise((resolve) => waiting.set(uri, resolve));
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: readFileSync(file, 'utf8') } });
  await published;
}
const openSeconds = (performance.now() - start) / 1000;
stages.push({ stage: `${tasks.length} task modules open and linted`, ...memory(child.pid) });

// Find-references on a group: the workspace scan reads and analyses every module of the repository.
const first = tasks.find((file) => readFileSync(file, 'utf8').includes('group="svc'));
const text = readFileSync(first, 'utf8');
const offset = text.indexOf('group="svc') + 'group="'.length;
const line = text.slice(0, offset).split('\n').length - 1;
const references = await connection.sendRequest('textDocument/references', {
  textDocument: { uri: pathToFileURL(first).href },
  position: { line, character: offset - (text.lastIndexOf('\n', offset - 1) + 1) },
  context: { includeDeclaration: true },
});
stages.push({ stage: 'find-references over the workspace', ...memory(child.pid) });

await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
connection.dispose();
process.stdout.write(JSON.stringify({ modules: files.length, opened: tasks.length, openSeconds, findings, references: references?.length ?? 0, stages }) + '\n');
