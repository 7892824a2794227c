// No output carries a credential: stylish, -f json (but for ESLint's own `source` field, see the
// rule doc), SARIF through the real CLI and @microsoft/eslint-formatter-sarif, the core's message
// strings, and the analysis objects themselves (JSON and util.inspect).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { pathToFileURL } from 'node:url';
import { analyzeSource, CREDENTIAL_KIND_LABELS, formatMessage, rules } from '@flyte-secrets/core';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR, loadCorpus } from '../../../../fixtures/credentials/corpus.mjs';
import plugin from '../../src/index.js';

const RULE = '@flyte-secrets/no-hardcoded-credentials';
const WINDOW = 8;
const repoRoot = path.resolve(CORPUS_DIR, '../..');
const corpus = loadCorpus();
const files = corpus.map((f) => f.path);

let results: ESLint.LintResult[] = [];
let eslint: ESLint;
/** Every 8-character piece of every reported credential literal, minus its first 4 characters. */
let secretWindows: string[] = [];

/** Text of a finding's literal, without its quotes and without the first 4 characters (the most a preview shows). */
function reportedText(text: string, message: { line: number; column: number; endLine?: number; endColumn?: number }): string {
  const lines = text.split('\n');
  const start = lines.slice(0, message.line - 1).reduce((n, l) => n + l.length + 1, 0) + message.column - 1;
  const end = lines.slice(0, message.endLine! - 1).reduce((n, l) => n + l.length + 1, 0) + message.endColumn! - 1;
  return text.slice(start, end).replace(/^[rbuf]*["'`]+|["'`]+$/gi, '').slice(4);
}

/** The fixed parts of any output: message template, kind names, rule id, paths. A piece of them is no secret. */
const FIXED_TEXT = [...Object.values(rules['no-hardcoded-credentials']!.meta.messages), ...Object.entries(CREDENTIAL_KIND_LABELS).flat(), RULE, ...files].join('\n');
const innocent = (window: string) => FIXED_TEXT.includes(window);
/** Pieces of URLs and JSON keys (`github.c`, `"private`) are words; pieces of credentials have digits, symbols or mixed case. */
const secretLike = (window: string) => /[0-9!#$%^&*+=~]/.test(window) || (/[a-z]/.test(window) && /[A-Z]/.test(window));

function leaks(output: string): string[] {
  return secretWindows.filter((w) => output.includes(w));
}

beforeAll(async () => {
  eslint = new ESLint({ cwd: CORPUS_DIR, overrideConfigFile: true, overrideConfig: [...plugin.configs.recommended, ...plugin.configs.javascript] as never, ignore: false });
  results = await eslint.lintFiles(files);
  const windows = new Set<string>();
  for (const result of results) {
    const text = readFileSync(result.filePath, 'utf8');
    for (const message of result.messages.filter((m) => m.ruleId === RULE)) {
      const secret = reportedText(text, message);
      for (let i = 0; i + WINDOW <= secret.length; i++) {
        const window = secret.slice(i, i + WINDOW);
        if (/\S{8}/.test(window) && secretLike(window) && !innocent(window)) windows.add(window);
      }
    }
  }
  secretWindows = [...windows];
});

describe('no credential value in any output', () => {
  it('has credentials to look for', () => {
    expect(results.flatMap((r) => r.messages.filter((m) => m.ruleId === RULE)).length).toBeGreaterThanOrEqual(150);
    expect(secretWindows.length).toBeGreaterThan(1000);
  });

  it('stylish', async () => {
    const output = await (await eslint.loadFormatter('stylish')).format(results);
    expect(output).toContain('no-hardcoded-credentials');
    expect(leaks(output)).toEqual([]);
  });

  it('json: the messages carry no value; ESLint copies the file text into `source`', async () => {
    const output = await (await eslint.loadFormatter('json')).format(results);
    const parsed = JSON.parse(output) as (ESLint.LintResult & { source?: string })[];
    for (const result of parsed) {
      // ESLint's LintResult.source is the linted file's full text, present for every file with a
      // finding. It is the file, not our output; the rule doc tells users to treat the report so.
      if (result.messages.length) expect(result.source).toBe(readFileSync(result.filePath, 'utf8'));
      delete result.source;
    }
    expect(leaks(JSON.stringify(parsed))).toEqual([]);
  });

  describe('through the ESLint CLI', () => {
    const plugin = path.resolve(repoRoot, 'packages/eslint-plugin/dist/index.js');
    let dir = '';
    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'flyte-secrets-sarif-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    /** Runs the ESLint CLI over the corpus with the built plugin and a formatter; returns stdout. */
    function cli(formatter: string): string {
      expect(existsSync(plugin), `${plugin} is missing: run \`npm run build\` first (npm test does)`).toBe(true);
      const config = path.join(dir, 'eslint.config.mjs');
      writeFileSync(config, `import plugin from ${JSON.stringify(pathToFileURL(plugin).href)};\nexport default [...plugin.configs.recommended, ...plugin.configs.javascript];\n`);
      const eslintBin = path.join(path.dirname(createRequire(import.meta.url).resolve('eslint/package.json')), 'bin/eslint.js');
      try {
        return execFileSync(process.execPath, [eslintBin, '-c', config, '--no-warn-ignored', '-f', formatter, ...files], {
          cwd: repoRoot,
          encoding: 'utf8',
          env: { ...process.env, SARIF_ESLINT_EMBED: '' },
          maxBuffer: 64 * 1024 * 1024,
        });
      } catch (error) {
        // Exit code 1: there are findings, which is the point.
        return (error as { stdout: string }).stdout;
      }
    }

    it('eslint -f @microsoft/eslint-formatter-sarif', () => {
      const output = cli('@microsoft/eslint-formatter-sarif');
      const sarif = JSON.parse(output) as { runs: { results: { ruleId: string; message: { text: string } }[] }[] };
      const found = sarif.runs[0]!.results.filter((r) => r.ruleId === RULE);
      expect(found.length).toBeGreaterThanOrEqual(150);
      expect(leaks(output)).toEqual([]);
    });

    it("eslint -f with the plugin's JSON formatter (ESLint's JSON without `source`)", () => {
      const output = cli(path.resolve(repoRoot, 'packages/eslint-plugin/dist/formatters/json.js'));
      const results = JSON.parse(output) as ESLint.LintResult[];
      expect(results.flatMap((r) => r.messages.filter((m) => m.ruleId === RULE)).length).toBeGreaterThanOrEqual(150);
      expect(results.every((r) => !('source' in r))).toBe(true);
      expect(leaks(output)).toEqual([]);
    });
  });

  it('the core: message strings, JSON and util.inspect of the analysis', () => {
    const rule = rules['no-hardcoded-credentials']!;
    let count = 0;
    for (const file of corpus.filter((f) => f.language === 'python')) {
      const parsed = analyzeSource(file.text, { filePath: file.path });
      if (!parsed.ok) throw new Error(`${file.rel}: ${parsed.error.message}`);
      const findings = rule.check({ analysis: parsed.analysis, config: {} as never, options: [] });
      count += findings.length;
      const messages = findings.map((f) => formatMessage(rule.meta.messages[f.messageId]!, f.data)).join('\n');
      expect(leaks(messages)).toEqual([]);
      expect(leaks(JSON.stringify(parsed.analysis.credentials))).toEqual([]);
      expect(leaks(inspect(parsed.analysis.credentials, { depth: 10, showHidden: true }))).toEqual([]);
    }
    expect(count).toBeGreaterThanOrEqual(150);
  });
});
