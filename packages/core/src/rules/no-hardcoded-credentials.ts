import { compileAllowPatterns, type CredentialFinding } from '../credentials/finding.js';
import type { CoreRule, Finding } from './types.js';

export interface NoHardcodedCredentialsOptions {
  /** Regular expressions; a credential matching one (or whose whole literal matches one) is not reported. */
  allow?: string[];
}

/** The rule's finding for a credential: kind and redacted preview only, never the value. */
export function credentialFinding(credential: CredentialFinding): Finding {
  return { messageId: 'hardcodedCredential', data: { kind: credential.label, preview: credential.preview }, span: credential.span };
}

/** The compiled `allow` patterns of the rule's options (cached per options object: ESLint reuses it). */
const compiled = new WeakMap<object, RegExp[]>();
export function allowPatterns(options: readonly unknown[]): RegExp[] {
  const first = (options[0] ?? {}) as NoHardcodedCredentialsOptions;
  let patterns = compiled.get(first);
  if (!patterns) {
    patterns = compileAllowPatterns(first.allow);
    compiled.set(first, patterns);
  }
  return patterns;
}

export const noHardcodedCredentials: CoreRule = {
  name: 'no-hardcoded-credentials',
  meta: {
    type: 'problem',
    description: 'Disallow credentials written into code: provider tokens, private keys, passwords in URLs and values of credential names',
    recommended: 'error',
    messages: {
      hardcodedCredential:
        'Hardcoded {{kind}} ({{preview}}): move it to a secret store, read it at run time (Flyte: secret_requests + current_context().secrets.get) and rotate it.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          allow: { type: 'array', items: { type: 'string' }, uniqueItems: true },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allow: [] }],
    languages: ['python', 'javascript'],
  },
  check({ analysis, options }) {
    const allow = allowPatterns(options);
    return analysis.credentials.filter((c) => !c.isAllowed(allow)).map(credentialFinding);
  },
};
