// Scores no-hardcoded-credentials on the labeled corpus (fixtures/credentials, see its README):
// precision and recall over every labeled line, through ESLint and configs.recommended plus the
// JS/TS opt-in configs.javascript, exactly as a user runs them. Prints the score table; fails below 0.95 on either.
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR, loadCorpus, scoreCorpus, scoreTable } from '../../../../fixtures/credentials/corpus.mjs';
import plugin from '../../src/index.js';

const RULE = '@flyte-secrets/no-hardcoded-credentials';
const corpus = loadCorpus();
const findings = new Map<string, { line: number; kind?: string }[]>();

beforeAll(async () => {
  const eslint = new ESLint({ cwd: CORPUS_DIR, overrideConfigFile: true, overrideConfig: [...plugin.configs.recommended, ...plugin.configs.javascript] as never, ignore: false });
  for (const result of await eslint.lintFiles(corpus.map((f) => f.path))) {
    const fatal = result.messages.find((m) => m.fatal);
    if (fatal) throw new Error(`${result.filePath}: ${fatal.message}`);
    const rel = path.relative(CORPUS_DIR, result.filePath).split(path.sep).join('/');
    findings.set(rel, result.messages.filter((m) => m.ruleId === RULE).map((m) => ({ line: m.line })));
  }
});

describe('no-hardcoded-credentials on the labeled corpus', () => {
  it('has a corpus wide enough to mean something', () => {
    const positives = corpus.reduce((n, f) => n + f.expected.size, 0);
    const traps = corpus.reduce((n, f) => n + f.traps.size, 0);
    expect(positives).toBeGreaterThanOrEqual(150);
    expect(traps).toBeGreaterThanOrEqual(150);
  });

  it('finds at least 95% of the credentials with at least 95% precision', () => {
    const all = scoreCorpus(corpus, findings);
    const python = scoreCorpus(corpus, findings, { language: 'python' });
    const javascript = scoreCorpus(corpus, findings, { language: 'javascript' });
    console.log(
      `\n${scoreTable([
        { tool: 'no-hardcoded-credentials', scope: 'Python', score: python },
        { tool: 'no-hardcoded-credentials', scope: 'JS/TS', score: javascript },
        { tool: 'no-hardcoded-credentials', scope: 'all', score: all },
      ])}\n${all.positives} labeled credentials, ${all.traps} labeled traps`,
    );
    for (const miss of all.falseNegatives) console.log(`missed: ${miss.file}:${miss.line} (${miss.kind})`);
    for (const extra of all.falsePositives) console.log(`false positive: ${extra.file}:${extra.line} (${extra.trap})`);
    expect(all.precision).toBeGreaterThanOrEqual(0.95);
    expect(all.recall).toBeGreaterThanOrEqual(0.95);
    expect(python.precision).toBeGreaterThanOrEqual(0.95);
    expect(python.recall).toBeGreaterThanOrEqual(0.95);
    expect(javascript.precision).toBeGreaterThanOrEqual(0.95);
    expect(javascript.recall).toBeGreaterThanOrEqual(0.95);
  });
});
