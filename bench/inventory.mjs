// Times the inventory build over 10,000 generated Secret manifests (one per file, 20 projects x 3
// domains), each run in a fresh process as an ESLint run would be, against the bare YAML parse of
// the same files; prints files/s, the median of several runs and the peak RSS.
//   node bench/inventory.mjs [--files 10000] [--runs 5]
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './util.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};

/** CPU time (user + system) since `start`: steadier than wall time on a shared machine. */
function cpuTime(start) {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

/** Child mode: one measurement, printed as JSON. */
async function measure(mode, root) {
  const started = performance.now();
  let count;
  if (mode === 'inventory') {
    const { scanInventory } = await import('../packages/core/dist/index.js');
    const loaded = performance.now();
    const cpu = process.cpuUsage();
    const scan = scanInventory({ root, manifests: ['deploy/**/*.yaml'], inventory: [] });
    count = scan.entries.length;
    const built = performance.now();
    const cpuMs = cpuTime(cpu);
    const again = scanInventory({ root, manifests: ['deploy/**/*.yaml'], inventory: [] });
    if (again.fingerprint !== scan.fingerprint) throw new Error('fingerprint changed without a change');
    const rescan = performance.now() - built;
    const { maxRSS } = process.resourceUsage();
    process.stdout.write(JSON.stringify({ ms: built - loaded, cpuMs, rescanMs: rescan, load: loaded - started, count, rssMB: maxRSS / 1024 }));
  } else {
    const { parseAllDocuments } = await import('yaml');
    const loaded = performance.now();
    const cpu = process.cpuUsage();
    count = 0;
    const walk = (dir) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else for (const doc of parseAllDocuments(readFileSync(full, 'utf8'))) count += doc.toJS() ? 1 : 0;
      }
    };
    walk(path.join(root, 'deploy'));
    const { maxRSS } = process.resourceUsage();
    process.stdout.write(JSON.stringify({ ms: performance.now() - loaded, cpuMs: cpuTime(cpu), count, rssMB: maxRSS / 1024 }));
  }
}

function generate(root, files) {
  rmSync(root, { recursive: true, force: true });
  const domains = ['development', 'staging', 'production'];
  for (let i = 0; i < files; i++) {
    const project = `project-${i % 20}`;
    const domain = domains[Math.floor(i / 20) % 3];
    const dir = path.join(root, 'deploy', project, domain);
    if (i < 60) mkdirSync(dir, { recursive: true });
    const keys = ['username', 'password', 'host', 'api-key'].slice(0, 2 + (i % 3));
    const data = keys.map((k, j) => `  ${k}: ${Buffer.from(`FAKE-VALUE-${i}-${j}`).toString('base64')}`).join('\n');
    writeFileSync(
      path.join(dir, `secret-${i}.yaml`),
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-secret-${i}\n  namespace: ${project}-${domain}\n  labels:\n    app.kubernetes.io/name: app-${i}\n    app.kubernetes.io/part-of: ${project}\n  annotations:\n    owner: team-${i % 7}\ntype: Opaque\ndata:\n${data}\n`,
    );
  }
}

async function main() {
  if (args[0] === '--child') return measure(args[1], args[2]);
  const files = Number(option('--files', 10_000));
  const runs = Number(option('--runs', 5));
  const root = path.join(here, '.work', 'inventory');
  generate(root, files);
  const child = (mode) => JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, root], { encoding: 'utf8' }));
  const results = { inventory: [], yaml: [] };
  for (let r = 0; r < runs; r++) {
    results.inventory.push(child('inventory'));
    results.yaml.push(child('yaml'));
  }
  const inventoryMs = median(results.inventory.map((r) => r.ms));
  const yamlMs = median(results.yaml.map((r) => r.ms));
  const rss = Math.max(...results.inventory.map((r) => r.rssMB));
  const count = results.inventory[0].count;
  if (count !== files) throw new Error(`expected ${files} secrets, got ${count}`);
  console.log(`inventory: ${files} Secret manifests (one per file), ${runs} runs, each in a fresh process`);
  console.log(`  machine: ${os.cpus()[0]?.model ?? 'unknown'} x${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load ${os.loadavg()[0].toFixed(2)}`);
  const fastest = Math.min(...results.inventory.map((r) => r.ms));
  console.log(`  build (median): ${inventoryMs.toFixed(0)} ms = ${Math.round(files / (inventoryMs / 1000))} files/s; fastest ${fastest.toFixed(0)} ms (runs: ${results.inventory.map((r) => r.ms.toFixed(0)).join(', ')} ms)`);
  console.log(`  rebuild with nothing changed (median): ${median(results.inventory.map((r) => r.rescanMs)).toFixed(0)} ms (glob + stat only)`);
  console.log(`  peak RSS: ${rss.toFixed(0)} MB (module load ${median(results.inventory.map((r) => r.load)).toFixed(0)} ms, not counted)`);
  console.log(`  bare yaml parseAllDocuments + toJS of the same files (median): ${yamlMs.toFixed(0)} ms, peak RSS ${Math.max(...results.yaml.map((r) => r.rssMB)).toFixed(0)} MB`);
  const ratios = results.inventory.map((r, i) => r.ms / results.yaml[i].ms);
  const cpuRatios = results.inventory.map((r, i) => r.cpuMs / results.yaml[i].cpuMs);
  console.log(`  CPU time (median): inventory ${median(results.inventory.map((r) => r.cpuMs)).toFixed(0)} ms, bare parse ${median(results.yaml.map((r) => r.cpuMs)).toFixed(0)} ms`);
  console.log(`  ratio inventory / bare parse (median of paired runs): wall ${median(ratios).toFixed(2)}x, CPU ${median(cpuRatios).toFixed(2)}x`);
  console.log(`  target: under 2000 ms and 300 MB -> ${inventoryMs < 2000 && rss < 300 ? 'met' : 'NOT met'}`);
  rmSync(root, { recursive: true, force: true });
}

await main();
