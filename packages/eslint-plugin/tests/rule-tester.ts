// The RuleTester every rule test uses: Python language, and a `python` tag that strips the common
// indentation so test cases can be written indented inside the tables.
import { RuleTester } from 'eslint';
import plugin from '../src/index.js';

export const PYTHON = { plugins: { '@flyte-secrets': plugin }, language: '@flyte-secrets/python' } as const;

export function ruleTester(settings?: Record<string, unknown>): RuleTester {
  return new RuleTester({ ...PYTHON, ...(settings ? { settings: { '@flyte-secrets': settings } } : {}) } as never);
}

/** Dedents a template literal and drops its first and last blank lines. */
export function python(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((out, s, i) => out + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').replace(/\n\s*$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return `${lines.map((l) => l.slice(indent)).join('\n')}\n`;
}

export { plugin };
