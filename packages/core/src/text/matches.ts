// Regex anchors run over parts of a text only (a function's body, the statements an edit changed).
import type { Span } from '../model/types.js';

/**
 * Each match of a global regex that starts inside one of the ranges. The caller may move
 * `pattern.lastIndex` forward between matches; the next match is searched from there.
 */
export function* matchesIn(pattern: RegExp, text: string, ranges: readonly Span[]): Generator<RegExpExecArray> {
  for (const range of ranges) {
    pattern.lastIndex = range.start;
    for (let match = pattern.exec(text); match && match.index < range.end; match = pattern.exec(text)) yield match;
  }
}

/** True when the offset is inside one of the ranges. */
export function within(ranges: readonly Span[], offset: number): boolean {
  return ranges.some((range) => offset >= range.start && offset < range.end);
}
