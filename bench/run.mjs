// `npm run bench`: every benchmark of the repository, one after the other, each in its own process
// (so one's memory and JIT state do not skew the next). Results go to bench/RESULTS.md by hand,
// with the machine and the command.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const BENCHES = ['credentials-speed.mjs', 'credentials-peers.mjs'];

let failed = false;
for (const bench of BENCHES) {
  console.log(`\n=== ${bench} ===`);
  const run = spawnSync(process.execPath, [path.join(here, bench)], { stdio: 'inherit' });
  if (run.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
