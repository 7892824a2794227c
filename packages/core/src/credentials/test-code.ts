// Test code, where a token that a person typed is a test double (see isTestDoubleValue): test
// files, test functions and classes, assertions. Shared by the Python and JS/TS adapters.
import path from 'node:path';

const TEST_FOLDERS = new Set(['test', 'tests', '__tests__']);
/** pytest's and unittest's file names, Jest's, Vitest's and Mocha's. */
const TEST_FILE = /^(?:test_.*\.pyi?|.*_test\.pyi?|conftest\.py|.*\.(?:test|spec)\.[cm]?[jt]sx?)$/;

/**
 * A test file by its name or a test folder on its way from `root` (default: the working folder, where
 * ESLint and the CLI run), so that a checkout that happens to sit under a `test` folder is not all tests.
 */
export function isTestPath(filePath: string | undefined, root = process.cwd()): boolean {
  if (!filePath) return false;
  const relative = path.relative(root, filePath);
  const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  const segments = (inside ? relative : filePath).split(/[\\/]/);
  return TEST_FILE.test(segments[segments.length - 1]!) || segments.slice(0, -1).some((s) => TEST_FOLDERS.has(s));
}

/** pytest's default collection: `test*` functions, `Test*` classes. */
export const isTestFunctionName = (name: string) => /^test/.test(name);
export const isTestClassName = (name: string) => /^Test/.test(name);

/** JS/TS calls that declare a test or check a value in one. */
export const TEST_CALLS = new Set(['it', 'test', 'describe', 'suite', 'expect', 'assert', 'beforeEach', 'beforeAll', 'afterEach', 'afterAll']);
