// The logical lines of a Python module as CPython's tokenizer reads them, without parsing. The
// pre-filter judges a credential candidate by its line: every string and comment the scan can reach
// from a candidate lies in the candidate's logical line (a statement, or a compound statement's
// header, with its brackets and continuations). One pass records where lines end and where strings
// and comments are; a line's values are decoded only when a candidate asks for it.
import { charTable, skipTo, STRING_STOPS } from '../text/char-tables.js';
import { decodeEscapes } from '../python/strings.js';
import { VALUE_FIELDS } from './apis.js';

export interface LogicalLine {
  /** Values of the string expressions made of literals only (`"a"`, `"a" "b"`), decoded as readString does. */
  strings: string[];
  /**
   * For a string directly in a dict or set display, the only names the scan can take its context
   * from (see LogicalLines.line); for the others, any name of the line (sparse, by index in `strings`).
   */
  dictNames: (string[] | undefined)[];
  comments: string[];
  /** Identifiers and keywords written in the line's code (not in its strings or comments). */
  words: string[];
  /**
   * Some string expression here has a value whose parts the text gives but not how they join:
   * literals joined by `+` (`"a" + "b"`), or a prefix Python 3 does not accept.
   */
  opaque: boolean;
  /**
   * Some string expression here has unknown parts (HOLE in the scan's value): an f-string with a
   * replacement field, or a `+` with an operand other than a literal. Its known parts are in `strings`.
   */
  holey: boolean;
}

const WORD = charTable('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_');
const PREFIX_LETTER = charTable('rRbBuUfFtT');
const LINE_END = charTable('\n\r');
const CLOSING_BRACE = charTable('}');
/** Prefixes Python 3 accepts, lower-cased (`t`: template strings, 3.14). */
const PREFIXES = new Set(['', 'r', 'u', 'b', 'f', 't', 'br', 'rb', 'fr', 'rf', 'tr', 'rt']);

const isWordCode = (code: number): boolean => code >= 128 || WORD[code] === 1;

// Char codes the main loop dispatches on.
const NL = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const FF = 12;
const HASH = 35;
const BACKSLASH = 92;
const DQUOTE = 34;
const SQUOTE = 39;
const PLUS = 43;
const EQUALS = 61;

/** What the lexer records of a token (flat arrays: kind, start, end). */
const STRING = 1;
/** A string right after another one (or after comments between them): they are one expression. */
const STRING_CONTINUED = 2;
const COMMENT = 3;
/** Marks the line of its offset opaque (LogicalLine.opaque). */
const OPAQUE = 4;
/** Marks the line of its offset holey (LogicalLine.holey). */
const HOLEY = 5;

/** The text does not lex as Python (an unterminated string or bracket): no verdict without the parser. */
class Unlexable extends Error {}

/** A lexed module: line ends and tokens, read on demand with `line(offset)`. */
export class LogicalLines {
  readonly #ends: number[] = [];
  /** Triples: kind, start, end (a string's end is after its closing quote). */
  readonly #tokens: number[] = [];

  private constructor(readonly text: string) {}

  /**
   * The module's logical lines up to the one holding offset `until` (all by default), or undefined
   * when the text does not lex as Python up to there.
   */
  static of(text: string, until = text.length): LogicalLines | undefined {
    const lines = new LogicalLines(text);
    try {
      lines.#lex(until);
    } catch (error) {
      if (error instanceof Unlexable) return undefined;
      throw error;
    }
    return lines;
  }

