// Hostile input for the fuzz tests: a seeded generator (the same inputs on every run), mutations of
// real Python files and inventory files, and the extreme shapes that have broken parsers. Every seed
// carries planted credential values; no output may ever contain the PLANTED marker inside them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Inside every planted value; messages may show a 4-character prefix of a credential, never this. */
export const PLANTED = 'FuzzPlantedNoPrint';
/** The inventory fixtures' values carry these (see packages/eslint-plugin/tests/inventory/no-secret-values.test.ts). */
const MANIFEST_MARKERS = ['do-not-print', 'RkFLRS1WQUxVRS1kby1ub3Qt'];

/** Whether `output` holds any planted value (Python or manifest). */
export function leaksPlantedValue(output: string): boolean {
  return output.includes(PLANTED) || MANIFEST_MARKERS.some((marker) => output.includes(marker));
}

/** mulberry32: a small seeded generator, so a failure names an input that can be rebuilt. */
export class Random {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

/** A Flyte task module whose credentials (one per detector family) carry the PLANTED marker. */
export const PLANTED_PYTHON = `import logging
from flytekit import Secret, current_context, task

STRIPE_API_KEY = "sk_live_51${PLANTED}7Qa9B8c7D6e5F4g"
DB_URL = "postgresql://app:${PLANTED}9x7Y@db.internal:5432/app"
GITHUB_TOKEN = "ghp_${PLANTED}0123456789abcdefAB"
headers = {"Authorization": f"Bearer {GITHUB_TOKEN}"}


@task(secret_requests=[Secret(group="stripe", key="api-key")])
def charge(amount: int) -> str:
    key = current_context().secrets.get("stripe", "api-key")
    logging.info(f"charging with {key}")
    password = "${PLANTED}-hunter2-Zq8"
    return f"{amount}:{password}"
`;

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, pattern) : pattern.test(name) ? [full] : [];
  });
}

/** The Python seeds: the demo project's modules and the planted module. */
export function pythonSeeds(): string[] {
  return [...filesUnder(path.join(ROOT, 'fixtures/demo/payments'), /\.py$/).map((file) => readFileSync(file, 'utf8')), PLANTED_PYTHON];
}

/** The inventory seeds: every format's fixture (their values carry the markers), by path relative to fixtures/inventory. */
export function manifestSeeds(): { file: string; text: string }[] {
  const root = path.join(ROOT, 'fixtures/inventory');
  return filesUnder(root, /\.(ya?ml|json|env)$/)
    .filter((file) => !file.includes(`${path.sep}bad${path.sep}`))
    .map((file) => ({ file: path.relative(root, file), text: readFileSync(file, 'utf8') }));
}

const nestedBlocks = (levels: number, indent: string, body: string) =>
  Array.from({ length: levels }, (_, i) => `${indent.repeat(i)}if 1:\n`).join('') + indent.repeat(levels) + body;

/** The extreme shapes, each once per run. */
export function extremePython(): { name: string; text: string }[] {
  return [
    { name: '5,000 nested parentheses', text: `x = ${'('.repeat(5000)}1${')'.repeat(5000)}\n` },
    { name: '5,000 unclosed parentheses', text: `x = ${'('.repeat(5000)}\n${PLANTED_PYTHON}` },
    { name: '2,000-deep indentation', text: nestedBlocks(2000, ' ', "'a'") },
    { name: 'tree-sitter-python issue 350', text: nestedBlocks(600, ' ', "'a'") },
    { name: '99 levels of tabs around the planted module', text: nestedBlocks(99, '\t', `x = "${PLANTED}"\n`) },
    { name: '200 nested brackets, the most CPython takes', text: `x = ${'[{('.repeat(66)}[1]${')}]'.repeat(66)}\n` },
    { name: 'a 5 MB line', text: `DATA = "${'a'.repeat(5_000_000)}"\n${PLANTED_PYTHON}` },
    { name: '100,000 chained additions', text: `x = ${'1 + '.repeat(100_000)}1\n` },
    { name: '250 nested f-strings', text: `x = ${'f"{'.repeat(250)}1${'}"'.repeat(250)}\n` },
    { name: '20,000 decorators', text: `${'@task\n'.repeat(20_000)}def f():\n    pass\n` },
    { name: 'only NUL bytes', text: '\0'.repeat(10_000) },
    { name: 'lone surrogates', text: `x = "\uD800\uDC00\uDFFF\uD800"\n${PLANTED_PYTHON}` },
  ];
}

