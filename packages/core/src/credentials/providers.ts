// Provider token formats with their real shapes (prefix, alphabet, length), as documented by each
// provider and as gitleaks, secretlint and detect-secrets match them. A match needs no context.
import type { CredentialKind } from './kinds.js';
import { hasPlaceholderMarker, isRepeatedChar, looksRandom } from './values.js';

export interface ProviderFormat {
  kind: CredentialKind;
  pattern: RegExp;
  /** Characters at the start of the secret that are the provider's public prefix (shown in messages, at most 4). */
  publicPrefix: number;
  /** Capture group holding the secret itself (default: the whole match). */
  group?: number;
  /** Extra check on the secret and the whole value it was found in. */
  accept?: (secret: string, value: string) => boolean;
}

const B = '(?<![A-Za-z0-9_])'; // no word character before
const E = '(?![A-Za-z0-9_])'; // none after

function format(kind: CredentialKind, source: string, publicPrefix: number, extra: Partial<ProviderFormat> = {}): ProviderFormat {
  return { kind, pattern: new RegExp(source, 'g'), publicPrefix, ...extra };
}

const mixed = (secret: string) => /[0-9]/.test(secret) && /[a-z]/i.test(secret);

/** Ordered: the first format that matches names the kind (Anthropic's `sk-ant-` before OpenAI's `sk-`). */
export const PROVIDER_FORMATS: ProviderFormat[] = [
  format('aws-access-key-id', `(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Z0-9])`, 4),
  format('github-token', `${B}gh[pousr]_[A-Za-z0-9]{36,255}${E}`, 4),
  format('github-token', `${B}github_pat_[A-Za-z0-9_]{22,255}`, 4),
  format('gitlab-token', `(?<![\\w-])gl(?:pat|dt|rt|ptt|cbt|ft|imt|oas|soat|agent|wt)-[0-9A-Za-z_.-]{20,}`, 4),
  format('gitlab-token', `${B}GR1348941[0-9A-Za-z_-]{20,}`, 4),
  format('slack-token', `(?<![\\w-])xox[abeoprs]-[0-9A-Za-z-]{10,}`, 4),
  format('slack-token', `${B}xapp-\\d-[A-Z0-9]+-\\d+-[a-z0-9]{20,}`, 4),
  format('slack-webhook', `https://hooks\\.slack\\.com/(?:services|workflows|triggers)/T[A-Z0-9]+/[A-Z0-9]+/([A-Za-z0-9]{16,})`, 0),
  format('discord-webhook', `https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/\\d+/[A-Za-z0-9_-]{60,}`, 0),
  format('stripe-key', `${B}(?:sk|rk)_live_[0-9A-Za-z]{20,247}${E}`, 4),
  format('stripe-key', `${B}whsec_[0-9A-Za-z+/=]{24,}`, 4),
  format('google-api-key', `${B}AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])`, 4),
  format('google-oauth-client-secret', `${B}GOCSPX-[0-9A-Za-z_-]{28}(?![A-Za-z0-9_-])`, 4),
  format('anthropic-api-key', `(?<![\\w-])sk-ant-(?:api|admin|sid)\\d{2}-[0-9A-Za-z_-]{20,}`, 4),
  format('openai-api-key', `(?<![\\w-])sk-(?:proj|svcacct|admin|None)-[0-9A-Za-z_-]{20,}`, 4),
  format('openai-api-key', `(?<![\\w-])sk-[0-9A-Za-z]{20}T3BlbkFJ[0-9A-Za-z]{20}${E}`, 3),
  format('openai-api-key', `(?<![\\w-])sk-[0-9A-Za-z]{32,64}${E}`, 3, { accept: (secret) => mixed(secret) && looksRandom(secret.slice(3)) }),
  format('huggingface-token', `${B}hf_[A-Za-z0-9]{30,}${E}`, 3, { accept: (secret) => mixed(secret) }),
  format('huggingface-token', `${B}api_org_[A-Za-z0-9]{30,}${E}`, 4),
  format('npm-token', `${B}npm_[A-Za-z0-9]{36}${E}`, 4),
  format('pypi-token', `${B}pypi-AgE[A-Za-z0-9_-]{50,}`, 4),
  format('sendgrid-api-key', `${B}SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])`, 3),
  format('twilio-api-key', `${B}SK[0-9a-fA-F]{32}${E}`, 2, { accept: (secret) => /[a-f]/i.test(secret.slice(2)) && /[0-9]/.test(secret) }),
  format('databricks-token', `${B}dapi[0-9a-f]{32}(?:-\\d)?${E}`, 4),
  format('vault-token', `${B}hv[sb]\\.[A-Za-z0-9_-]{24,}`, 4),
  format('jwt', `${B}eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,}`, 3),
  format('azure-storage-key', `AccountKey=([A-Za-z0-9+/]{80,}={0,2})`, 0, { group: 1 }),
  format('azure-shared-access-key', `SharedAccessKey=([A-Za-z0-9+/]{40,}={0,2})`, 0, { group: 1 }),
  format('azure-sas-token', `[?&]sig=([A-Za-z0-9%+/=]{20,})`, 0, { group: 1, accept: (_secret, value) => /[?&]sv=\d{4}-/.test(value) }),
];

/**
 * The literal prefixes of every format, factored by first character: finds candidates in a whole
 * source file in one cheap pass (the full formats, with their lookarounds and lengths, cost twice
 * as much over a large tree). Keep in step with PROVIDER_FORMATS; a test checks that it is.
 */
export const PROVIDER_PREFIX =
  /A(?:KIA|SIA|BIA|CCA|3T|Iza|ccountKey=)|g(?:h[pousr]_|ithub_pat_|l(?:pat|dt|rt|ptt|cbt|ft|imt|oas|soat|agent|wt)-)|GR1348941|GOCSPX-|x(?:ox[abeoprs]-|app-)|hooks\.slack\.com|[sr]k_live_|whsec_|sk-|hf_|api_org_|npm_|pypi-AgE|S(?:G\.|K[0-9a-fA-F]{32}|haredAccessKey=)|d(?:api[0-9a-f]|iscord(?:app)?\.com\/api\/webhooks)|hv[sb]\.|eyJ|[?&]sig=/g;

export interface ProviderMatch {
  format: ProviderFormat;
  /** Offsets of the secret in the value. */
  start: number;
  end: number;
}

/**
 * The body after the public prefix is filler (`ghp_XXXX...`, `sk_live_...`, `xoxb-your-token`) or
 * carries a documentation marker (AWS's own example key is `AKIAIOSFODNN7EXAMPLE`). A provider
 * format is strong evidence otherwise: FAKE in a well-formed body does not make it a placeholder
 * (fixtures mark fakes of real shape that way, and they stand for leaked keys).
 */
function isFillerBody(secret: string, format: ProviderFormat): boolean {
  const body = secret.slice(format.publicPrefix);
  return isRepeatedChar(body) || hasPlaceholderMarker(body);
}

/** The first provider token in `value` that is not filler. */
export function findProviderToken(value: string): ProviderMatch | undefined {
  for (const format of PROVIDER_FORMATS) {
    format.pattern.lastIndex = 0;
    for (let m = format.pattern.exec(value); m; m = format.pattern.exec(value)) {
      const group = format.group ?? 0;
      const secret = m[group]!;
      const start = m.index + m[0].indexOf(secret);
      if (isFillerBody(secret, format)) continue;
      if (format.accept && !format.accept(secret, value)) continue;
      return { format, start, end: start + secret.length };
    }
  }
  return undefined;
}