  /** Index of the line holding `offset` (a line runs from the previous line's end to its own, its line break included). */
  indexAt(offset: number): number {
    const ends = this.#ends;
    let low = 0;
    let high = ends.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (ends[mid]! <= offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** What line `index` holds. */
  line(index: number): LogicalLine {
    const { text } = this;
    const start = index > 0 ? this.#ends[index - 1]! : 0;
    const end = this.#ends[index]!;
    const tokens = this.#tokens;
    const line: LogicalLine = { strings: [], dictNames: [], comments: [], words: [], opaque: false, holey: false };
    /** Open brackets; a brace's items collect the names written in them. */
    const stack: { brace: boolean; items: DictItem[] }[] = [];
    /** Strings directly in a brace, with their item and side (resolved into dictNames at the end). */
    const direct: { string: number; item: DictItem; key: boolean; siblings: DictItem[] }[] = [];
    const addName = (name: string) => {
      for (const frame of stack) {
        if (!frame.brace) continue;
        const item = frame.items[frame.items.length - 1]!;
        (item.colon ? item.value : item.key).push(name);
      }
    };
    const scanCode = (from: number, to: number) => {
      for (let i = from; i < to; ) {
        const code = text.charCodeAt(i);
        if (isWordCode(code)) {
          let wordEnd = i + 1;
          while (wordEnd < to && isWordCode(text.charCodeAt(wordEnd))) wordEnd++;
          const word = text.slice(i, wordEnd);
          line.words.push(word);
          addName(word);
          i = wordEnd;
          continue;
        }
        const top = stack[stack.length - 1];
        if (code === 40 || code === 91 || code === 123) stack.push({ brace: code === 123, items: [newItem()] });
        else if (code === 41 || code === 93 || code === 125) stack.pop();
        else if (top?.brace && code === 44) top.items.push(newItem()); // `,`
        else if (top?.brace && code === 58 && text.charCodeAt(i + 1) !== EQUALS) top.items[top.items.length - 1]!.colon = true; // `:`
        i++;
      }
    };
    let group: string[] | undefined;
    let code = start;
    const closeGroup = () => {
      if (!group) return;
      const value = group.join('');
      group = undefined;
      const top = stack[stack.length - 1];
      if (top?.brace) {
        const item = top.items[top.items.length - 1]!;
        direct.push({ string: line.strings.length, item, key: !item.colon, siblings: top.items });
        item.strings.push(value);
      }
      addName(value);
      line.strings.push(value);
    };
    for (let t = this.#firstToken(start); t < tokens.length && tokens[t + 1]! < end; t += 3) {
      const kind = tokens[t]!;
      const tokenStart = tokens[t + 1]!;
      const tokenEnd = tokens[t + 2]!;
      if (kind === OPAQUE || kind === HOLEY) {
        if (kind === OPAQUE) line.opaque = true;
        else line.holey = true;
        continue;
      }
      if (hasCode(text, code, tokenStart)) closeGroup(); // before the code's brackets and commas move on
      scanCode(code, tokenStart);
      code = tokenEnd;
      if (kind === COMMENT) {
        line.comments.push(text.slice(tokenStart, tokenEnd));
        continue;
      }
      if (kind === STRING) closeGroup();
      (group ??= []).push(stringValue(text, tokenStart, tokenEnd));
    }
    closeGroup();
    scanCode(code, end);
    for (const { string, item, key, siblings } of direct) {
      // A key is named by nothing but the other operands of an `or`/`and` on its own side; a value
      // by its key, such operands on its side, and in a name/value record (`{"name": ..., "value": ...}`)
      // by the other items' strings.
      const side = (names: string[]) => (names.includes('or') || names.includes('and') ? names : []);
      const names = key ? side(item.key) : [...item.key, ...side(item.value)];
      if (!key && item.key.some((name) => VALUE_FIELDS.has(name))) for (const sibling of siblings) names.push(...sibling.strings);
      line.dictNames[string] = names;
    }
    return line;
  }

  /** The first token at or after `offset` (an index into the token triples). */
  #firstToken(offset: number): number {
    const tokens = this.#tokens;
    let low = 0;
    let high = tokens.length / 3;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (tokens[mid * 3 + 1]! < offset) low = mid + 1;
      else high = mid;
    }
    return low * 3;
  }

