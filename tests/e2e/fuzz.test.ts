// Hostile input through the real command line, a smaller batch than the in-process fuzzers
// (packages/core/tests/fuzz): a copy of the demo with 60 mutated Python modules (planted credentials,
// NUL bytes, invalid UTF-8, BOM, CR line ends, the file of tree-sitter-python issue 350...) and
// mutated inventory files. Every report format exits 0 or 1, and no output, warning or ESLint cache
// file holds a planted value.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extremePython, leaksPlantedValue, manifestSeeds, mutatedInputs, mutateKeepingValues, PLANTED_PYTHON, pythonSeeds, Random } from '../fuzz/hostile-input.js';
import { copyProject, DEMO, flyteSecrets, removeTempDirs, ROOT } from './helpers.js';

afterAll(removeTempDirs);

const CLI_PYTHON_INPUTS = 60;
const SARIF_FORMATTER = path.join(ROOT, 'node_modules/@microsoft/eslint-formatter-sarif/sarif.js');

/** The first line of `output` that holds a planted value (undefined when none does). */
const leakedLine = (output: string) => output.split('\n').find(leaksPlantedValue)?.slice(0, 300);

describe('hostile input through the flyte-secrets command', () => {
  let dir: string;

  beforeAll(() => {
    dir = copyProject(DEMO);
    writeFileSync(path.join(dir, 'payments/planted.py'), PLANTED_PYTHON);
    for (const { index, text } of mutatedInputs(pythonSeeds(), CLI_PYTHON_INPUTS, 61)) {
      // Every fourth file as bytes: invalid UTF-8 in the middle.
      const bytes = index % 4 === 0 ? Buffer.concat([Buffer.from(text.slice(0, text.length / 2)), Buffer.from([0xc3, 0x28, 0xa0, 0xff]), Buffer.from(text.slice(text.length / 2))]) : text;
      writeFileSync(path.join(dir, `payments/fuzz_${index}.py`), bytes);
    }
    for (const [i, { text }] of extremePython().filter(({ name }) => !name.includes('5 MB')).entries()) writeFileSync(path.join(dir, `payments/extreme_${i}.py`), text);
    // The demo's inventory files (their values carry markers too), mutated in place.
    const random = new Random(62);
    const donors = manifestSeeds().map((seed) => seed.text);
    for (const file of ['cluster/secrets.json', 'deploy/production/warehouse.yaml', 'deploy/flyte/values.yaml']) {
      const full = path.join(dir, file);
      writeFileSync(full, mutateKeepingValues(mutateKeepingValues(readFileSync(full, 'utf8'), random, donors), random, donors));
    }
    // And every format's fixture, mutated, among the manifests the demo reads.
    mkdirSync(path.join(dir, 'deploy/fuzz'));
    for (const [i, text] of donors.entries()) writeFileSync(path.join(dir, `deploy/fuzz/${i}.yaml`), mutateKeepingValues(text, random, donors));
  });

  it('reports as stylish, JSON and SARIF, exiting 0 or 1, with no planted value in any output', () => {
    expect(PLANTED_PYTHON.includes('FuzzPlanted')).toBe(true);
    for (const args of [[], ['-f', 'json'], ['-f', SARIF_FORMATTER]]) {
      const result = flyteSecrets(dir, [...args, '.']);
      expect([0, 1], `${args.join(' ')}: ${result.stderr}`).toContain(result.status);
      expect(leakedLine(result.stdout + result.stderr), args.join(' ')).toBeUndefined();
      expect(result.stdout).toMatch(/no-hardcoded-credentials/); // the planted module was linted
    }
  });

  it('writes an ESLint cache without planted values', () => {
    const result = flyteSecrets(dir, ['--cache', '--cache-location', '.lint-cache', '.']);
    expect([0, 1], result.stderr).toContain(result.status);
    expect(leakedLine(readFileSync(path.join(dir, '.lint-cache'), 'utf8'))).toBeUndefined();
  });

  it('prints the inventory as text and JSON without planted values', () => {
    for (const args of [['inventory'], ['inventory', '--json']]) {
      const result = flyteSecrets(dir, args);
      expect(result.status, result.stderr).toBe(0);
      expect(leakedLine(result.stdout + result.stderr), args.join(' ')).toBeUndefined();
    }
  });
});
