// The baseline: read and parse every file of a list with the same parser the plugin uses, in a
// fresh Node process (so both sides of the comparison pay process start-up and wasm init).
import { readFileSync } from 'node:fs';
import { initParser, parsePython } from '@flyte-secrets/core';

const files = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
await initParser();
const start = performance.now();
for (const file of files) parsePython(readFileSync(file, 'utf8')).delete();
const parseMs = performance.now() - start;
process.stdout.write(JSON.stringify({ files: files.length, parseMs, maxRssKb: process.resourceUsage().maxRSS }) + '\n');
