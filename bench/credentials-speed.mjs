// Cost of the credential scan next to the bare parse, over a large Python tree (default: the
// CPython standard library of this machine). Not a test: run by `npm run bench` or directly.
//   node bench/credentials-speed.mjs [dir] [--runs N] [--list]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { glob } from 'tinyglobby';
import { initParser, parsePython, scanPythonCredentials } from '@flyte-secrets/core';
import { median } from './util.mjs';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || (args.includes('--runs') ? 1 : 5);
const list = args.includes('--list');
const root = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ?? '/root/.pyenv/versions/3.11.7/lib/python3.11';

await initParser();
const files = (await glob('**/*.py', { cwd: root, absolute: true, ignore: ['**/site-packages/**'] })).sort();
const texts = files.map((f) => {
  try {
    return readFileSync(f, 'utf8');
  } catch {
    return '';
  }
});
const bytes = texts.reduce((n, t) => n + t.length, 0);

const parseTimes = [];
const scanTimes = [];
let findings = [];
for (let run = 0; run < runs; run++) {
  let parse = 0;
  let scan = 0;
  findings = [];
  texts.forEach((text, i) => {
    const t0 = performance.now();
    const tree = parsePython(text);
    const t1 = performance.now();
    const found = scanPythonCredentials(tree.rootNode, text, files[i]);
    const t2 = performance.now();
    tree.delete();
    parse += t1 - t0;
    scan += t2 - t1;
    for (const f of found) findings.push({ file: files[i], line: text.slice(0, f.span.start).split('\n').length, kind: f.kind, preview: f.preview });
  });
  parseTimes.push(parse);
  scanTimes.push(scan);
}
const p = median(parseTimes);
const s = median(scanTimes);
console.log(`credential scan over ${files.length} files (${(bytes / 1e6).toFixed(1)} MB) in ${root}, ${runs} runs, medians:`);
console.log(`  parse ${p.toFixed(0)} ms, credential scan ${s.toFixed(0)} ms, scan/parse ${(s / p).toFixed(3)}`);
console.log(`  findings: ${findings.length} (--list prints file, line, kind and redacted preview of each)`);
if (list) for (const f of findings) console.log(`  ${path.relative(root, f.file)}:${f.line} ${f.kind} ${f.preview}`);
