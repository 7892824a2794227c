// Bundles the extension into dist/: the client (CommonJS, `vscode` external, as VS Code 1.91
// loads extensions) and the language server with core (ESM, as they are written), plus the two
// wasm files the server's parser loads from beside itself (packages/lsp/src/main.ts). The .vsix
// ships dist/ alone: no node_modules.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
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

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'linked' };

await Promise.all([
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

copyFileSync(coreRequire.resolve('tree-sitter-python/tree-sitter-python.wasm'), path.join(dist, 'tree-sitter-python.wasm'));
copyFileSync(coreRequire.resolve('web-tree-sitter/web-tree-sitter.wasm'), path.join(dist, 'web-tree-sitter.wasm'));
