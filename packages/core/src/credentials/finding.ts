// A credential found in a file. The value itself is held in private fields: it never appears in
// JSON, `util.inspect`, logs or messages; only `preview` (at most a 4-character public prefix) does.
import type { Span } from '../model/types.js';
import type { CredentialHit } from './classify.js';
import { CREDENTIAL_KIND_LABELS, type CredentialKind } from './kinds.js';

const MASK = '****';

/** At most the first 4 characters of a provider's public prefix (`ghp_`, `AKIA`, `sk-p`), then a fixed mask. */
export function redact(credential: string, publicPrefix: number): string {
  return credential.slice(0, Math.min(4, publicPrefix)) + MASK;
}

export class CredentialFinding {
  readonly kind: CredentialKind;
  /** Where to report: the string literal that holds the credential (or its text in a comment). */
  readonly span: Span;
  /** Safe to print: the public prefix only. */
  readonly preview: string;
  readonly #literal: string;
  readonly #credential: string;
  readonly #found: CredentialHit;

  constructor(found: CredentialHit, span: Span, literal: string) {
    this.#found = found;
    this.kind = found.kind;
    this.span = span;
    this.#literal = literal;
    this.#credential = literal.slice(found.start, found.end);
    this.preview = redact(this.#credential, found.publicPrefix);
  }

  /** The same finding, `delta` characters later in the file (its statement moved, unchanged). */
  moved(delta: number): CredentialFinding {
    return delta ? new CredentialFinding(this.#found, { start: this.span.start + delta, end: this.span.end + delta }, this.#literal) : this;
  }

  get label(): string {
    return CREDENTIAL_KIND_LABELS[this.kind];
  }

  /** True when an `allow` pattern matches the credential or the whole literal it is in. */
  isAllowed(patterns: readonly RegExp[]): boolean {
    return patterns.some((p) => p.test(this.#credential) || p.test(this.#literal));
  }

  toJSON(): { kind: CredentialKind; span: Span; preview: string } {
    return { kind: this.kind, span: this.span, preview: this.preview };
  }
}

/**
 * Compiles the rule's `allow` option. An invalid pattern is reported by its position only: the
 * pattern may well contain the credential it is meant to allow.
 */
export function compileAllowPatterns(allow: readonly string[] | undefined): RegExp[] {
  return (allow ?? []).map((source, index) => {
    try {
      return new RegExp(source, 'u');
    } catch {
      throw new Error(`flyte-secrets: no-hardcoded-credentials: allow[${index}] is not a valid regular expression`);
    }
  });
}
