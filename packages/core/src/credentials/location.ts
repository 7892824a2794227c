// Where a finding is reported inside the literal that holds it. A one-line literal is reported
// whole (the rule contract: "the string literal for a credential"); in a docstring or another
// multi-line string the literal's first line can be far from the value, so the finding goes on
// the credential's own text.
import type { Span } from '../model/types.js';
import type { CredentialHit } from './classify.js';

/**
 * The span to report for `found` in `value` (the decoded value of an expression), whose text from
 * `partStart` on comes from the literal at `literal` in `source`. The decoded credential is looked
 * up in the literal's source, nearest to where it was decoded; a credential written with escapes
 * that change its text is not found there, and the finding stays on the literal.
 */
export function reportSpan(source: string, literal: Span, value: string, partStart: number, found: CredentialHit): Span {
  const text = source.slice(literal.start, literal.end);
  if (!text.includes('\n')) return literal;
  const credential = value.slice(found.start, found.end);
  const expected = found.start - partStart;
  let best = -1;
  for (let at = text.indexOf(credential); at >= 0; at = text.indexOf(credential, at + 1)) {
    if (best < 0 || Math.abs(at - expected) < Math.abs(best - expected)) best = at;
    if (at > expected) break;
  }
  return best < 0 ? literal : { start: literal.start + best, end: literal.start + best + credential.length };
}
