// The language server on a 5,000-line task file, driven over stdio as an editor drives it:
// latency from `didChange` to diagnostics (pull and push clients) over 200 single-character edits,
// and the server's memory over 10,000 edits. The same edits are timed in-process on the bare
// parser (incremental reparse, and a full parse) for comparison.
// Env: LSP_EDITS (200), LSP_MEMORY_EDITS (10000), LSP_TYPING_MS (100: pause between pushed edits).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { editTree, initParser, parsePython } from '@flyte-secrets/core';
import { taskFile } from './task-module.mjs';
import { machine, median, percentile } from './util.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SERVER = path.resolve(here, '../packages/lsp/bin/flyte-secrets-language-server.js');
const EDITS = Number(process.env.LSP_EDITS ?? 200);
const MEMORY_EDITS = Number(process.env.LSP_MEMORY_EDITS ?? 10_000);
const TYPING_MS = Number(process.env.LSP_TYPING_MS ?? 100);

function offsetAt(text, { line, character }) {
  let offset = 0;
  for (let i = 0; i < line; i++) offset = text.indexOf('\n', offset) + 1;
  return offset + character;
}

function positionOf(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** Single-character edits typed into code in the middle of the file: `limit` -> `limitx`, back, ... */
function* edits(text, count) {
  const line = text.indexOf('    rows = [day] * limit\n', text.length >> 1);
  const anchor = line + '    rows = [day] * limit'.length;
  let typed = 0;
  for (let i = 0; i < count; i++) {
    const remove = typed > 0 && i % 3 === 2;
    const at = anchor + typed;
    const start = positionOf(text, remove ? at - 1 : at);
    const end = positionOf(text, at);
    const change = { range: { start, end }, text: remove ? '' : 'x' };
    text = text.slice(0, offsetAt(text, start)) + change.text + text.slice(offsetAt(text, end));
    typed += remove ? -1 : 1;
    yield { change, text };
  }
}

async function startServer(capabilities) {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published = new Map();
  connection.onNotification('textDocument/publishDiagnostics', (params) => published.get(params.version)?.(params));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(here).href, capabilities });
  await connection.sendNotification('initialized', {});
  return {
    child,
    connection,
    waitForVersion: (version) => new Promise((resolve) => published.set(version, resolve)),
    async stop() {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      connection.dispose();
    },
  };
}

/** CPU time (user + system) the process has used so far, in ms (Linux). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const stats = (values) => `median ${median(values).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms`;
const uri = pathToFileURL(path.join(here, '.work', 'tasks_5000.py')).href;
console.log(machine());
await initParser();

/** The same edits on the bare parser, in-process: full parse, and edit + incremental reparse. */
function bareParser(text) {
  const full = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    parsePython(text).delete();
    full.push(performance.now() - t0);
  }
  let tree = parsePython(text);
  let previous = text;
  const incremental = [];
  for (const { change, text: next } of edits(text, EDITS)) {
    const t0 = performance.now();
    const start = offsetAt(previous, change.range.start);
    editTree(tree, previous, next, start, offsetAt(previous, change.range.end), start + change.text.length);
    const reparsed = parsePython(next, tree);
    incremental.push(performance.now() - t0);
    tree.delete();
    tree = reparsed;
    previous = next;
  }
  tree.delete();
  console.log(`  bare parser, full parse (20 runs): ${stats(full)}`);
  console.log(`  bare parser, edit + incremental reparse: ${stats(incremental)}`);
}

/** Pull client (VS Code): didChange, then textDocument/diagnostic; time until the report. */
async function pullLatency(text) {
  const server = await startServer({ textDocument: { diagnostic: {} } });
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
  const first = performance.now();
  const report = await server.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  console.log(`  server, first diagnostics after open: ${(performance.now() - first).toFixed(0)} ms (${report.items.length} diagnostics)`);
  const times = [];
  let version = 1;
  const cpu = cpuMs(server.child.pid);
  for (const { change } of edits(text, EDITS)) {
    await sleep(TYPING_MS);
    const t0 = performance.now();
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [change] });
    await server.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    times.push(performance.now() - t0);
  }
  const perEdit = (cpuMs(server.child.pid) - cpu) / EDITS;
  console.log(`  server, pull client: didChange -> diagnostic report: ${stats(times)}; server CPU ${perEdit.toFixed(1)} ms per edit`);
  await server.stop();
}

/** Push client (Neovim 0.7, eglot): didChange, then publishDiagnostics of that version. */
async function pushLatency(text) {
  const server = await startServer({});
  const opened = server.waitForVersion(1);
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
  await opened;
  const times = [];
  let version = 1;
  const cpu = cpuMs(server.child.pid);
  for (const { change } of edits(text, EDITS)) {
    await sleep(TYPING_MS);
    const published = server.waitForVersion(++version);
    const t0 = performance.now();
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    await published;
    times.push(performance.now() - t0);
  }
  const perEdit = (cpuMs(server.child.pid) - cpu) / EDITS;
  console.log(`  server, push client: didChange -> publishDiagnostics: ${stats(times)}; server CPU ${perEdit.toFixed(1)} ms per edit`);
  await server.stop();
}

/** Every edit linted (a pull after each); the server's RSS every 1,000 edits. */
async function memory(text) {
  const server = await startServer({ textDocument: { diagnostic: {} } });
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
  await server.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  const samples = [[0, rssMb(server.child.pid)]];
  let version = 1;
  const t0 = performance.now();
  for (const { change } of edits(text, MEMORY_EDITS)) {
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [change] });
    await server.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    if ((version - 1) % 1000 === 0) samples.push([version - 1, rssMb(server.child.pid)]);
  }
  console.log(`  server RSS (MB) after N linted edits (${((performance.now() - t0) / 1000).toFixed(0)} s): ${samples.map(([n, mb]) => `${n}: ${mb.toFixed(0)}`).join(', ')}`);
  const afterFirst = samples.filter(([n]) => n >= 1000);
  if (afterFirst.length > 2) {
    // Least-squares slope: the garbage collector makes single samples swing by tens of MB.
    const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
    const mx = mean(afterFirst.map(([n]) => n));
    const my = mean(afterFirst.map(([, mb]) => mb));
    const slope = afterFirst.reduce((sum, [n, mb]) => sum + (n - mx) * (mb - my), 0) / afterFirst.reduce((sum, [n]) => sum + (n - mx) ** 2, 0);
    const values = afterFirst.map(([, mb]) => mb);
    console.log(`  from edit 1,000 on: trend ${(slope * 1000).toFixed(2)} MB per 1,000 edits; range ${Math.min(...values).toFixed(0)}-${Math.max(...values).toFixed(0)} MB`);
  }
  await server.stop();
}

for (const [name, secretEvery] of [['typical: one task in four uses secrets', 4], ['dense: every task requests and reads secrets', 1]]) {
  const text = taskFile(5000, secretEvery);
  console.log(`\n${name}: ${text.split('\n').length - 1} lines, ${(text.length / 1024).toFixed(0)} KiB; ${EDITS} single-character edits typed into code mid-file, one every ${TYPING_MS} ms`);
  bareParser(text);
  await pullLatency(text);
  await pushLatency(text);
  if (secretEvery === 1 && MEMORY_EDITS) await memory(text);
}
