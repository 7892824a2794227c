// The project index's pre-filter is conservative: every module it summarises without a parse has
// exactly the summary a parse gives, over every fixture and the CPython standard library of the
// machine (its tests included); and a module without secret anchors that holds something for its
// importers is parsed.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { initParser, ProjectIndex, summarizeModule } from '../../src/index.js';
import { summaryWithoutParse } from '../../src/project/summary-filter.js';
import { standardLibrary } from '../../../../tests/support/standard-library.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../fixtures');

beforeAll(() => initParser());

function pythonFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.py') && !entry.parentPath.includes('site-packages'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Compares the summary without a parse to the parsed one wherever the filter gives one; returns how many it gave. */
function expectIdentical(dir: string): { files: number; withoutParse: number } {
  const files = pythonFiles(dir);
  let withoutParse = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const quick = summaryWithoutParse(file, text);
    if (!quick) continue;
    withoutParse++;
    expect({ file, summary: quick }).toEqual({ file, summary: summarizeModule(file, text, new ProjectIndex({ summarize: summarizeModule })) });
  }
  return { files: files.length, withoutParse };
}

const stdlib = standardLibrary();
if (!stdlib) console.warn('\n*** SKIPPED: the summary pre-filter identity test over the CPython standard library needs `python3` (Debian: apt-get install -y python3); the fixtures were still compared.\n');

describe('the project index summarises without a parse only what a parse summarises as empty', () => {
  it('over every fixture', () => {
    const { files, withoutParse } = expectIdentical(FIXTURES);
    expect(files).toBeGreaterThan(50);
    expect(withoutParse).toBeGreaterThan(3);
  });

  it.skipIf(!stdlib)('over the CPython standard library of this machine, tests included', () => {
    const { files, withoutParse } = expectIdentical(stdlib!);
    console.log(`standard library ${stdlib}: ${files} modules, ${withoutParse} summarised without a parse`);
    expect(files).toBeGreaterThan(500);
    expect(withoutParse).toBeGreaterThan(10);
  }, 300_000);

  it('parses a module that names no secret but binds names its importers use', () => {
    for (const text of ['DB_GROUP = "db"\n', '"""Doc."""\nfrom .names import *\n', 'def log_it(value):\n    print(value)\n', '"""a""" ; GROUP = "db"\n', 'f"{(GROUP := 1)}"\n']) {
      expect(summaryWithoutParse('/repo/consts.py', text)).toBeUndefined();
    }
    expect(summaryWithoutParse('/repo/pkg/__init__.py', '')).toBeDefined();
    expect(summaryWithoutParse('/repo/pkg/__init__.py', '# Copyright\n"""The package."""\n')).toBeDefined();
  });
});
