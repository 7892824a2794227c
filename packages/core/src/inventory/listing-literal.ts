// The text `flyte get secret` prints, read back as data: JSON (`-o json-raw`) or a Python literal
// (`-o json`, Rich's `pretty_repr`: single quotes, True/False/None, trailing commas), both possibly
// with the terminal's colour codes and with lines wrapped at 80 columns, because the CLI prints
// through a Rich console forced to act as a terminal. A line break inside a string is a wrap (no
// repr or JSON string holds a raw newline), so it is dropped; elsewhere it is white space.

/** Colour and cursor sequences (CSI) and hyperlinks/titles (OSC) a terminal renders invisibly. */
const TERMINAL_CODES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

export function stripTerminalCodes(text: string): string {
  return text.replace(TERMINAL_CODES, '');
}

export function hasTerminalCodes(text: string): boolean {
  return text.includes('\u001b[');
}

export type LiteralResult =
  | { ok: true; value: unknown; /** Line of each object key, by object. */ keyLines: WeakMap<object, Map<string, number>> }
  | { ok: false; reason: string; line: number };

const MAX_DEPTH = 64;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '0': '\0', '\\': '\\', "'": "'", '"': '"', '/': '/' };
const WORDS: Record<string, unknown> = { true: true, false: false, null: null, True: true, False: false, None: null };

class LiteralError extends Error {
  constructor(
    readonly reason: string,
    readonly at: number,
  ) {
    super(reason);
  }
}

/** Parses one JSON value or Python literal (lists, tuples, dicts, strings, numbers, booleans, None). */
export function parseListingLiteral(text: string): LiteralResult {
  const keyLines = new WeakMap<object, Map<string, number>>();
  let i = 0;
  let line = 1;
  const lineAt = (offset: number) => {
    let n = 1;
    for (let j = text.indexOf('\n'); j >= 0 && j < offset; j = text.indexOf('\n', j + 1)) n++;
    return n;
  };
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i]!)) {
      if (text[i] === '\n') line++;
      i++;
    }
  };
  const expect = (char: string) => {
    skipSpace();
    if (text[i] !== char) throw new LiteralError(`expected "${char}"`, i);
    i++;
  };

  const readString = (): string => {
    const quote = text[i]!;
    const start = i;
    i++;
    let out = '';
    while (i < text.length && text[i] !== quote) {
      const c = text[i]!;
      if (c === '\n') {
        line++; // a wrap of the terminal, not part of the string
        i++;
        continue;
      }
      if (c === '\\') {
        const next = text[i + 1] ?? '';
        if (next === 'u' || next === 'x') {
          const length = next === 'u' ? 4 : 2;
          const hex = text.slice(i + 2, i + 2 + length);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length) throw new LiteralError('bad escape in a string', i);
          out += String.fromCharCode(parseInt(hex, 16));
          i += 2 + length;
          continue;
        }
        if (next === '\n') {
          line++;
          i += 2;
          continue;
        }
        out += ESCAPES[next] ?? `\\${next}`;
        i += 2;
        continue;
      }
      out += c;
      i++;
    }
    if (i >= text.length) throw new LiteralError('a string is not closed', start);
    i++;
    return out;
  };

  const readValue = (depth: number): unknown => {
    if (depth > MAX_DEPTH) throw new LiteralError('nested too deeply', i);
    skipSpace();
    const c = text[i];
    if (c === undefined) throw new LiteralError('the text ends before the value does', i);
    if (c === '"' || c === "'") return readString();
    if (c === '[' || c === '(') {
      const close = c === '[' ? ']' : ')';
      i++;
      const list: unknown[] = [];
      for (;;) {
        skipSpace();
        if (text[i] === close) {
          i++;
          return list;
        }
        list.push(readValue(depth + 1));
        skipSpace();
        if (text[i] === ',') i++;
        else if (text[i] !== close) throw new LiteralError(`expected "," or "${close}"`, i);
      }
    }
    if (c === '{') {
      i++;
      const object: Record<string, unknown> = {};
      const lines = new Map<string, number>();
      keyLines.set(object, lines);
      for (;;) {
        skipSpace();
        if (text[i] === '}') {
          i++;
          return object;
        }
        if (text[i] !== '"' && text[i] !== "'") throw new LiteralError('expected a quoted key', i);
        const keyLine = line;
        const key = readString();
        expect(':');
        const value = readValue(depth + 1);
        if (key !== '__proto__') {
          object[key] = value;
          lines.set(key, keyLine);
        }
        skipSpace();
        if (text[i] === ',') i++;
        else if (text[i] !== '}') throw new LiteralError('expected "," or "}"', i);
      }
    }
    const word = /^(?:-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|[A-Za-z_]\w*)/.exec(text.slice(i, i + 64));
    if (!word) throw new LiteralError('unexpected character', i);
    i += word[0].length;
    if (/^-?\d/.test(word[0])) return Number(word[0]);
    if (Object.hasOwn(WORDS, word[0])) return WORDS[word[0]];
    throw new LiteralError('a bare word that is not true, false, null, True, False or None', i - word[0].length);
  };

  try {
    const value = readValue(0);
    skipSpace();
    if (i < text.length) throw new LiteralError('text after the value', i);
    return { ok: true, value, keyLines };
  } catch (error) {
    if (error instanceof LiteralError) return { ok: false, reason: error.reason, line: lineAt(error.at) };
    throw error;
  }
}
