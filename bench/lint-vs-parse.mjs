// Whole-lint time of the plugin over a large Python tree (the CPython standard library of this
// machine), every rule on, against the bare parse of the same files, and against peer linters when
// installed. Each command runs in a fresh process, alternating, several times; medians and ratios
// are printed, with the share of files the pre-filter lets through to the parser.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mayHoldDirectives, mayHoldFindings } from '@flyte-secrets/core';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare, measure, which } from './util.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const stdlib = process.env.BENCH_PY_TREE ?? execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
const excluded = ['test', 'tests', 'idle_test', 'site-packages'];

const listing = execFileSync('find', [stdlib, '-name', '*.py', ...excluded.flatMap((d) => ['-not', '-path', `*/${d}/*`])], { encoding: 'utf8' }).trim().split('\n');
const work = path.join(here, '.work');
mkdirSync(work, { recursive: true });
const fileList = path.join(work, 'stdlib-files.txt');
writeFileSync(fileList, listing.join('\n'));

const eslint = path.join(root, 'node_modules/.bin/eslint');
const eslintArgs = ['--config', path.join(here, 'eslint.bench.config.mjs'), '--no-config-lookup', '--no-cache', '-f', 'json', '-o', path.join(work, 'lint.json'), '.'];
const commands = [
  { name: 'bare parse (web-tree-sitter, same files, one process)', run: () => measure(process.execPath, [path.join(here, 'parse-only.mjs'), fileList], root) },
  { name: 'eslint + @flyte-secrets recommended', run: () => measure(eslint, eslintArgs, stdlib) },
  { name: 'eslint + @flyte-secrets recommended, --concurrency 2', run: () => measure(eslint, ['--concurrency', '2', ...eslintArgs], stdlib) },
  // The same lint without the pre-filter: what it saves, in the same run.
  { name: 'eslint + @flyte-secrets recommended, every file parsed (parseEveryFile)', run: () => measure(eslint, eslintArgs, stdlib, { BENCH_PARSE_EVERY_FILE: '1' }) },
];
// Peers, on what they share with no-hardcoded-credentials: hard-coded passwords (bandit B105-B107, ruff S105-S107).
for (const peer of [
  // bandit 1.6's -x cannot exclude by glob: give it the same file list.
  { name: 'bandit B105-B107 (same files)', bin: 'bandit', args: ['-q', '-t', 'B105,B106,B107', '-f', 'json', '-o', path.join(work, 'bandit.json'), ...listing] },
  { name: 'ruff check S105-S107 (native)', bin: 'ruff', args: ['check', '--no-cache', '--select', 'S105,S106,S107', '--exit-zero', '-q', '.'] },
]) {
  if (which(peer.bin)) commands.push({ name: peer.name, run: () => measure(peer.bin, peer.args, stdlib) });
  else console.log(`peer not installed, skipped: ${peer.bin}`);
}
if (existsSync(path.join(here, 'peers/node_modules/@astral-sh/ruff-wasm-nodejs'))) {
  commands.push({ name: 'ruff S105-S107, WebAssembly build (ruff-wasm-nodejs, one process; not native)', run: () => measure(process.execPath, [path.join(here, 'ruff-wasm.mjs'), fileList], root) });
} else console.log('peer not installed, skipped: ruff WebAssembly build (npm --prefix bench/peers ci)');

// The language's own test (python-language.ts): what it parses.
let parsedFiles = 0;
let parsedBytes = 0;
let bytes = 0;
for (const file of listing) {
  const text = readFileSync(file, 'utf8');
  bytes += text.length;
  if (mayHoldFindings(text) || mayHoldDirectives(text)) {
    parsedFiles++;
    parsedBytes += text.length;
  }
}
console.log(`pre-filter: ${parsedFiles} of ${listing.length} files parsed (${((100 * parsedFiles) / listing.length).toFixed(1)}%), ${((100 * parsedBytes) / bytes).toFixed(1)}% of the characters`);

const [baseline, lint, lintConcurrent] = compare(`Whole lint vs bare parse: ${listing.length} files of ${stdlib} (tests excluded)`, commands, runs);
console.log(`\nTarget (issue 12): whole lint <= 0.6x bare parse (wall). Measured: ${(lint / baseline).toFixed(2)}x ${lint / baseline <= 0.6 ? '(met)' : '(NOT met)'}; --concurrency 2: ${(lintConcurrent / baseline).toFixed(2)}x ${lintConcurrent / baseline <= 0.6 ? '(met)' : '(NOT met)'}`);
