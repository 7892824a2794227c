// `npm run bench`: every benchmark in turn (not part of the tests). Set BENCH_RUNS to change repetitions.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = ['lint-vs-parse.mjs', 'multimodule.mjs', 'secret-heavy.mjs', 'inventory.mjs', 'credentials-speed.mjs', 'credentials-peers.mjs', 'lsp.mjs'];
for (const bench of benches) {
  if (only.length && !only.some((o) => bench.includes(o))) continue;
  console.log(`\n# bench/${bench}`);
  const { status } = spawnSync(process.execPath, [path.join(here, bench)], { stdio: 'inherit' });
  if (status !== 0) process.exitCode = 1;
}
