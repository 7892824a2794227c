// Hostile Python against core, in-process: 5,000 seeded mutations of real modules plus the extreme
// shapes (tests/fuzz/hostile-input.ts). For each input: the one-shot analysis and every rule (as
// ESLint runs them), and an incremental reparse after a random edit with the tolerant analysis (as
// the language server runs them). No exception may escape, no input may take 10 s, and no message
// or finding may hold a planted credential value.
import { performance } from 'node:perf_hooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { extremePython, leaksPlantedValue, mutatedInputs, pythonSeeds, Random } from '../../../../tests/fuzz/hostile-input.js';
import { analyzeSource, analyzeTolerant, DEFAULT_CONFIG, editTree, formatMessage, initParser, isTreeAlive, parsePython, rules, UnparsablePythonError, type FileAnalysis } from '../../src/index.js';

const PYTHON_INPUTS = 5000;
const HANG_MS = 10_000;
const config = { ...structuredClone(DEFAULT_CONFIG), root: undefined, source: undefined };

beforeAll(() => initParser());

/** Every rule's findings on an analysis, as the messages a user reads plus the findings' data. */
function ruleOutput(analysis: FileAnalysis): string {
  const warnings: string[] = [];
  const out = Object.values(rules).flatMap((rule) =>
    rule.check({ analysis, config, options: [], warn: (message) => warnings.push(message) }).map((finding) => `${formatMessage(rule.meta.messages[finding.messageId] ?? finding.messageId, finding.data)} ${JSON.stringify(finding)}`),
  );
  return [...out, ...warnings].join('\n');
}

/** ESLint's path: one parse, the first syntax error or the analysis and every rule. */
function lintOnce(text: string): string {
  const parsed = analyzeSource(text);
  return parsed.ok ? ruleOutput(parsed.analysis) : parsed.error.message;
}

/** The language server's path: an edit of the text, an incremental reparse, the tolerant analysis. */
function editAndRelint(text: string, random: Random): string {
  let tree;
  try {
    tree = parsePython(text);
  } catch (error) {
    if (error instanceof UnparsablePythonError) return error.message;
    throw error;
  }
  const start = random.int(text.length + 1);
  const oldEnd = Math.min(text.length, start + random.int(50));
  const inserted = random.pick(['', '(', '"', '\n    ', 'secrets.get("a", "b")', '\0']);
  const next = text.slice(0, start) + inserted + text.slice(oldEnd);
  editTree(tree, text, next, start, oldEnd, start + inserted.length);
  try {
    const reparsed = parsePython(next, tree);
    try {
      return ruleOutput(analyzeTolerant(reparsed, next).analysis);
    } finally {
      reparsed.delete();
    }
  } catch (error) {
    if (error instanceof UnparsablePythonError) return error.message;
    throw error;
  } finally {
    if (isTreeAlive(tree)) tree.delete();
  }
}

/** Runs one input through both paths; returns what went wrong, or undefined. */
function check(text: string, random: Random): string | undefined {
  const started = performance.now();
  let output: string;
  try {
    output = `${lintOnce(text)}\n${editAndRelint(text, random)}`;
  } catch (error) {
    return `threw ${(error as Error).stack ?? String(error)}`;
  }
  const elapsed = performance.now() - started;
  if (elapsed > HANG_MS) return `took ${Math.round(elapsed)} ms`;
  const leak = output.split('\n').find(leaksPlantedValue);
  if (leak) return `an output holds a planted value: ${leak.slice(0, 500)}`;
  return undefined;
}

describe('hostile Python input (in-process, core)', () => {
  it('survives the extreme shapes', () => {
    const random = new Random(350);
    const failures = extremePython().flatMap(({ name, text }) => {
      const problem = check(text, random);
      return problem ? [`${name}: ${problem}`] : [];
    });
    expect(failures).toEqual([]);
  });

  it(`survives ${PYTHON_INPUTS} seeded mutations of real modules`, () => {
    const random = new Random(14);
    const failures: string[] = [];
    let checked = 0;
    for (const { index, text } of mutatedInputs(pythonSeeds(), PYTHON_INPUTS, 2026)) {
      const problem = check(text, random);
      checked++;
      if (problem) failures.push(`input ${index} (seed 2026): ${problem}`);
    }
    expect(checked).toBe(PYTHON_INPUTS);
    expect(failures.slice(0, 5)).toEqual([]);
  }, 300_000);
});
