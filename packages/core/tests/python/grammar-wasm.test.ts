// The Python grammar core ships in wasm/ is tree-sitter-python's own prebuilt wasm of the pinned
// version: the checksum recorded in wasm/tree-sitter-python.source.json, and the registry's tarball
// of that version (through the refresh script's --check, which uses the npm registry).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import corePackage from '../../package.json' with { type: 'json' };

const wasmFile = (name: string) => new URL(`../../wasm/${name}`, import.meta.url);
const source = JSON.parse(readFileSync(wasmFile('tree-sitter-python.source.json'), 'utf8')) as Record<string, string>;

describe('wasm/tree-sitter-python.wasm', () => {
  it('is the file whose checksum the repository records, of tree-sitter-python 0.25.0', () => {
    const digest = `sha256-${createHash('sha256').update(readFileSync(wasmFile('tree-sitter-python.wasm'))).digest('base64')}`;
    expect(digest).toBe(source.wasm);
    expect(source).toMatchObject({ package: 'tree-sitter-python', version: '0.25.0', license: 'MIT' });
  });

  it("ships with the grammar's license, and without the native package", () => {
    expect(readFileSync(wasmFile('tree-sitter-python.LICENSE'), 'utf8')).toMatch(/^The MIT License \(MIT\)\n\nCopyright \(c\) 2016 Max Brunsfeld\n/);
    expect(corePackage.files).toContain('wasm');
    expect(Object.keys(corePackage.dependencies)).not.toContain('tree-sitter-python');
  });

  it("is byte for byte the wasm and license in the registry's tarball of that version (uses the npm registry)", () => {
    const script = new URL('../../scripts/refresh-grammar-wasm.mjs', import.meta.url);
    const result = spawnSync(process.execPath, [script.pathname, '--check'], { encoding: 'utf8' });
    expect(result.stderr).not.toMatch(/differs/);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`wasm/ is tree-sitter-python@0.25.0 from the registry (${source.wasm})`);
  });
});
