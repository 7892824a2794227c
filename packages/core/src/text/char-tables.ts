// Scanning source text by char-code tables (ASCII only): the Python lexers skip plain text with
// these without allocating.

/** A table flagging each char of `chars`. */
export function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (const c of chars) table[c.charCodeAt(0)] = 1;
  return table;
}

/** What ends or escapes a Python string body, by quote: a backslash, the quote, or (single quotes) a line end. */
export const STRING_STOPS: Record<string, Uint8Array> = { "'": charTable("\\'\n\r"), '"': charTable('\\"\n\r'), "'''": charTable("\\'"), '"""': charTable('\\"') };

/** The first offset from `i` whose char is flagged in `table` (or the text's length). */
export function skipTo(text: string, i: number, table: Uint8Array): number {
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128 && table[code]) return i;
  }
  return i;
}
