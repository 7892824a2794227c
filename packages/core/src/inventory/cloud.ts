// Names-only inventories of the cloud secret managers: `aws secretsmanager list-secrets` and
// `gcloud secrets list --format=json`. Neither lists values; descriptions and tags are not kept.
import type { ManifestDocument } from './documents.js';
import { isRecord, type ReaderContext } from './kubernetes.js';

const GCP_SECRET = /^projects\/[^/]+\/secrets\/([^/]+)$/;

function readAws(value: unknown, doc: ManifestDocument, context: ReaderContext): boolean {
  if (!isRecord(value) || !Array.isArray(value.SecretList)) return false;
  value.SecretList.forEach((item, i) => {
    if (!isRecord(item) || typeof item.Name !== 'string') return;
    context.secrets.push({
      entry: {
        name: item.Name,
        scope: { kind: 'manager', manager: 'AWS' },
        keys: [],
        keysComplete: false,
        keysNote: 'AWS lists secret names only',
        kind: 'AWS Secrets Manager',
        source: { file: context.file, line: doc.lineOf(['SecretList', i, 'Name']) },
        ...(typeof item.ARN === 'string' ? { resource: item.ARN } : {}),
      },
      renamable: false,
    });
  });
  return true;
}

function readGcp(value: unknown, doc: ManifestDocument, context: ReaderContext): boolean {
  if (!Array.isArray(value) || !value.length || !value.every((item) => isRecord(item) && typeof item.name === 'string' && GCP_SECRET.test(item.name))) return false;
  value.forEach((item, i) => {
    const resource = (item as { name: string }).name;
    context.secrets.push({
      entry: {
        name: GCP_SECRET.exec(resource)![1]!,
        scope: { kind: 'manager', manager: 'GCP' },
        keys: [],
        keysComplete: false,
        keysNote: 'GCP lists secret names only',
        kind: 'GCP Secret Manager',
        source: { file: context.file, line: doc.lineOf([i, 'name']) },
        resource,
      },
      renamable: false,
    });
  });
  return true;
}

/** Reads a cloud secret-manager listing; false when the document is not one. */
export function readCloudDump(value: unknown, doc: ManifestDocument, context: ReaderContext): boolean {
  return readAws(value, doc, context) || readGcp(value, doc, context);
}
