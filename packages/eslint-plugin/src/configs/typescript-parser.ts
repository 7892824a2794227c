// @typescript-eslint/parser, loaded on first use. It pulls in `typescript` (~300 ms to load, and a
// peer dependency that a Python-only project may not have installed): a lint of Python files alone
// never loads it, and a JS/TS file linted without `typescript` gets one clear parse error.
import { createRequire } from 'node:module';
import type { Linter } from 'eslint';

type Parser = { parseForESLint(code: string, options?: unknown): unknown; version?: string };

const require = createRequire(import.meta.url);
let parser: Parser | undefined;

function load(): Parser {
  if (parser) return parser;
  try {
    parser = require('@typescript-eslint/parser') as Parser;
    return parser;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && /'typescript'/.test((error as Error).message)) {
      throw new Error(
        'flyte-secrets lints JavaScript and TypeScript files with @typescript-eslint/parser, which needs the `typescript` package: run `npm install --save-dev typescript`, or lint only Python files.',
      );
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
