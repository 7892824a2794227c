// Bundles the extension into dist/: the client (CommonJS, `vscode` external, as VS Code 1.91
// loads extensions) and the language server with core (ESM, as they are written), plus the two
// wasm files the server's parser loads from beside itself (packages/lsp/src/main.ts). The .vsix
// ships dist/ alone: no node_modules.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, 'dist');
const require = createRequire(import.meta.url);
/** The parser's packages as core resolves them (core is the one that depends on them). */
const coreRequire = createRequire(require.resolve('@flyte-secrets/core'));
const production = process.argv.includes('--production') || process.env.NODE_ENV === 'production';

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist);

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'none', metafile: true };

const results = await Promise.all([
  build({
    ...common,
    entryPoints: [path.join(here, 'src/extension.ts')],
    outfile: path.join(dist, 'extension.js'),
    format: 'cjs',
    external: ['vscode'],
  }),
  build({
    ...common,
    // The server's own entry (its bin imports it): the built ESM of @flyte-secrets/language-server.
    entryPoints: [path.join(path.dirname(require.resolve('@flyte-secrets/language-server/package.json')), 'dist/main.js')],
    outfile: path.join(dist, 'server.mjs'),
    format: 'esm',
    // Bundled CommonJS dependencies (vscode-languageserver) call require() for Node built-ins.
    banner: { js: "import { createRequire as __flyteSecretsCreateRequire } from 'node:module'; const require = __flyteSecretsCreateRequire(import.meta.url);" },
  }),
]);

const languageWasm = require.resolve('@flyte-secrets/core/tree-sitter-python.wasm');
const wasm = [languageWasm, coreRequire.resolve('web-tree-sitter/web-tree-sitter.wasm')];
for (const file of wasm) copyFileSync(file, path.join(dist, path.basename(file)));

// The licenses of everything the bundles and the wasm files were made from (the workspace's own
// packages are this repository's, under its LICENSE; core ships the grammar's wasm with its license).
const inputs = [...results.flatMap((result) => Object.keys(result.metafile.inputs).map((input) => path.resolve(input))), ...wasm];
writeFileSync(path.join(dist, 'THIRD-PARTY-NOTICES.txt'), thirdPartyNotices(inputs, [grammarNotice(languageWasm)]));

/** The notice of the grammar wasm that core copied from tree-sitter-python (see its source.json). */
function grammarNotice(wasmFile) {
  const stem = wasmFile.replace(/\.wasm$/, '');
  const source = JSON.parse(readFileSync(`${stem}.source.json`, 'utf8'));
  return { name: source.package, text: `${source.package} ${source.version} (${source.license})\n\n${readFileSync(`${stem}.LICENSE`, 'utf8').trim()}\n` };
}

/** The package folder (below the last node_modules) of each input, with its license text, and `extra` notices. */
function thirdPartyNotices(files, extra) {
  const roots = new Set();
  for (const file of files) {
    const match = /^(.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(file);
    if (match) roots.add(match[1]);
  }
  const sections = [...roots].map((root) => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    const licenseFile = readdirSync(root).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name));
    if (!licenseFile) throw new Error(`${manifest.name}: no license file to ship in THIRD-PARTY-NOTICES.txt`);
    return { name: manifest.name, text: `${manifest.name} ${manifest.version} (${manifest.license})\n\n${readFileSync(path.join(root, licenseFile), 'utf8').trim()}\n` };
  });
  sections.push(...extra);
  sections.sort((a, b) => a.name.localeCompare(b.name));
  const rule = `\n${'-'.repeat(78)}\n\n`;
  return `The Flyte Secrets extension bundles the following packages.${rule}${sections.map((section) => section.text).join(rule)}`;
}
