// The Python language inside ESLint: parse errors, inline directives (`# eslint-disable...`),
// inline rule configuration and fixes, through ESLint's own Linter.
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { python } from '../rule-tester.js';

const UNDECLARED = '@flyte-secrets/no-undeclared-secret';

function lint(code: string, options: { rules?: Record<string, unknown>; linterOptions?: Record<string, unknown>; extraPlugins?: Record<string, unknown> } = {}) {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(
    code,
    [
      {
        files: ['**/*.py'],
        plugins: { '@flyte-secrets': plugin, ...options.extraPlugins },
        language: '@flyte-secrets/python',
        rules: options.rules ?? { [UNDECLARED]: 'error' },
        // ESLint warns about unused directives by default; tests that want it say so.
        linterOptions: options.linterOptions ?? { reportUnusedDisableDirectives: 'off' },
      },
    ] as never,
    { filename: 'task.py' },
  );
}

const READS = python`
  from flytekit import task, current_context

  @task
  def t():
      ctx = current_context()
      # eslint-disable-next-line ${UNDECLARED} -- reviewed: injected by a pod template
      a = ctx.secrets.get("a", "b")
      b = ctx.secrets.get("c", "d")  # eslint-disable-line ${UNDECLARED}
      # eslint-disable ${UNDECLARED}
      c = ctx.secrets.get("e", "f")
      # eslint-enable ${UNDECLARED}
      d = ctx.secrets.get("g", "h")
      e = "# eslint-disable-next-line"
      f = ctx.secrets.get("i", "j")
`;

describe('the @flyte-secrets/python language', () => {
  it('honours # eslint-disable-next-line, -line and disable/enable blocks, not directives inside strings', () => {
    const messages = lint(READS);
    expect(messages.map((m) => [m.line, m.ruleId])).toEqual([
      [12, UNDECLARED],
      [14, UNDECLARED],
    ]);
  });

  it('honours a bare # eslint-disable until an # eslint-enable of that rule', () => {
    const messages = lint(`# eslint-disable\n${READS}`);
    expect(messages.map((m) => m.line)).toEqual([13, 15]);
  });

  it('reports unused disable directives when asked', () => {
    const code = python`
      from flytekit import task

      # eslint-disable-next-line ${UNDECLARED}
      X = 1
    `;
    const messages = lint(code, { linterOptions: { reportUnusedDisableDirectives: 'error' } });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ line: 3, ruleId: null, message: expect.stringContaining('Unused eslint-disable directive') });
  });

  it('applies inline rule configuration comments', () => {
    const off = lint(`# eslint ${UNDECLARED}: "off"\n${READS}`);
    expect(off).toEqual([]);
    const warn = lint(`# eslint ${UNDECLARED}: "warn"\n${READS}`);
    expect(warn.map((m) => m.severity)).toEqual([1, 1]);
    const bad = lint(`# eslint ${UNDECLARED}: [not json\n${READS}`);
    expect(bad[0]).toMatchObject({ ruleId: null, line: 1 });
  });

  it('turns a syntax error into one parse error with its location, and runs no rule', () => {
    const messages = lint('from flytekit import task\n\nx = (1,\ny = 2\n');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ fatal: true, ruleId: null, line: 3, column: 5, message: "Parsing error: '(' was never closed (Python)" });
  });

  it('lints empty files and files without any secret', () => {
    expect(lint('')).toEqual([]);
    expect(lint('print("hello")\n')).toEqual([]);
  });

  it('does not parse a file in which no rule can report anything: its syntax error is reported only with parseEveryFile', () => {
    const broken = 'import os\n\nx = (1,\ny = 2\n';
    expect(lint(broken)).toEqual([]);
    const everyFile = new Linter({ configType: 'flat' }).verify(
      broken,
      [{ files: ['**/*.py'], plugins: { '@flyte-secrets': plugin }, language: '@flyte-secrets/python', languageOptions: { parseEveryFile: true }, rules: { [UNDECLARED]: 'error' } }] as never,
      { filename: 'task.py' },
    );
    expect(everyFile).toMatchObject([{ fatal: true, line: 3, message: "Parsing error: '(' was never closed (Python)" }]);
    // A secret anchor, a credential candidate that may be one or a directive comment makes the file parsed.
    for (const trigger of ['s = "secret"', 'password = "hunter2!x"', '# eslint-disable']) expect(lint(`${trigger}\n${broken}`)).toMatchObject([{ fatal: true }]);
    // A candidate that cannot be a credential does not: "x" is too short to be a password.
    expect(lint(`password = "x"\n${broken}`)).toEqual([]);
  });

  it('rejects language options it does not have', () => {
    expect(() => plugin.languages.python.validateLanguageOptions({ ecmaVersion: 2022 })).toThrow(/Unexpected key "ecmaVersion"/);
    expect(() => plugin.languages.python.validateLanguageOptions({ parseEveryFile: 'yes' })).toThrow(/parseEveryFile must be true or false/);
    expect(() => plugin.languages.python.validateLanguageOptions({ parseEveryFile: true })).not.toThrow();
  });

  it('applies fixes at the reported offsets (ESLint re-parses the fixed text)', () => {
    const renameGetSecret = {
      meta: { type: 'problem', fixable: 'code', messages: { rename: 'rename' }, schema: [] },
      create(context: { sourceCode: { text: string }; report: (d: unknown) => void }) {
        return {
          module() {
            const text = context.sourceCode.text;
            const index = text.indexOf('get_secret');
            if (index >= 0) context.report({ loc: { line: 1, column: 0 }, messageId: 'rename', fix: (fixer: { replaceTextRange: (r: number[], t: string) => unknown }) => fixer.replaceTextRange([index, index + 10], 'secrets.get') });
          },
        };
      },
    };
    const linter = new Linter({ configType: 'flat' });
    const result = linter.verifyAndFix(
      'x = ctx.get_secret("a", "b")\ny = "é😀"\n',
      [{ files: ['**/*.py'], plugins: { '@flyte-secrets': plugin, test: { rules: { rename: renameGetSecret } } }, language: '@flyte-secrets/python', rules: { 'test/rename': 'error' } }] as never,
      { filename: 'task.py' },
    );
    expect(result.output).toBe('x = ctx.secrets.get("a", "b")\ny = "é😀"\n');
    expect(result.fixed).toBe(true);
  });
});
