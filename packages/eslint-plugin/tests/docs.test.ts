// Meta-tests that keep the docs, the configs and the rules true to each other (after
// typescript-eslint's docs.test.mts): every rule has a doc with the required sections, and every
// example in a doc does what the doc says (incorrect examples are reported, correct ones are not).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { DOCS_BASE } from '@flyte-secrets/core';
import { typescriptParser } from '../src/configs/typescript-parser.js';

const docsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/rules');
const ruleNames = Object.keys(plugin.rules).sort();
type Meta = { docs: { description: string; url: string; recommended?: string }; languages?: string[] };
const metaOf = (name: string) => (plugin.rules as Record<string, { meta: Meta }>)[name]!.meta;

/** Fenced code blocks under a `### <heading>` of the doc, with their language tag. */
function examples(doc: string, heading: 'Incorrect' | 'Correct'): { lang: string; code: string }[] {
  const start = doc.indexOf(`### ${heading}`);
  if (start < 0) return [];
  const rest = doc.slice(start + heading.length + 4);
  const end = rest.search(/\n##+ /);
  const section = end < 0 ? rest : rest.slice(0, end);
  // Code in other fences (```text, ```toml) illustrates; only Python and JS/TS examples are linted.
  return [...section.matchAll(/```(python|js|ts|jsx|tsx)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, code: m[2]! }));
}

/** The file name an example is linted as, by its fence's language tag. */
const EXAMPLE_FILES: Record<string, string> = { python: 'example.py', ts: 'example.ts', tsx: 'example.tsx', js: 'example.js', jsx: 'example.jsx' };

/** `<!-- example-settings: {...} -->` in a doc: the settings its examples are linted with. */
function exampleSettings(doc: string): Record<string, unknown> | undefined {
  const match = /<!-- example-settings: (\{.*\}) -->/.exec(doc);
  return match ? (JSON.parse(match[1]!) as Record<string, unknown>) : undefined;
}

function lint(name: string, code: string, lang: string, settings?: Record<string, unknown>): string[] {
  const linter = new Linter({ configType: 'flat' });
  const filename = EXAMPLE_FILES[lang];
  if (!filename) throw new Error(`example fenced as \`${lang}\`: use one of ${Object.keys(EXAMPLE_FILES).join(', ')}`);
  const rules = { [`@flyte-secrets/${name}`]: 'error' };
  // JS/TS examples go through the parser that configs.recommended sets for those files.
  const shared = { plugins: { '@flyte-secrets': plugin }, rules, ...(settings ? { settings: { '@flyte-secrets': settings } } : {}) };
  const config =
    lang === 'python'
      ? { files: ['**/*.py'], language: '@flyte-secrets/python', ...shared }
      : { files: ['**/*.{js,jsx,ts,tsx}'], languageOptions: { parser: typescriptParser, parserOptions: { ecmaFeatures: { jsx: true } } }, ...shared };
  const messages = linter.verify(code, [config] as never, { filename });
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(`example does not parse: ${fatal.message}\n${code}`);
  return messages.map((m) => m.ruleId ?? '');
}

describe('rule docs', () => {
  it('has one doc per rule and no doc without a rule', () => {
    const docs = readdirSync(docsDir).filter((f) => f.endsWith('.md')).map((f) => f.replace(/\.md$/, '')).sort();
    expect(docs).toEqual(ruleNames);
  });

  describe.each(ruleNames)('%s', (name) => {
    const doc = readFileSync(path.join(docsDir, `${name}.md`), 'utf8');
    const meta = metaOf(name);

    it('starts with the rule id and its description', () => {
      const [title, , quote] = doc.split('\n');
      expect(title).toBe(`# @flyte-secrets/${name}`);
      expect(quote).toBe(`> ${meta.docs.description}`);
    });

    it('has the required sections in order', () => {
      const headings = [...doc.matchAll(/^##+ .*$/gm)].map((m) => m[0]);
      const required = ['## Rule details', '## Examples', '### Incorrect', '### Correct', '## Options'];
      expect(required.map((h) => headings.indexOf(h))).toEqual([...required.map((h) => headings.indexOf(h))].sort((a, b) => a - b));
      for (const heading of required) expect(headings).toContain(heading);
    });

    it('links to this doc from meta.docs.url', () => {
      expect(meta.docs.url).toBe(`${DOCS_BASE}${name}.md`);
    });

    it('reports every incorrect example', () => {
      const blocks = examples(doc, 'Incorrect');
      expect(blocks.length).toBeGreaterThan(0);
      for (const { lang, code } of blocks) expect(lint(name, code, lang, exampleSettings(doc)), code).toContain(`@flyte-secrets/${name}`);
    });

    it('reports no correct example', () => {
      const blocks = examples(doc, 'Correct');
      expect(blocks.length).toBeGreaterThan(0);
      for (const { lang, code } of blocks) expect(lint(name, code, lang, exampleSettings(doc)), code).not.toContain(`@flyte-secrets/${name}`);
    });
  });
});

describe('configs.recommended and configs.javascript', () => {
  it('recommended lints Python files only; javascript, the opt-in, lints JS/TS files only', () => {
    expect(plugin.configs.recommended.map((block) => [block.language, block.files])).toEqual([['@flyte-secrets/python', ['**/*.py', '**/*.pyi']]]);
    expect(plugin.configs.javascript.map((block) => [block.language, block.files])).toEqual([[undefined, ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}']]]);
  });

  it('turn on exactly the recommended rules, at their recommended severity, for the files of their language', () => {
    const enabled: Record<string, unknown> = {};
    for (const block of [...plugin.configs.recommended, ...plugin.configs.javascript]) {
      for (const [id, severity] of Object.entries(block.rules ?? {})) {
        const name = id.replace('@flyte-secrets/', '');
        const languages = metaOf(name).languages ?? [];
        expect(languages).toContain(block.language ?? 'js/js');
        enabled[`${id}@${block.language ?? 'js/js'}`] = severity;
      }
    }
    const expected: Record<string, unknown> = {};
    for (const name of ruleNames) {
      const meta = metaOf(name);
      if (!meta.docs.recommended) continue;
      for (const language of meta.languages ?? []) expected[`@flyte-secrets/${name}@${language}`] = meta.docs.recommended;
    }
    expect(enabled).toEqual(expected);
  });
});
