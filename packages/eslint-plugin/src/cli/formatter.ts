// `-f <package>`: ESLint loads formatter packages from the current folder. Under
// `npx -p @flyte-secrets/eslint-plugin -p @microsoft/eslint-formatter-sarif flyte-secrets` the
// formatter is installed beside this package instead, so it is passed to ESLint by path.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The npm package ESLint looks up for `-f <name>` (its `eslint-formatter` naming convention). */
export function formatterPackage(name: string): string | undefined {
  if (name.startsWith('@')) {
    const [scope, rest = ''] = name.split('/', 2);
    return rest.startsWith('eslint-formatter') ? name : `${scope}/eslint-formatter${rest ? `-${rest}` : ''}`;
  }
  if (name.includes('/') || name.includes('\\') || name.startsWith('.')) return undefined; // a file path
  return name.startsWith('eslint-formatter-') ? name : `eslint-formatter-${name}`;
}

function resolveFrom(base: string, request: string): string | undefined {
  try {
    return createRequire(base).resolve(request);
  } catch {
    return undefined;
  }
}

/**
 * ESLint's own `json` formatter copies the whole source of each file with a finding into the
 * report, credentials included: `flyte-secrets -f json` uses the plugin's JSON formatter, which is
 * the same report without `source`.
 */
const SAFE_JSON = fileURLToPath(new URL('../formatters/json.js', import.meta.url));

/** The `-f` value to give ESLint: unchanged unless the formatter is only installed beside this package. */
export function resolveFormatter(name: string, cwd: string): string {
  if (name === 'json') return SAFE_JSON;
  const pkg = formatterPackage(name);
  if (!pkg || resolveFrom(path.join(cwd, '__placeholder__.js'), pkg)) return name;
  return resolveFrom(import.meta.url, pkg) ?? name;
}
