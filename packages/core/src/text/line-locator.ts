// Offsets to positions: 1-based lines and 0-based UTF-16 columns, as ESLint and the inventory report them.

/** Returns a function from offset to position; `\r\n`, `\r` and `\n` each end a line. */
export function lineLocator(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (const match of text.matchAll(/\r\n|[\r\n]/g)) starts.push(match.index + match[0].length);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low]! };
  };
}

/** `lineLocator(text)(text.length)`, without indexing every line (a native search when there is no `\r`). */
export function endPosition(text: string): { line: number; column: number } {
  if (text.includes('\r')) return lineLocator(text)(text.length);
  let line = 1;
  let start = 0;
  for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
    line++;
    start = end + 1;
  }
  return { line, column: text.length - start };
}
