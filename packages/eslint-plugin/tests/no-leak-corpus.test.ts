// fixtures/no-leak-corpus: correct tasks that hand secrets to database drivers, cloud SDKs and API
// clients. no-secret-leak must find nothing there, and neither must the other secret rules. The
// corpus is checked to really exercise the rule: enough tasks, each reading a secret.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeSource, reachableFunctions } from '@flyte-secrets/core';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { plugin, PYTHON } from './rule-tester.js';

const corpus = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/no-leak-corpus/pipelines');
const files = readdirSync(corpus).filter((f) => f.endsWith('.py')).map((f) => path.join(corpus, f));
const allRules = Object.fromEntries(Object.keys(plugin.rules).map((name) => [`@flyte-secrets/${name}`, 'error']));

function lint(file: string, rules: Record<string, string>): string[] {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(readFileSync(file, 'utf8'), [{ files: ['**/*.py'], ...PYTHON, rules }] as never, { filename: file });
  return messages.map((m) => `${path.basename(file)}:${m.line}:${m.column} ${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('no-leak corpus', () => {
  it('has at least 20 tasks that read a secret', () => {
    const reading: string[] = [];
    for (const file of files) {
      const parsed = analyzeSource(readFileSync(file, 'utf8'), { filePath: file });
      if (!parsed.ok) throw new Error(`${file}: ${parsed.error.message}`);
      const model = parsed.analysis.module;
      for (const task of model.tasks) {
        const functions = reachableFunctions(model, task);
        const reads = functions.some((i) => model.functions[i]!.reads.length) || model.directReads.some((d) => functions.includes(d.functionIndex!));
        if (reads) reading.push(`${path.basename(file)}:${task.name}`);
      }
    }
    expect(reading.length, reading.join('\n')).toBeGreaterThanOrEqual(20);
  });

  it.each(files.map((f) => [path.basename(f), f]))('no-secret-leak finds nothing in %s', (_name, file) => {
    expect(lint(file, { '@flyte-secrets/no-secret-leak': 'error' })).toEqual([]);
  });

  it.each(files.map((f) => [path.basename(f), f]))('no secret rule finds anything in %s', (_name, file) => {
    expect(lint(file, allRules)).toEqual([]);
  });
});
