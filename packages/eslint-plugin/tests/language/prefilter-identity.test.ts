// The pre-filter is conservative: linting with it (the default) and with every file parsed
// (`languageOptions.parseEveryFile`) gives the same findings, every rule on, over the CPython
// standard library of the machine (its tests included), every fixture and the credential corpus.
// The only allowed difference: a syntax error in a file that no rule can report on is not reported.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { PYTHON_LANGUAGE } from '../../src/util/core-rule.js';
import { standardLibrary } from '../../../../tests/support/standard-library.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../fixtures');

const ALL_PYTHON_RULES = Object.fromEntries(
  Object.entries(plugin.rules as Record<string, { meta?: { languages?: string[] } }>)
    .filter(([, rule]) => rule.meta?.languages?.includes(PYTHON_LANGUAGE))
    .map(([name]) => [`@flyte-secrets/${name}`, 'error' as const]),
);

type Comparable = Pick<Linter.LintMessage, 'ruleId' | 'message' | 'line' | 'column' | 'endLine' | 'endColumn' | 'severity' | 'fix' | 'suggestions'>;

async function lintTree(cwd: string, parseEveryFile: boolean): Promise<Map<string, { fatal: boolean; messages: Comparable[] }>> {
  const eslint = new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [
      { ignores: ['**/site-packages/**', '**/node_modules/**'] },
      ...(plugin.configs.recommended as Linter.Config[]),
      { files: ['**/*.py'], languageOptions: { parseEveryFile }, rules: ALL_PYTHON_RULES },
    ] as never,
    ignore: true,
    warnIgnored: false,
  });
  const byFile = new Map<string, { fatal: boolean; messages: Comparable[] }>();
  for (const result of await eslint.lintFiles(['**/*.py'])) {
    const messages = result.messages.map(({ ruleId, message, line, column, endLine, endColumn, severity, fix, suggestions }) => ({ ruleId, message, line, column, endLine, endColumn, severity, fix, suggestions }));
    byFile.set(result.filePath, { fatal: result.messages.some((m) => m.fatal), messages });
  }
  return byFile;
}

/** Compares the two runs; returns how many files reported anything and how many syntax errors the filter hid. */
async function expectIdentical(cwd: string): Promise<{ files: number; withFindings: number; hiddenSyntaxErrors: number }> {
  const full = await lintTree(cwd, true);
  const filtered = await lintTree(cwd, false);
  expect([...filtered.keys()].sort()).toEqual([...full.keys()].sort());
  let withFindings = 0;
  let hiddenSyntaxErrors = 0;
  for (const [file, expected] of full) {
    const actual = filtered.get(file)!;
    if (expected.fatal && !actual.messages.length) {
      hiddenSyntaxErrors++;
      continue;
    }
    expect({ file, messages: actual.messages }).toEqual({ file, messages: expected.messages });
    if (expected.messages.some((m) => m.ruleId)) withFindings++;
  }
  return { files: full.size, withFindings, hiddenSyntaxErrors };
}

const stdlib = standardLibrary();
if (!stdlib) console.warn('\n*** SKIPPED: the pre-filter identity test over the CPython standard library needs `python3` (Debian: apt-get install -y python3); the fixtures were still compared.\n');

describe('the pre-filter finds exactly what a full parse of every file finds', () => {
  it('over every fixture, the credential corpus included', async () => {
    const { files, withFindings } = await expectIdentical(FIXTURES);
    expect(files).toBeGreaterThan(50);
    expect(withFindings).toBeGreaterThan(20);
  }, 300_000);

  it.skipIf(!stdlib)('over the CPython standard library of this machine, tests included', async () => {
    const { files, withFindings, hiddenSyntaxErrors } = await expectIdentical(stdlib!);
    console.log(`standard library ${stdlib}: ${files} files, ${withFindings} with findings, ${hiddenSyntaxErrors} syntax errors in files no rule can report on`);
    expect(files).toBeGreaterThan(500);
  }, 900_000);
});
