// The README's demo, end to end through the ESLint CLI: the findings of fixtures/demo, JSON output,
// worker threads, bulk suppressions, and bad files that must not stop the run.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyProject, DEMO, DEMO_FINDINGS as EXPECTED, DEMO_WARNINGS, eslint, findings } from './helpers.js';

describe('fixtures/demo through the eslint CLI', () => {
  it('reports exactly the demo findings, as JSON', () => {
    const result = eslint(DEMO, ['-f', 'json', '.']);
    expect(result.status).toBe(1);
    expect(findings(DEMO, result.stdout)).toEqual(EXPECTED);
  });

  it('prints the stylish report a user sees', () => {
    const result = eslint(DEMO, ['.']);
    expect(result.stdout).toContain('reads secret smtp/pasword');
    expect(result.stdout).toContain('nearly matches the request smtp/password');
    expect(result.stdout).toMatch(/10 problems \(7 errors, 3 warnings\)/);
  });

  it('gives the same findings with --concurrency 2 (worker threads load the wasm parser each)', () => {
    const result = eslint(DEMO, ['--concurrency', '2', '-f', 'json', '.']);
    expect(result.status).toBe(1);
    expect(findings(DEMO, result.stdout)).toEqual(EXPECTED);
  });

  it('adopts the rules on an existing codebase with bulk suppressions', () => {
    const dir = copyProject(DEMO);
    expect(eslint(dir, ['--suppress-all', '.']).status).toBe(0);
    // ESLint suppresses errors only; warnings stay visible and do not fail the run.
    const clean = eslint(dir, ['-f', 'json', '.']);
    expect(clean.status).toBe(0);
    expect(findings(dir, clean.stdout)).toEqual(DEMO_WARNINGS);
    // A new mistake is still reported.
    writeFileSync(
      path.join(dir, 'payments/new_task.py'),
      'from flytekit import task, current_context\n\n\n@task\ndef fresh() -> str:\n    return current_context().secrets.get("db", "password")\n',
    );
    const fresh = eslint(dir, ['-f', 'json', '.']);
    expect(fresh.status).toBe(1);
    expect(findings(dir, fresh.stdout)).toEqual([
      'payments/new_task.py:6:@flyte-secrets/no-secret-leak',
      'payments/new_task.py:6:@flyte-secrets/no-undeclared-secret',
      ...DEMO_WARNINGS,
    ].sort());
  });

  it('reports one parse error for a file with a syntax error, and lints the other files', () => {
    const dir = copyProject(DEMO);
    writeFileSync(path.join(dir, 'payments/broken.py'), 'from flytekit import task\n\n\ndef broken(a, b:\n    return a +* b\n');
    writeFileSync(path.join(dir, 'payments/empty.py'), '');
    // Latin-1 bytes are not UTF-8: ESLint decodes them with replacement characters.
    writeFileSync(path.join(dir, 'payments/latin1.py'), Buffer.from('# caf\xe9\nNAME = "d\xe9j\xe0 vu"\n', 'latin1'));
    // 5 MB of generated constants.
    writeFileSync(path.join(dir, 'payments/generated.py'), Array.from({ length: 120_000 }, (_, i) => `CONSTANT_${i} = "value-${i}"\n`).join(''));
    const result = eslint(dir, ['-f', 'json', '.']);
    expect(result.status).toBe(1);
    const reported = findings(dir, result.stdout);
    expect(reported.filter((f) => f.startsWith('payments/broken.py'))).toEqual(['payments/broken.py:4:fatal']);
    expect(reported.filter((f) => !f.startsWith('payments/broken.py'))).toEqual(EXPECTED);
    const broken = (JSON.parse(result.stdout) as { filePath: string; messages: { message: string }[] }[]).find((r) => r.filePath.endsWith('broken.py'))!;
    expect(broken.messages[0]!.message).toMatch(/^Parsing error: .*\(Python\)$/);
  });

  it('reports a file that crashed the parser (tree-sitter-python issue 350) as its Parsing error, and lints the other files', () => {
    const dir = copyProject(DEMO);
    // 600 nested blocks around a string overrun the grammar's scanner buffer; CPython refuses the file too.
    // Each mentions a secret, so that the pre-filter hands it to the parser; the same text without
    // one is never parsed (README: files in which no rule can find anything) and reports nothing.
    const deep = Array.from({ length: 600 }, (_, i) => `${' '.repeat(i)}if 1:\n`).join('') + `${' '.repeat(600)}'a'`;
    const nested = `x = ${'('.repeat(5000)}1${')'.repeat(5000)}\n`;
    writeFileSync(path.join(dir, 'payments/deep.py'), `# secret\n${deep}`);
    writeFileSync(path.join(dir, 'payments/nested.py'), `# secret\n${nested}`);
    writeFileSync(path.join(dir, 'payments/deep_unread.py'), deep);
    writeFileSync(path.join(dir, 'payments/nested_unread.py'), nested);
    const result = eslint(dir, ['-f', 'json', '.']);
    expect(result.status, result.stderr).toBe(1);
    const reported = findings(dir, result.stdout);
    expect(reported.filter((f) => f.endsWith(':fatal'))).toEqual(['payments/deep.py:102:fatal', 'payments/nested.py:2:fatal']);
    expect(reported.filter((f) => !f.endsWith(':fatal'))).toEqual(EXPECTED);
    const messages = (JSON.parse(result.stdout) as { filePath: string; messages: { message: string }[] }[]).flatMap((r) => r.messages.map((m) => m.message));
    expect(messages).toContain('Parsing error: too many levels of indentation: CPython allows 99 (Python)');
    expect(messages).toContain('Parsing error: too many nested parentheses: CPython allows 200 (Python)');
  });
});
