// Peer row of bench/lint-vs-parse.mjs: ruff's hard-coded password rules (S105-S107) through ruff's
// WebAssembly build (@astral-sh/ruff-wasm-nodejs, installed apart: npm --prefix bench/peers ci),
// over a list of files, in one Node process. Not native ruff: the npm registry has no native build.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), 'peers/package.json'));
const { PositionEncoding, Workspace } = require('@astral-sh/ruff-wasm-nodejs');

const files = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
const workspace = new Workspace({ lint: { select: ['S105', 'S106', 'S107'] } }, PositionEncoding.Utf16);
let findings = 0;
for (const file of files) findings += workspace.check(readFileSync(file, 'utf8')).filter((d) => /^S10[567]$/.test(d.code ?? '')).length;
process.stdout.write(JSON.stringify({ files: files.length, findings }) + '\n');