  #lex(until: number): void {
    const { text } = this;
    const tokens = this.#tokens;
    const length = text.length;
    let depth = 0;
    /** The last token other than brackets, whitespace and comments, and the one before a `+`. */
    let last: 'string' | 'plus' | 'other' = 'other';
    let beforePlus: 'string' | 'plus' | 'other' = 'other';
    /** A string after `+`: joined with a literal (opaque) or with something else (holey). */
    const afterPlus = (at: number) => tokens.push(beforePlus === 'string' ? OPAQUE : HOLEY, at, at);
    let i = 0;
    while (i < length) {
      const code = text.charCodeAt(i);
      if (code === SPACE || code === TAB || code === FF) {
        i++;
      } else if (code === NL || code === CR) {
        i += code === CR && text.charCodeAt(i + 1) === NL ? 2 : 1;
        if (depth === 0) {
          this.#ends.push(i);
          if (i > until) return;
          last = 'other';
        }
      } else if (code === HASH) {
        const end = skipTo(text, i, LINE_END);
        // With a `\r` before a `\n`, kept: the verdict reads the comment both ways.
        tokens.push(COMMENT, i, text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === NL ? end + 1 : end);
        i = end;
      } else if (code === BACKSLASH && (text.charCodeAt(i + 1) === NL || text.charCodeAt(i + 1) === CR)) {
        i += text.charCodeAt(i + 1) === CR && text.charCodeAt(i + 2) === NL ? 3 : 2; // continuation: same logical line
      } else if (code === DQUOTE || code === SQUOTE) {
        if (last === 'plus') afterPlus(i);
        const end = stringEnd(text, i);
        tokens.push(last === 'string' ? STRING_CONTINUED : STRING, i, Math.abs(end));
        if (end < 0) tokens.push(HOLEY, i, i);
        last = 'string';
        i = Math.abs(end);
      } else if (isWordCode(code)) {
        let end = i + 1;
        while (end < length && isWordCode(text.charCodeAt(end))) end++;
        const next = text.charCodeAt(end);
        if ((next === DQUOTE || next === SQUOTE) && end - i <= 2 && PREFIX_LETTER[code] === 1 && (end - i === 1 || PREFIX_LETTER[text.charCodeAt(i + 1)] === 1)) {
          // A prefixed string: the token starts at its prefix.
          if (last === 'plus') afterPlus(i);
          const stringEndAt = stringEnd(text, i);
          tokens.push(last === 'string' ? STRING_CONTINUED : STRING, i, Math.abs(stringEndAt));
          if (stringEndAt < 0) tokens.push(HOLEY, i, i);
          if (!PREFIXES.has(text.slice(i, end).toLowerCase())) tokens.push(OPAQUE, i, i);
          last = 'string';
          i = Math.abs(stringEndAt);
        } else {
          if (next === DQUOTE || next === SQUOTE) tokens.push(OPAQUE, i, i); // `x"..."`: not Python 3
          last = 'other';
          i = end;
        }
      } else if (code === 40 || code === 91 || code === 123) {
        depth++;
        i++;
      } else if (code === 41 || code === 93 || code === 125) {
        if (--depth < 0) throw new Unlexable();
        i++;
      } else if (code === PLUS && text.charCodeAt(i + 1) !== EQUALS) {
        if (last === 'string') tokens.push(HOLEY, i, i); // or opaque, when a literal follows (afterPlus)
        beforePlus = last;
        last = 'plus';
        i++;
      } else {
        last = 'other';
        i++;
      }
    }
    if (depth !== 0) throw new Unlexable();
    if (!this.#ends.length || this.#ends[this.#ends.length - 1] !== length) this.#ends.push(length);
  }
}

/** An item of a brace display: the names written before its `:` (the key) and after it. */
interface DictItem {
  key: string[];
  value: string[];
  colon: boolean;
  /** Its strings that are directly in the brace. */
  strings: string[];
}

function newItem(): DictItem {
  return { key: [], value: [], colon: false, strings: [] };
}

/** Is there code in `text[start, end)`, not only blanks and line continuations? */
function hasCode(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code !== SPACE && code !== TAB && code !== FF && code !== NL && code !== CR && code !== BACKSLASH) return true;
  }
  return false;
}

/** The prefix letters of the string token at `start`, lower-cased, and the offset of its quote. */
function prefixOf(text: string, start: number): { prefix: string; quote: number } {
  let quote = start;
  while (text.charCodeAt(quote) !== DQUOTE && text.charCodeAt(quote) !== SQUOTE) quote++;
  return { prefix: text.slice(start, quote).toLowerCase(), quote };
}

/**
 * The offset after the string token at `start` (prefix included); negative (its absolute value)
 * for an f-string (or t-string) with replacement fields.
 */
