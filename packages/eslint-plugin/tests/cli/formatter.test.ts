// `-f <name>` follows ESLint's formatter naming; packages found only beside the plugin go by path.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatterPackage, resolveFormatter } from '../../src/cli/formatter.js';

describe('formatterPackage', () => {
  it.each([
    ['@microsoft/eslint-formatter-sarif', '@microsoft/eslint-formatter-sarif'],
    ['@microsoft/sarif', '@microsoft/eslint-formatter-sarif'],
    ['@acme', '@acme/eslint-formatter'],
    ['eslint-formatter-gitlab', 'eslint-formatter-gitlab'],
    ['gitlab', 'eslint-formatter-gitlab'],
    ['json', 'eslint-formatter-json'],
  ])('%s -> %s', (name, pkg) => expect(formatterPackage(name)).toBe(pkg));

  it.each(['./formatter.js', 'tools/formatter.js', '/abs/formatter.js'])('%s is a path', (name) => expect(formatterPackage(name)).toBeUndefined());
});

describe('resolveFormatter', () => {
  const repo = mkdtempSync(path.join(tmpdir(), 'flyte-secrets-formatter-'));

  it('leaves built-in names, paths and unknown packages to ESLint', () => {
    for (const name of ['stylish', './my-formatter.js', '@nobody/eslint-formatter-none']) expect(resolveFormatter(name, repo)).toBe(name);
  });

  it("replaces ESLint's json, which embeds each file's source, by the plugin's json without it", () => {
    expect(resolveFormatter('json', repo)).toMatch(/\/formatters\/json\.js$/);
  });

  it('leaves a formatter installed in the repository to ESLint', () => {
    const dir = path.join(repo, 'node_modules/eslint-formatter-local');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), '{"name": "eslint-formatter-local", "main": "index.js"}');
    writeFileSync(path.join(dir, 'index.js'), 'module.exports = () => "";');
    expect(resolveFormatter('local', repo)).toBe('local');
  });
});
