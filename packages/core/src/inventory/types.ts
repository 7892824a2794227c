// The inventory's data: which secrets exist where, by name and key only. No type here has a field
// for a value: readers drop data/stringData values, literals and template bodies as they read.

/** A 1-based line in a file (absolute path), for messages, hovers and go-to-definition. */
export interface SourceLocation {
  file: string;
  line: number;
}

/** Where a secret exists. */
export type SecretScope =
  /** One Kubernetes namespace. */
  | { kind: 'namespace'; namespace: string }
  /**
   * A Kubernetes object whose namespace is not written down: the one who applies it decides
   * (kubectl -n, Argo CD, Flux...), or a ClusterExternalSecret selector matches no known Namespace.
   */
  | { kind: 'unresolved'; reason: string }
  /** A Flyte cluster-resource template: flyteadmin creates it in every project-domain namespace. */
  | { kind: 'project-namespaces' }
  /** A names-only inventory of a secret manager that has no namespaces. */
  | { kind: 'manager'; manager: ExternalManager }
  /**
   * The Flyte secret store (`flyte get secret`): a secret of the organization, of one domain, of one
   * project (Union only) or of one project-domain pair. Absent fields are the wider scope.
   */
  | { kind: 'flyte-store'; organization?: string; project?: string; domain?: string };

export type ExternalManager = 'AWS' | 'GCP' | 'Vault';

export type SourceKind =
  | 'Secret'
  | 'SOPS Secret'
  | 'cluster dump'
  | 'kustomize secretGenerator'
  | 'cluster-resource template'
  | 'ExternalSecret'
  | 'ClusterExternalSecret'
  | 'SealedSecret'
  | 'VaultStaticSecret'
  | 'Vault agent annotation'
  | 'AWS Secrets Manager'
  | 'GCP Secret Manager'
  | 'Flyte secret store';

export interface SecretKey {
  name: string;
  line: number;
}

export interface InventoryEntry {
  /**
   * The Kubernetes Secret name (a Flyte group); for AWS the secret's Name, for GCP the secret id,
   * for Vault the path. A cluster-resource template's name may contain `{{ project }}`/`{{ domain }}`.
   */
  name: string;
  scope: SecretScope;
  /** The data keys that are known to exist. */
  keys: SecretKey[];
  /** False when the object can hold keys nobody can see statically (ESO dataFrom, Vault fields...). */
  keysComplete: boolean;
  /** Why the keys are not all known, for messages and hovers. */
  keysNote?: string;
  kind: SourceKind;
  source: SourceLocation;
  /** The kustomizations that placed this object (outermost last), when it came through one. */
  via?: string[];
  /** A kustomize generator that appends a content hash: the real name is `<name>-<hash>`. */
  hashedName?: boolean;
  /** The manager's full identifier: the AWS ARN, the GCP resource name (`projects/1/secrets/db`). */
  resource?: string;
  /** Flyte secret store: an image-pull secret (`flyte create secret --type image_pull`). */
  imagePull?: boolean;
  /**
   * Flyte secret store: the listing says the secret is not in every cluster (`PARTIALLY_PRESENT`,
   * or a cluster marked `MISSING`); the clusters that lack it, when named.
   */
  notEverywhere?: { status: string; missingIn: string[] };
}

/** A file the inventory did not (fully) use, and why. Warnings are bad input; notes are expected. */
export interface InventoryProblem {
  file: string;
  severity: 'warning' | 'note';
  reason: string;
  line?: number;
}
