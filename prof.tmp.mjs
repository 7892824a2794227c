import { readFileSync } from 'node:fs';
import { initParser, parsePython, analyzeTree, rules, loadConfig } from '@flyte-secrets/core';
await initParser();
const src = readFileSync(process.argv[2], 'utf8');
const { config } = loadConfig(undefined);
const tree = parsePython(src);
const N = Number(process.argv[3] ?? 30);
const t = {}; let analyzeMs = 0;
for (let i = 0; i < N; i++) {
  let s = performance.now();
  const a = analyzeTree(tree, src, {});
  analyzeMs += performance.now() - s;
  for (const r of Object.values(rules)) { s = performance.now(); r.check({ analysis: a, config, options: [] }); t[r.name] = (t[r.name] ?? 0) + performance.now() - s; }
}
console.log('analyze', (analyzeMs / N).toFixed(1), 'ms');
for (const [k, v] of Object.entries(t).sort((a, b) => b[1] - a[1])) console.log(k, (v / N).toFixed(2), 'ms');
