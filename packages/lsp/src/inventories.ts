// The inventories the open files are checked against: one per configuration that lists manifests
// or dumps (core builds and caches them), remembered here so a changed manifest can be matched to
// the inventories it feeds and each of them rebuilt.
import { getInventory, inventorySource, targetsFor, type FlyteSecretsConfig, type InventoryIndex, type NamespaceTarget } from '@flyte-secrets/core';
import { isInside } from './workspace.js';

/** A file's inventory and the namespaces its tasks run in. */
export interface FileInventory {
  index: InventoryIndex;
  config: FlyteSecretsConfig;
  targets: NamespaceTarget[];
}

export class Inventories {
  readonly #known = new Map<string, { config: FlyteSecretsConfig; fingerprint: string }>();

  /** The inventory of a configuration, or undefined when it lists no manifests and no dumps. */
  indexFor(config: FlyteSecretsConfig): InventoryIndex | undefined {
    if (!config.manifests.length && !config.inventory.length) return undefined;
    const index = getInventory(config);
    const key = JSON.stringify(inventorySource(config));
    if (!this.#known.has(key)) this.#known.set(key, { config, fingerprint: index.fingerprint });
    return index;
  }

  /** What a file is checked against, when its configuration has an inventory. */
  forFile(filePath: string | undefined, config: FlyteSecretsConfig): FileInventory | undefined {
    const index = this.indexFor(config);
    return index && { index, config, targets: targetsFor(filePath, config) };
  }

  get all(): InventoryIndex[] {
    return [...this.#known.values()].map(({ config }) => getInventory(config));
  }

  /**
   * Rebuilds the inventories a changed file can feed (every one, without a file): those whose
   * folder holds it or that read it (a kustomize resource elsewhere). True when any changed.
   */
  refresh(filePath?: string): boolean {
    let changed = false;
    for (const known of this.#known.values()) {
      const { config } = known;
      if (filePath && !isInside(config.root ?? process.cwd(), filePath) && !getInventory(config).scan.files.some((f) => f.file === filePath)) continue;
      const index = getInventory(config, { maxAgeMs: 0 });
      if (index.fingerprint !== known.fingerprint) {
        known.fingerprint = index.fingerprint;
        changed = true;
      }
    }
    return changed;
  }
}
