// The Flyte secret store's listing, as `flyte get secret` prints it (flyte-sdk `cli/_get.py`
// `secret`, `cli/_common.py` `format`): `-o json-raw` is `json.dumps` of a list of protobuf
// `MessageToDict(flyteidl2.secret.Secret)` (camelCase, default values left out), `-o json` and
// `flyte get secret NAME` are Rich's `pretty_repr` of the same dicts (a Python literal). Both go
// through a Rich console forced to be a terminal, so a redirect keeps colour codes and 80-column
// wraps. Only names, scopes, types and cluster presence are kept; the listing holds no values.
import type { ReaderContext } from './kubernetes.js';
import { isRecord } from './kubernetes.js';
import { hasTerminalCodes, parseListingLiteral, stripTerminalCodes } from './listing-literal.js';

export const STORE_LISTING_HELP = 'write the listing with `flyte get secret -o json-raw > secrets.json` (TERM=dumb keeps colour codes out), once per scope you use (add -p PROJECT -d DOMAIN)';

/** Cheap signs that a text is a store listing: a Secret's `id` map and a name in it. */
const LOOKS_LIKE_LISTING = /^\s*[[{][\s\S]*?(["'])id\1\s*:\s*\{\s*(["'])(?:name|organization|project|domain)\2\s*:/;
/** The header of the table `flyte get secret` prints by default (`-o table`, `table-simple`; `Secret.__rich_repr__`'s fields). */
const LOOKS_LIKE_TABLE = /^[^\w\n]*project[^\w\n]+domain[^\w\n]+name[^\w\n]+type\b/m;

const string = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/** Reads a store listing; false when the text is not one (another reader may know it). */
export function readFlyteStoreListing(text: string, context: ReaderContext): boolean {
  const coloured = hasTerminalCodes(text);
  const plain = coloured ? stripTerminalCodes(text) : text;
  if (LOOKS_LIKE_TABLE.test(plain.slice(0, 4000))) {
    context.problem(`the table output of \`flyte get secret\` cannot be read: ${STORE_LISTING_HELP}`, undefined, 'warning');
    return true;
  }
  if (!LOOKS_LIKE_LISTING.test(plain)) return false;
  const parsed = parseListingLiteral(plain);
  if (!parsed.ok) {
    context.problem(`malformed Flyte secret store listing (${parsed.reason}); ${STORE_LISTING_HELP}`, parsed.line, 'warning');
    return true;
  }
  const items = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  const lineOf = (object: object, key: string, fallback: number) => parsed.keyLines.get(object)?.get(key) ?? fallback;
  let read = 0;
  items.forEach((item) => {
    const id = isRecord(item) && isRecord(item.id) ? item.id : undefined;
    const name = id && string(id.name);
    const line = isRecord(item) ? lineOf(item, 'id', 1) : 1;
    if (!id || !name) {
      context.problem('an item of the Flyte secret store listing has no id.name; skipped', line, 'warning');
      return;
    }
    const metadata = isRecord(item) && isRecord(item.secretMetadata) ? item.secretMetadata : {};
    const status = isRecord(metadata.secretStatus) ? metadata.secretStatus : {};
    const clusters = Array.isArray(status.clusterStatus) ? status.clusterStatus.filter(isRecord) : [];
    const missingIn = clusters.filter((c) => c.presenceStatus === 'MISSING').map((c) => (isRecord(c.cluster) && string(c.cluster.name)) || '(unnamed cluster)');
    const overall = string(status.overallStatus);
    const scope = {
      kind: 'flyte-store' as const,
      ...(string(id.organization) ? { organization: id.organization as string } : {}),
      ...(string(id.project) ? { project: id.project as string } : {}),
      ...(string(id.domain) ? { domain: id.domain as string } : {}),
    };
    context.secrets.push({
      entry: {
        name,
        scope,
        keys: [],
        keysComplete: true,
        kind: 'Flyte secret store',
        source: { file: context.file, line: lineOf(id, 'name', line) },
        ...(metadata.type === 'SECRET_TYPE_IMAGE_PULL_SECRET' ? { imagePull: true } : {}),
        ...(overall === 'PARTIALLY_PRESENT' || missingIn.length ? { notEverywhere: { status: overall ?? 'a cluster is MISSING', missingIn } } : {}),
      },
      renamable: false,
    });
    read++;
  });
  if (coloured && read) context.problem('colour codes of the terminal removed from the listing (TERM=dumb avoids them)');
  return true;
}
