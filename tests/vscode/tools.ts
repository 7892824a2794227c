// What the VS Code end-to-end test drives, where tests/vscode/install.sh puts it: code-server and
// playwright-core in tests/vscode/node_modules, Node 24 (code-server's runtime) in
// tests/vscode/node/node_modules, and Debian's chromium.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const CODE_SERVER = path.join(HERE, 'node_modules/.bin/code-server');
/** The folder of Node 24's `node` binary, put first on code-server's PATH. */
export const NODE_24_BIN = path.join(HERE, 'node/node_modules/node/bin');
export const PLAYWRIGHT = path.join(HERE, 'node_modules/playwright-core/index.mjs');
export const CHROMIUM = '/usr/bin/chromium';

/** The tools that are not installed, each named with what provides it. */
export function missingTools(): string[] {
  const missing: string[] = [];
  if (!existsSync(CODE_SERVER)) missing.push('code-server (tests/vscode/node_modules)');
  if (!existsSync(path.join(NODE_24_BIN, 'node'))) missing.push('Node 24 (tests/vscode/node/node_modules)');
  if (!existsSync(PLAYWRIGHT)) missing.push('playwright-core (tests/vscode/node_modules)');
  if (!existsSync(CHROMIUM)) missing.push(`chromium (${CHROMIUM}, Debian package chromium)`);
  return missing;
}
