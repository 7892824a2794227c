// @typescript-eslint/parser for configs.javascript, loaded on first use. It is an optional peer
// dependency: a Python-only install has neither it nor the `typescript` it needs (~300 ms to load,
// 24 MB), and a JS/TS file linted without them gets one parse error that says what to install.
import { createRequire } from 'node:module';
import type { Linter } from 'eslint';

type Parser = { parseForESLint(code: string, options?: unknown): unknown; version?: string };

const require = createRequire(import.meta.url);
let parser: Parser | undefined;

/** The package a MODULE_NOT_FOUND error could not find, when it is the parser or `typescript`. */
function missingPackage(error: unknown): string | undefined {
  if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') return undefined;
  return /'(@typescript-eslint\/parser|typescript)'/.exec((error as Error).message)?.[1];
}

function load(): Parser {
  if (parser) return parser;
  try {
    parser = require('@typescript-eslint/parser') as Parser;
    return parser;
  } catch (error) {
    const missing = missingPackage(error);
    if (missing) {
      const message = `flyte-secrets' configs.javascript parses JavaScript and TypeScript files with @typescript-eslint/parser, and \`${missing}\` is not installed: run \`npm install --save-dev @typescript-eslint/parser\`, or lint only Python files with configs.recommended.`;
      // ESLint places a parse error at the error's lineNumber and column.
      throw Object.assign(new Error(message), { lineNumber: 1, column: 1 });
    }
    throw error;
  }
}

export const typescriptParser = {
  meta: { name: '@flyte-secrets/typescript-parser', version: '0.1.0' },
  parseForESLint(code: string, options?: unknown) {
    return load().parseForESLint(code, options);
  },
} as unknown as Linter.Parser;
