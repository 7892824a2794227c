// `npm run bench`: runs every benchmark script of this folder in turn (each prints its own report).
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
for (const script of readdirSync(here).filter((name) => name.endsWith('.mjs') && name !== 'run.mjs').sort()) {
  console.log(`\n== bench/${script}`);
  execFileSync(process.execPath, [path.join(here, script)], { stdio: 'inherit' });
}
