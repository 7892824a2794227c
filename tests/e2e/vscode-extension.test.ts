// The VS Code extension as shipped: `npm run package` builds the .vsix, which is unpacked here and
// checked as VS Code would read it (the manifest) and as VS Code would run it (the bundled language
// server, started with node from the unpacked files alone, speaking LSP over stdio).
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import type { CodeAction } from 'vscode-languageserver';
import { applyEdits, positionOf, PULL_CAPABILITIES, TestClient } from '../../packages/lsp/tests/support/lsp-client.js';
import { inventoryStatus, type InventoryAnswer } from '../../packages/vscode-extension/src/inventory.js';
import { copyProject, DEMO, DEMO_FINDINGS, packageExtension, removeTempDirs, ROOT, tempDir } from './helpers.js';

const EXTENSION = path.join(ROOT, 'packages/vscode-extension');
const VSIX = path.join(EXTENSION, 'dist/flyte-secrets.vsix');

/** Extracts a zip; returns the names of its entries. */
async function unzip(file: string, into: string): Promise<string[]> {
  const zip = await yauzl.openPromise(file);
  const names: string[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      names.push(entry.fileName);
      const target = path.join(into, entry.fileName);
      if (!target.startsWith(into + path.sep)) throw new Error(`zip entry outside the folder: ${entry.fileName}`);
      if (entry.fileName.endsWith('/')) continue;
      mkdirSync(path.dirname(target), { recursive: true });
      await pipeline(await zip.openReadStreamPromise(entry), createWriteStream(target));
    }
  } finally {
    zip.close();
  }
  return names.sort();
}

/**
 * Module names a bundle (minified or not) loads with a literal `require()`, `import ... from`,
 * `import "..."` or `import("...")`. Matches inside strings that are not module names are dropped.
 */
