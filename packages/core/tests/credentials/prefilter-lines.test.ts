// The pre-filter's credential verdict (mayHoldCredentials) judges a candidate's logical line from
// the text alone. It must never drop a finding of the scan: checked on every statement of the
// credential corpus and on constructs whose value the text alone does not give. It must also
// drop the candidates that cannot be credentials, which is what it is for.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { initParser, mayHoldCredentials, parsePython, scanPythonCredentials } from '../../src/index.js';

const corpus = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../fixtures/credentials/python');

beforeAll(() => initParser());

function findings(text: string): number {
  const tree = parsePython(text);
  try {
    return scanPythonCredentials(tree.rootNode, text).length;
  } finally {
    tree.delete();
  }
}

/** Top-level statements of a module, with the comments before them. */
function statements(text: string): string[] {
  const tree = parsePython(text);
  try {
    return tree.rootNode.namedChildren.map((node) => text.slice(node.startIndex, node.endIndex));
  } finally {
    tree.delete();
  }
}

describe('mayHoldCredentials', () => {
  it('keeps every corpus file and every corpus statement in which the scan finds a credential', () => {
    let withFindings = 0;
    let dropped = 0;
    for (const file of readdirSync(corpus).filter((f) => f.endsWith('.py'))) {
      const text = readFileSync(path.join(corpus, file), 'utf8');
      if (findings(text)) expect(mayHoldCredentials(text), file).toBe(true);
      for (const statement of statements(text)) {
        if (findings(statement)) {
          withFindings++;
          expect(mayHoldCredentials(statement), `${file}: ${statement.slice(0, 60)}`).toBe(true);
        } else if (!mayHoldCredentials(statement)) dropped++;
      }
    }
    expect(withFindings).toBeGreaterThan(150);
    expect(dropped).toBeGreaterThan(20);
  });

  // Each is a credential the scan finds; the comment says why the text alone cannot rule it out.
  const found: [string, string][] = [
    ['a provider prefix concatenated with a name', 't = "ghp_" + "FAKE0000aBcDeFgHiJkLmNoPqRsTuVwXyZ01"\n'],
    ['a URL built with +', 'dsn = base + "postgres://app:Xk9mQ2vLp7sR@db.internal/app"\n'],
    ['an f-string with a field', 'url = f"postgres://app:Xk9mQ2vLp7sR@{host}/app"\n'],
    ['implicit concatenation over lines', 'password = (\n    "Xk9m"  # first half\n    "Q2vL!p7sR"\n)\n'],
    ['a tuple under a credential name', 'session.auth = ("deploy", "Xk9mQ2vL!p7sR")\n'],
    // The line's own names make it a token, too short for one; the function's name makes it a password.
    ['a returned value named by its function', 'def get_password():\n    return token or "hunter2!x"\n'],
    ['a keyword argument', 'connect(host="db", password="Xk9mQ2vL!p7sR")\n'],
    ['a comment in a CRLF file', 'x = 1\r\n# token: ghp_FAKE0000aBcDeFgHiJkLmNoPqRsTuVwXyZ01\r\ny = 2\r\n'],
    ['a default read', 'key = os.environ.get("OPENAI_API_KEY") or "sk-FAKE0000aBcDeFgHiJkLmNoPqRsTuVwXyZ0123"\n'],
    ['a raw string with a backslash-quote', 'password = r"Xk9m\\"Q2vL!p7sR"\n'],
    ['literals joined by +', 'password = "Xk9mQ2" + "vL!p7sR"\n'],
    ['a dict value under its key', 'CONFIG = {"host": "db", "password": "Xk9mQ2vL!p7sR"}\n'],
    ['a name/value record', 'env = [{"name": "DB_PASSWORD", "value": "Xk9mQ2vL!p7sR"}]\n'],
    ['a dict value named by its default read', 'd = {"k": os.environ.get("DB_PASSWORD") or "Xk9mQ2vL!p7sR"}\n'],
    ['a backslash continuation', 'db_password = "Xk9m" \\\n    "Q2vL!p7sR"\n'],
  ];
  for (const [what, text] of found) {
    it(`keeps ${what}`, () => {
      expect(findings(text)).toBeGreaterThan(0);
      expect(mayHoldCredentials(text)).toBe(true);
    });
  }

  it('drops candidates whose strings cannot be credentials in any context their line gives', () => {
    const none = [
      "if key == 'Keywords':\n    pass\n",
      "key = 'PYTHONCASEOK'\n",
      'token_range = "%d,%d-%d,%d:" % (start + end)\n',
      "parser.add_argument('-p', '--port', default=-1, type=int, help='port number')\n",
      'url = "postgres://app:pw@db/app"\n', // a two-character password is a placeholder
      'key = "_Screen." + methodname\n', // an unknown part: only context-free evidence counts
      // A key is named by nothing; a value by its own key only ("pass" names no other item).
      'TOPICS = {"pass": "The pass statement", "assignment": "Assignment statements", "conversions": "x"}\n',
    ];
    for (const text of none) {
      expect(findings(text), text).toBe(0);
      expect(mayHoldCredentials(text), text).toBe(false);
    }
  });

  it('leaves text the tokenizer cannot read to the parser', () => {
    expect(mayHoldCredentials('password = "never closed\n')).toBe(true);
    expect(mayHoldCredentials('password = ("abc"\n')).toBe(true);
  });
});