function stringEnd(text: string, start: number): number {
  const { prefix, quote } = prefixOf(text, start);
  const quoteChar = text[quote]!;
  const delimiter = text[quote + 1] === quoteChar && text[quote + 2] === quoteChar ? quoteChar.repeat(3) : quoteChar;
  const bodyStart = quote + delimiter.length;
  if (prefix.includes('f') || prefix.includes('t')) {
    const read = readFormatString(text, bodyStart, delimiter, prefix.includes('r'));
    return read.fields ? -read.end : read.end;
  }
  return plainStringEnd(text, bodyStart, delimiter);
}

/** The decoded value of a string token without replacement fields (as readString gives it). */
function stringValue(text: string, start: number, end: number): string {
  const { prefix, quote } = prefixOf(text, start);
  const quoteChar = text[quote]!;
  const delimiter = text[quote + 1] === quoteChar && text[quote + 2] === quoteChar ? 3 : 1;
  let body = text.slice(quote + delimiter, end - delimiter);
  if (prefix.includes('f') || prefix.includes('t')) body = body.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
  return prefix.includes('r') ? body : decodeEscapes(body);
}

/** The offset after the closing quote of a plain string whose body starts at `i`. */
function plainStringEnd(text: string, i: number, quote: string): number {
  const stops = STRING_STOPS[quote]!;
  for (;;) {
    i = skipTo(text, i, stops);
    if (i >= text.length) throw new Unlexable();
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) i += 2;
    else if (code === NL || code === CR) throw new Unlexable();
    else if (text.startsWith(quote, i)) return i + quote.length;
    else i++;
  }
}

/**
 * Reads an f-string (or t-string) body from `i`: the offset after its closing quote, and whether it
 * has replacement fields (read as code, strings in them included, as Python 3.12 does).
 */
function readFormatString(text: string, i: number, quote: string, raw: boolean): { end: number; fields: boolean } {
  let fields = false;
  const triple = quote.length === 3;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && !raw && text[i + 1] === 'N' && text[i + 2] === '{') i = skipTo(text, i, CLOSING_BRACE) + 1; // \N{NAME}
    else if (c === '\\' && !raw) i += text[i + 1] === '{' ? 1 : 2; // `\{` still opens a field
    else if (c === '\\') i += text[i + 1] === quote[0] ? 2 : 1;
    else if (text.startsWith(quote, i)) return { end: i + quote.length, fields };
    else if (!triple && (c === '\n' || c === '\r')) throw new Unlexable();
    else if (c === '{' && text[i + 1] === '{') i += 2;
    else if (c === '}' && text[i + 1] === '}') i += 2;
    else if (c === '{') {
      fields = true;
      i = fieldEnd(text, i + 1, quote, raw);
    } else i++;
  }
  throw new Unlexable();
}

/** The offset after the `}` closing the replacement field whose code starts at `i`. */
function fieldEnd(text: string, i: number, quote: string, raw: boolean): number {
  let depth = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      let start = i;
      while (start > 0 && isWordCode(text.charCodeAt(start - 1))) start--;
      i = Math.abs(stringEnd(text, i - start <= 2 ? start : i));
    } else if (c === '(' || c === '[' || c === '{') {
      depth++;
      i++;
    } else if (c === ')' || c === ']') {
      depth--;
      i++;
    } else if (c === '}') {
      if (depth === 0) return i + 1;
      depth--;
      i++;
    } else if (depth === 0 && c === ':') {
      // The format spec is literal text with nested fields, up to the field's `}`.
      return specEnd(text, i + 1, quote, raw);
    } else if (text.startsWith(quote, i)) {
      throw new Unlexable();
    } else i++;
  }
  throw new Unlexable();
}

function specEnd(text: string, i: number, quote: string, raw: boolean): number {
  while (i < text.length) {
    const c = text[i]!;
    if (c === '}') return i + 1;
    if (c === '{') i = fieldEnd(text, i + 1, quote, raw);
    else if (c === '\\' && !raw) i += 2;
    else if (text.startsWith(quote, i)) throw new Unlexable();
    else i++;
  }
  throw new Unlexable();
}
