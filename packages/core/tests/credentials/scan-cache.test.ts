// The editor's credential cache must give exactly what a full scan gives, edit after edit.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { CredentialScanCache, initParser, parsePython, scanPythonCredentials, type CredentialFinding } from '../../src/index.js';

const corpus = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../fixtures/credentials/python');

beforeAll(() => initParser());

const shape = (findings: CredentialFinding[]) => findings.map((f) => `${f.span.start}-${f.span.end}:${f.kind}:${f.preview}`);

function both(cache: CredentialScanCache, text: string): { cached: string[]; full: string[] } {
  const tree = parsePython(text);
  try {
    return { cached: shape(cache.scan(tree.rootNode, text)), full: shape(scanPythonCredentials(tree.rootNode, text)) };
  } finally {
    tree.delete();
  }
}

it('matches a full scan on every corpus file through a series of edits', () => {
  let scanned = 0;
  for (const file of readdirSync(corpus).filter((f) => f.endsWith('.py'))) {
    const original = readFileSync(path.join(corpus, file), 'utf8');
    const cache = new CredentialScanCache();
    const lines = original.split('\n');
    const middle = Math.floor(lines.length / 2);
    const versions = [
      original,
      `# a comment typed at the top\n${original}`, // every statement moves
      lines.map((l, i) => (i === middle ? `${l} ` : l)).join('\n'), // one statement changes
      lines.filter((_, i) => i !== middle).join('\n'), // a line goes away
      `${original}\n${original}`, // every statement twice
      original,
    ];
    for (const text of versions) {
      const { cached, full } = both(cache, text);
      expect(cached, `${file}, version ${versions.indexOf(text)}`).toEqual(full);
      scanned += full.length;
    }
  }
  // The corpus's credentials were among what was compared.
  expect(scanned).toBeGreaterThan(1000);
});

it('finds a credential typed into a statement it had scanned clean', () => {
  const cache = new CredentialScanCache();
  const before = 'import requests\n\nAPI_TOKEN = ""\n';
  expect(both(cache, before).cached).toEqual([]);
  const token = `ghp_${'FAKEFAKE'}${'0'.repeat(24)}TEST`;
  const after = before.replace('""', `"${token}"`);
  const { cached, full } = both(cache, after);
  expect(cached).toEqual(full);
  expect(cached).toHaveLength(1);
});

it('knows when a string becomes the module docstring, where a chosen password is an illustration', () => {
  const cache = new CredentialScanCache();
  const docstring = '"""Basic auth:\n\n    handler.add_password(user="anna", passwd="klavier$spiel")\n"""\n';
  const after = both(cache, `import os\n${docstring}`);
  expect(after.cached).toEqual(after.full);
  expect(after.full).toHaveLength(1);
  const first = both(cache, docstring);
  expect(first.cached).toEqual(first.full);
  expect(first.full).toEqual([]);
});
