// `npm run refresh-wasm -w @flyte-secrets/core [-- --version <v>]`: copies the Python grammar's
// prebuilt wasm and its license out of tree-sitter-python's registry tarball into wasm/, and records
// the tarball's integrity and the wasm's checksum in wasm/tree-sitter-python.source.json. The
// package itself is never installed: its install script builds a native addon we do not use.
// `--check` compares the shipped files with the registry's instead of writing (exit 1 on a difference).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WASM_DIR = fileURLToPath(new URL('../wasm/', import.meta.url));
const SOURCE = path.join(WASM_DIR, 'tree-sitter-python.source.json');
/** Files taken from the tarball's package/ folder, and their names in wasm/. */
const FILES = { 'tree-sitter-python.wasm': 'tree-sitter-python.wasm', LICENSE: 'tree-sitter-python.LICENSE' };

const args = process.argv.slice(2);
const check = args.includes('--check');
const recorded = JSON.parse(readFileSync(SOURCE, 'utf8'));
const versionArg = args.indexOf('--version');
const version = versionArg === -1 ? recorded.version : args[versionArg + 1];
if (!version) throw new Error('--version needs a version of tree-sitter-python');

const sha256 = (file) => `sha256-${createHash('sha256').update(readFileSync(file)).digest('base64')}`;

const temp = mkdtempSync(path.join(tmpdir(), 'tree-sitter-python-'));
try {
  // npm verifies the tarball against the registry's integrity and reports it.
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', `tree-sitter-python@${version}`, '--json', '--pack-destination', temp], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }),
  );
  execFileSync('tar', ['-xzf', path.join(temp, packed.filename), '-C', temp, ...Object.keys(FILES).map((file) => `package/${file}`)]);
  const wasm = path.join(temp, 'package/tree-sitter-python.wasm');
  const source = {
    package: 'tree-sitter-python',
    version: packed.version,
    license: JSON.parse(execFileSync('tar', ['-xzOf', path.join(temp, packed.filename), 'package/package.json'], { encoding: 'utf8' })).license,
    tarball: `https://registry.npmjs.org/tree-sitter-python/-/${packed.filename}`,
    integrity: packed.integrity,
    wasm: sha256(wasm),
  };

  if (check) {
    const differences = Object.entries(source).filter(([key, value]) => recorded[key] !== value).map(([key]) => `${key} in ${path.basename(SOURCE)}`);
    for (const [from, to] of Object.entries(FILES)) {
      if (!readFileSync(path.join(temp, 'package', from)).equals(readFileSync(path.join(WASM_DIR, to)))) differences.push(to);
    }
    if (differences.length) {
      console.error(`wasm/ differs from tree-sitter-python@${version} on the registry: ${differences.join(', ')}`);
      process.exit(1);
    }
    console.log(`wasm/ is tree-sitter-python@${version} from the registry (${source.wasm})`);
  } else {
    for (const [from, to] of Object.entries(FILES)) copyFileSync(path.join(temp, 'package', from), path.join(WASM_DIR, to));
    writeFileSync(SOURCE, `${JSON.stringify(source, null, 2)}\n`);
    console.log(`wasm/ refreshed from tree-sitter-python@${source.version} (${source.wasm})`);
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}
