// An editor analyses code while it is being typed, so the tree often has syntax errors. The
// error-tolerant tree still holds most of the module; these helpers keep the analysis from
// reporting what a half-typed statement would make it believe (a broken import or decorator
// hides what names mean and what tasks request; a broken body hides the read that uses a request).
import type { ModuleModel, Span } from './types.js';

const intersects = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
const inside = (inner: Span, outer: Span) => inner.start >= outer.start && inner.end <= outer.end;

const SYNTAX_ERROR = 'has a syntax error';

/**
 * Marks what syntax errors make unreliable. An error inside a function hides what that function
 * reads; an error anywhere else (an import, a constant, a decorator, a definition that no longer
 * parses as one) can change what every name means and what every task requests, so then no task's
 * requests count as known. Rules stay silent about such code, as about any code they cannot see.
 */
export function tolerateSyntaxErrors(model: ModuleModel, errors: Span[]): void {
  if (!errors.length) return;
  const moduleLevel = errors.some((error) => !model.functions.some((fn) => inside(error, fn.span)));
  for (const fn of model.functions) {
    if (moduleLevel || errors.some((error) => intersects(error, fn.span))) fn.opaqueReason ??= SYNTAX_ERROR;
  }
  if (!moduleLevel) return;
  for (const task of model.tasks) {
    task.requestsKnown = false;
    task.opaqueReason ??= SYNTAX_ERROR;
  }
}

/** Findings that do not touch a syntax error (what is inside one is a guess about unfinished code). */
export function outsideSyntaxErrors<T extends { span: Span }>(findings: T[], errors: Span[]): T[] {
  return errors.length ? findings.filter((finding) => !errors.some((error) => intersects(finding.span, error))) : findings;
}
