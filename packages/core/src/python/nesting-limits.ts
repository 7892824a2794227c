// CPython's lexer refuses a file with 100 levels of indentation or more than 200 nested brackets
// (MAXINDENT and MAXLEVEL in Parser/lexer/state.h). tree-sitter-python does not, and past ~510
// levels its scanner overruns a buffer and traps the wasm (tree-sitter-python issue 350). So the
// parser refuses what CPython refuses, before parsing. The scan reads the source as CPython's lexer
// does: brackets and indentation inside strings, f-string literals and comments do not count.
import { charTable, skipTo, STRING_STOPS } from '../text/char-tables.js';

/** Indentation levels CPython accepts (a 100th level is "too many levels of indentation"). */
export const MAX_INDENT_LEVELS = 99;
/** Nested brackets CPython accepts (a 201st is "too many nested parentheses"). */
export const MAX_NESTED_BRACKETS = 200;

export interface NestingViolation {
  /** Offset where the limit is crossed. */
  index: number;
  message: string;
}

const TAB_SIZE = 8;
const OPENING = new Set(['(', '[', '{']);
const CLOSING = new Set([')', ']', '}']);
const PREFIX = /^[rRbBuUfFtT]{0,2}$/;
const IDENTIFIER_CHAR = /[\p{L}\p{N}_]/u;
/** The characters the scan acts on in code. */
const INTERESTING = charTable('\n\r#\\\'"()[]{}:');
const LINE_END = charTable('\n\r');

/** An f-string (or t-string) being read: its quote, and the bracket depth of each open `{`. */
interface FormatString {
  quote: string;
  raw: boolean;
  /** Bracket depth outside the open replacement field; undefined while in the literal part. */
  fieldDepth?: number;
}

/** The first place where `text` exceeds CPython's nesting limits, or undefined. */
export function nestingViolation(text: string): NestingViolation | undefined {
  const indents = [0];
  let depth = 0;
  let lineStart = true;
  /** The f-strings whose replacement fields enclose the current position, innermost last. */
  const formats: FormatString[] = [];
  let i = 0;
  while (i < text.length) {
    const format = formats.length ? formats[formats.length - 1] : undefined; // (never index -1: a slow lookup)
    if (format && format.fieldDepth === undefined) {
      i = readFormatLiteral(text, i, format, formats);
      if (text[i] === '{' && formats[formats.length - 1] === format) {
        format.fieldDepth = depth;
        i++;
      }
      continue;
    }
    if (lineStart && depth === 0 && !formats.length) {
      lineStart = false;
      let column = 0;
      let j = i;
      for (; j < text.length; j++) {
        const c = text[j];
        if (c === ' ') column++;
        else if (c === '\t') column = (Math.floor(column / TAB_SIZE) + 1) * TAB_SIZE;
        else if (c === '\f') column = 0;
        else break;
      }
      const next = text[j];
      const blank = next === undefined || next === '\n' || next === '\r' || next === '#' || (next === '\\' && (text[j + 1] === '\n' || text[j + 1] === '\r'));
      if (!blank) {
        if (column > indents[indents.length - 1]!) {
          indents.push(column);
          if (indents.length - 1 > MAX_INDENT_LEVELS) {
            return { index: j, message: `too many levels of indentation: CPython allows ${MAX_INDENT_LEVELS}` };
          }
        } else {
          while (column < indents[indents.length - 1]!) indents.pop();
        }
      }
      i = j;
      continue;
    }
    const c = text[i]!;
    if (c === '\n' || c === '\r') {
      lineStart = true;
      i++;
    } else if (c === '#') {
      i = skipTo(text, i, LINE_END);
    } else if (c === '\\') {
      i += text[i + 1] === '\r' && text[i + 2] === '\n' ? 3 : 2; // a continuation line is not a line start
    } else if (c === '"' || c === "'") {
      const prefix = stringPrefix(text, i);
      const quote = text[i + 1] === c && text[i + 2] === c ? c + c + c : c;
      const lower = prefix.toLowerCase();
      if (lower.includes('f') || lower.includes('t')) {
        formats.push({ quote, raw: lower.includes('r') });
        i += quote.length;
      } else {
        i = skipString(text, i + quote.length, quote);
      }
    } else if (OPENING.has(c)) {
      if (++depth > MAX_NESTED_BRACKETS) {
        return { index: i, message: `too many nested parentheses: CPython allows ${MAX_NESTED_BRACKETS}` };
      }
      i++;
    } else if (CLOSING.has(c)) {
      if (c === '}' && format?.fieldDepth === depth) format.fieldDepth = undefined; // back in the literal part
      else if (depth > 0) depth--;
      i++;
    } else {
      i = skipTo(text, i + 1, INTERESTING);
    }
    // A replacement field ends at its format spec too (`{x:>10}`): the spec is literal text.
    if (c === ':' && format?.fieldDepth === depth) format.fieldDepth = undefined;
  }
  return undefined;
}

/** The prefix of the string whose quote is at `quote` (`rb`, `f`, ...): the word before it, when the whole word is one. */
function stringPrefix(text: string, quote: number): string {
  let start = quote;
  while (start > 0 && IDENTIFIER_CHAR.test(text[start - 1]!)) start--;
  const word = text.slice(start, quote);
  return PREFIX.test(word) ? word : '';
}

/** Skips a plain string's body; returns the offset after its closing quote (or the line end for an unterminated one). */
function skipString(text: string, i: number, quote: string): number {
  const stops = STRING_STOPS[quote]!;
  for (;;) {
    i = skipTo(text, i, stops);
    if (i >= text.length) return i;
    const c = text[i]!;
    if (c === '\\') i += 2;
    else if (c === '\n' || c === '\r') return i; // unterminated: the lexer gives up at the line end
    else if (text.startsWith(quote, i)) return i + quote.length;
    else i++;
  }
}

/** Reads an f-string's literal part up to its end (pops it) or a replacement field (opens it). */
function readFormatLiteral(text: string, i: number, format: FormatString, formats: FormatString[]): number {
  const triple = format.quote.length === 3;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && !format.raw) i += 2;
    else if (text.startsWith(format.quote, i)) {
      formats.pop();
      return i + format.quote.length;
    } else if (!triple && (c === '\n' || c === '\r')) {
      formats.pop(); // unterminated: the lexer gives up on it at the line end
      return i;
    } else if (c === '{' || c === '}') {
      if (text[i + 1] === c) i += 2;
      else if (c === '{') return i; // a replacement field: read as code
      else i++;
    } else i++;
  }
  formats.pop();
  return i;
}
