// Hostile inventory files against core, in-process: 1,000 seeded mutations of one fixture of every
// format flyte-secrets reads (Secrets and kubectl dumps, kustomize, cluster-resource templates,
// External/Sealed Secrets, SOPS, Vault, AWS and GCP lists), some written as invalid UTF-8, each batch
// read by `flyte-secrets inventory` as text and as JSON. Nothing may throw, no batch may take 10 s,
// and no output or warning may hold a value from the manifests.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { leaksPlantedValue, manifestSeeds, mutateKeepingValues, Random } from '../../../../tests/fuzz/hostile-input.js';
import { clearConfigCache, runFlyteSecrets } from '../../src/index.js';

const MANIFEST_INPUTS = 1000;
const HANG_MS = 10_000;
const PYPROJECT = `[tool.flyte-secrets]
projects = ["payments"]
manifests = ["**/*.yaml", "**/*.yml", "secret/*.json"]
inventory = ["dump/*.json", "cloud/*.json"]
`;

const root = path.join(tmpdir(), `flyte-secrets-manifest-fuzz-${process.pid}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs `flyte-secrets inventory [--json]` on a folder; returns everything it printed. */
function inventory(folder: string, json: boolean): { code: number; output: string } {
  let output = '';
  const io = { cwd: folder, stdout: (text: string) => void (output += text), stderr: (text: string) => void (output += text) };
  const code = runFlyteSecrets(['inventory', ...(json ? ['--json'] : [])], io);
  return { code, output };
}

describe('hostile inventory files (in-process, core)', () => {
  it(`survives ${MANIFEST_INPUTS} seeded mutations of every format`, () => {
    const seeds = manifestSeeds();
    const texts = seeds.map((seed) => seed.text);
    const random = new Random(4);
    const failures: string[] = [];
    let written = 0;
    for (let batch = 0; written < MANIFEST_INPUTS; batch++) {
      // One mutated copy of every seed per batch, at the seed's own path (kustomizations find their files).
      const folder = path.join(root, `batch-${batch}`);
      for (const seed of seeds.slice(0, MANIFEST_INPUTS - written)) {
        let text = seed.text;
        for (let n = 1 + random.int(3); n > 0; n--) text = mutateKeepingValues(text, random, texts);
        const file = path.join(folder, seed.file);
        mkdirSync(path.dirname(file), { recursive: true });
        // Some files as bytes that are not UTF-8 at all.
        writeFileSync(file, random.int(10) === 0 ? Buffer.concat([Buffer.from(text.slice(0, 200)), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0x80])]) : text);
        written++;
      }
      writeFileSync(path.join(folder, 'pyproject.toml'), PYPROJECT);
      clearConfigCache();
      const started = performance.now();
      try {
        for (const json of [false, true]) {
          const { code, output } = inventory(folder, json);
          if (code !== 0) failures.push(`batch ${batch}: exit ${code}`);
          const leak = output.split('\n').find(leaksPlantedValue);
          if (leak) failures.push(`batch ${batch}: the ${json ? 'JSON' : 'text'} report holds a manifest value: ${leak.slice(0, 300)}`);
        }
      } catch (error) {
        failures.push(`batch ${batch}: threw ${(error as Error).stack ?? String(error)}`);
      }
      const elapsed = performance.now() - started;
      if (elapsed > HANG_MS) failures.push(`batch ${batch}: took ${Math.round(elapsed)} ms`);
      rmSync(folder, { recursive: true, force: true });
    }
    expect(written).toBe(MANIFEST_INPUTS);
    expect(failures.slice(0, 5)).toEqual([]);
  }, 300_000);
});