function loadedModules(code: string): string[] {
  const names = new Set<string>();
  const pattern = /\brequire\(\s*["']([^"']+)["']\s*\)|\bimport\s*[\w*{$][^;'"]*?from\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)|\bimport\s*["']([^"']+)["']/g;
  for (const match of code.matchAll(pattern)) names.add(match[1] ?? match[2] ?? match[3] ?? match[4]!);
  return [...names].filter((name) => /^[@\w][\w./:@-]*$/.test(name)).sort();
}
const isBuiltin = (name: string) => builtinModules.includes(name.replace(/^node:/, ''));

let unpacked: string;
let entries: string[];
let manifest: Record<string, any>;

beforeAll(async () => {
  rmSync(VSIX, { force: true });
  const packaged = packageExtension(VSIX);
  expect(packaged.status, packaged.stdout + packaged.stderr).toBe(0);
  unpacked = tempDir('vsix');
  entries = await unzip(VSIX, unpacked);
  manifest = JSON.parse(readFileSync(path.join(unpacked, 'extension/package.json'), 'utf8'));
}, 300_000);

afterAll(removeTempDirs);

describe('the .vsix', () => {
  it('holds the bundles, the parser, the icon and the documents, and nothing else', () => {
    expect(entries.filter((name) => name.startsWith('extension/'))).toEqual([
      'extension/LICENSE.txt',
      'extension/changelog.md',
      'extension/dist/THIRD-PARTY-NOTICES.txt',
      'extension/dist/extension.js',
      'extension/dist/server.mjs',
      'extension/dist/tree-sitter-python.wasm',
      'extension/dist/web-tree-sitter.wasm',
      'extension/images/icon.png',
      'extension/package.json',
      'extension/readme.md',
    ]);
  });

  it('ships the license of every package it bundles', () => {
    const notices = readFileSync(path.join(unpacked, 'extension/dist/THIRD-PARTY-NOTICES.txt'), 'utf8');
    for (const name of ['vscode-languageclient', 'vscode-languageserver', 'web-tree-sitter', 'tree-sitter-python', 'yaml', 'smol-toml']) {
      expect(notices).toMatch(new RegExp(`^${name} \\d+\\.\\d+\\.\\d+ \\(`, 'm'));
    }
    expect(notices).not.toContain('@flyte-secrets/'); // this repository's own code, under its LICENSE
  });

  it('activates on Python files without claiming the python language', () => {
    expect(manifest.activationEvents).toEqual(['onLanguage:python']);
    expect((manifest.contributes.languages ?? []).map((language: { id: string }) => language.id)).not.toContain('python');
    expect(manifest.contributes.grammars).toBeUndefined();
    expect(existsSync(path.join(unpacked, 'extension', manifest.main))).toBe(true);
    expect(manifest.type).toBeUndefined(); // dist/extension.js is CommonJS, as VS Code requires it
    expect(manifest.dependencies).toBeUndefined(); // everything is bundled
  });

  it('requires the VS Code that vscode-languageclient 11 requires', () => {
    const client = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/vscode-languageclient/package.json'), 'utf8'));
    expect(client.version).toMatch(/^11\./);
    expect(manifest.engines.vscode).toBe(client.engines.vscode);
  });

  it('contributes the settings, commands and fix-all kind', () => {
    const settings = Object.keys(manifest.contributes.configuration.properties);
    expect(settings).toEqual(expect.arrayContaining(['flyteSecrets.enable', 'flyteSecrets.rules', 'flyteSecrets.config', 'flyteSecrets.trace.server']));
    expect(settings.every((key) => key.startsWith('flyteSecrets.'))).toBe(true);
    expect(manifest.contributes.commands.map((command: { command: string; title: string }) => `${command.command}: ${command.title}`)).toEqual([
      'flyteSecrets.showInventory: Show Secret Inventory',
      'flyteSecrets.restart: Restart Server',
      'flyteSecrets.showOutput: Show Output',
    ]);
    expect(manifest.contributes.codeActions).toEqual([expect.objectContaining({ languages: ['python'], actions: [expect.objectContaining({ kind: 'source.fixAll.flyteSecrets' })] })]);
  });

  it('has a README whose picture resolves on the Marketplace and exists in the repository', () => {
    const readme = readFileSync(path.join(unpacked, 'extension/readme.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((match) => match[1]!);
    const base = 'https://github.com/flyte-secrets/flyte-secrets/raw/HEAD/packages/vscode-extension/';
    expect(images).toEqual([`${base}images/quick-fix.png`]);
    for (const image of images) expect(existsSync(path.join(EXTENSION, image.slice(base.length)))).toBe(true);
    // The picture is what tests/vscode/extension.test.ts photographs in code-server, and says so.
    expect(readme).toMatch(/A screenshot taken by the extension's end-to-end\s+test/);
  });

  it('has bundles that load nothing but vscode and Node built-ins', () => {
    const client = readFileSync(path.join(unpacked, 'extension/dist/extension.js'), 'utf8');
    expect(loadedModules(client).filter((name) => name !== 'vscode' && !isBuiltin(name))).toEqual([]);
    expect(loadedModules(client)).toContain('vscode');
    const server = readFileSync(path.join(unpacked, 'extension/dist/server.mjs'), 'utf8');
    expect(loadedModules(server).filter((name) => !isBuiltin(name))).toEqual([]);
  });
});

describe('the language server inside the .vsix', () => {
  let client: TestClient | undefined;
  let project: string;
  afterAll(async () => {
    await client?.stop();
  });

  it('answers initialize and reports the demo\'s findings, run from the unpacked files alone', async () => {
    // A Python project as its developers have it: no ESLint config, no node_modules.
    project = copyProject(DEMO, { pythonOnly: true });
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, workspace: project, server: path.join(unpacked, 'extension/dist/server.mjs') });
    expect(client.initializeResult.serverInfo).toEqual({ name: 'flyte-secrets-language-server', version: manifest.version });
    expect(client.initializeResult.capabilities.diagnosticProvider).toBeDefined();
    expect(client.initializeResult.capabilities.executeCommandProvider?.commands).toContain('flyte-secrets.inventory');

    const found: string[] = [];
    for (const name of readdirSync(path.join(project, 'payments')).filter((file) => file.endsWith('.py'))) {
      const file = path.join(project, 'payments', name);
      const uri = await client.open(file);
      for (const diagnostic of await client.pull(uri)) {
        expect(diagnostic.source).toBe('flyte-secrets');
        found.push(`payments/${name}:${diagnostic.range.start.line + 1}:${diagnostic.code}`);
      }
    }
    expect(found.sort()).toEqual(DEMO_FINDINGS);
  });

  it('reports its indexing as work-done progress and answers the inventory the status bar shows', async () => {
    // The status item shows the spinner between begin and end, then asks for the inventory.
    const kinds = await client!.waitFor(() => {
      const seen = client!.progress.map((p) => (p as { value: { kind: string } }).value.kind);
      return seen.includes('end') && seen;
    }, 'the end of the indexing progress');
    expect(kinds[0]).toBe('begin');
    const answer = await client!.connection.sendRequest<InventoryAnswer>('workspace/executeCommand', { command: 'flyte-secrets.inventory' });
    const secrets = answer.inventories.reduce((sum, inventory) => sum + inventory.report.secrets.length, 0);
    expect(secrets).toBeGreaterThan(0);
    expect(inventoryStatus(answer).text).toBe(`$(key) ${secrets} secrets`);
  });

  it('offers the quick fix of a finding', async () => {
    const uri = await client!.open(path.join(project, 'payments/reports.py'));
    const text = client!.text(uri);
    const start = positionOf(text, 'ctx.secrets.get(SMTP, "pasword")');
    const [mismatch] = (await client!.pull(uri)).filter((d) => d.code === '@flyte-secrets/no-mismatched-secret');
    const actions = await client!.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start, end: start },
      context: { diagnostics: [mismatch], only: ['quickfix'] },
    });
    const fix = actions.find((action) => action.title.includes('smtp/password'));
    expect(fix, actions.map((a) => a.title).join('; ')).toBeDefined();
    expect(applyEdits(text, fix!.edit!.changes![uri]!)).toContain('ctx.secrets.get(SMTP, "password")');
  });
});