/** One random mutation of a text (several may be chained). */
export function mutate(text: string, random: Random, donors: readonly string[]): string {
  const at = () => random.int(text.length + 1);
  switch (random.int(13)) {
    case 0:
      return text.slice(0, at());
    case 1: {
      const i = at();
      return text.slice(0, i) + random.pick(['(', ')', '[', ']', '{', '}', '(((', ')))', '{[(']).repeat(1 + random.int(4)) + text.slice(i);
    }
    case 2: {
      const i = at();
      return text.slice(0, i) + text.slice(i + random.int(200));
    }
    case 3: {
      const i = at();
      const j = Math.min(text.length, i + random.int(400));
      return text.slice(0, j) + text.slice(i, j).repeat(1 + random.int(5)) + text.slice(j);
    }
    case 4: {
      const i = at();
      return text.slice(0, i) + '\0'.repeat(1 + random.int(3)) + text.slice(i);
    }
    case 5: {
      // Invalid UTF-8 as a decoder gives it (replacement characters), or a lone surrogate.
      const i = at();
      return text.slice(0, i) + random.pick(['\uFFFD', '\uFFFD\uFFFD', '\uD83D', '\uDE00']) + text.slice(i);
    }
    case 6:
      return `\uFEFF${text}`;
    case 7:
      return text.replace(/\r?\n/g, '\r');
    case 8:
      return text.replace(/\r?\n/g, '\r\n');
    case 9: {
      const lines = text.split('\n');
      const line = random.int(lines.length);
      lines[line] = random.pick([' ', '\t', '    ', '\f', ' \t']).repeat(1 + random.int(8)) + lines[line];
      return lines.join('\n');
    }
    case 10: {
      const i = at();
      return text.slice(0, i) + random.pick(["'", '"', '"""', "'''", 'f"', "rb'", '\\', '#', ':', '&a', '*a', '<<: *a', '!!binary ', '{{ ', ' }}', '- ', '---\n']) + text.slice(i);
    }
    case 11: {
      const donor = random.pick(donors);
      const i = random.int(donor.length);
      const j = at();
      return text.slice(0, j) + donor.slice(i, i + random.int(300)) + text.slice(j);
    }
    default: {
      const lines = text.split('\n');
      const i = random.int(lines.length);
      const j = random.int(lines.length);
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return lines.join('\n');
    }
  }
}

const normalizedLine = (line: string) => line.replace(/^\uFEFF/, '').replace(/\r$/, '');

/**
 * A mutation that leaves every line holding a planted value whole (it may move or drop it). Cutting
 * into such a line can turn a value into a name (a deletion joins a key and its value), and names
 * are printed: the leak check would then accuse the tool of printing what the file now names.
 */
export function mutateKeepingValues(text: string, random: Random, donors: readonly string[]): string {
  const valueLines = new Set(text.split(/\r\n|\r|\n/).filter(leaksPlantedValue).map(normalizedLine));
  const donorLines = new Set(donors.flatMap((donor) => donor.split(/\r\n|\r|\n/)).filter(leaksPlantedValue).map(normalizedLine));
  for (let attempt = 0; attempt < 10; attempt++) {
    const mutated = mutate(text, random, donors);
    const lines = mutated.split(/\r\n|\r|\n/).filter(leaksPlantedValue).map(normalizedLine);
    if (lines.every((line) => valueLines.has(line) || donorLines.has(line))) return mutated;
  }
  return text;
}

/** `count` mutated texts from `seeds`: each one to four mutations of a seed. */
export function* mutatedInputs(seeds: readonly string[], count: number, seed: number): Generator<{ index: number; text: string }> {
  const random = new Random(seed);
  for (let index = 0; index < count; index++) {
    let text = random.pick(seeds);
    for (let n = 1 + random.int(4); n > 0; n--) text = mutate(text, random, seeds);
    yield { index, text };
  }
}
