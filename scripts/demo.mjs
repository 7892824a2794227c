// `npm run demo`: lint fixtures/demo, a small Flyte project full of secret mistakes, with the
// plugin's recommended config, exactly as a user runs `npx eslint .` in their repository.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const demo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/demo');
const eslint = path.resolve(demo, '../../node_modules/.bin/eslint');
console.log(`$ cd fixtures/demo && npx eslint .`);
const { status, error } = spawnSync(eslint, ['.'], { cwd: demo, stdio: 'inherit' });
if (error) throw error;
// ESLint exits 1 when it reports problems, which is the point of the demo; 2 means it failed.
if (status === 1) console.log('The findings above are the demo project\'s deliberate mistakes (exit code 1 in CI).');
process.exit(status === 1 ? 0 : status ?? 2);
