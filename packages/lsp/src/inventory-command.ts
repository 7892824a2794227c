// `workspace/executeCommand` "flyte-secrets.inventory": the secret inventories of the workspace,
// for an editor to show (the VS Code extension's status bar and "Show secret inventory"). Each one
// comes as data (core's InventoryReport, what `flyte-secrets inventory --json` prints) and as the
// CLI's text table. Names and keys only: the inventory never holds a value.
import { getInventory, inventoryReport, loadConfig, renderInventoryText, type InventoryReport } from '@flyte-secrets/core';

export const INVENTORY_COMMAND = 'flyte-secrets.inventory';

export interface InventoryAnswer {
  inventories: { report: InventoryReport; text: string }[];
}

/**
 * The inventory of each configuration that lists manifests or dumps, once per configuration.
 * `files` are the files (open documents, a probe path in each workspace folder) whose
 * `[tool.flyte-secrets]`, with the editor's overrides, say where the inventory is.
 */
export function inventoryAnswer(files: Iterable<{ filePath: string; overrides: Record<string, unknown> }>): InventoryAnswer {
  const answers = new Map<string, InventoryAnswer['inventories'][number]>();
  for (const { filePath, overrides } of files) {
    const { config } = loadConfig(filePath, overrides);
    if (!config.manifests.length && !config.inventory.length) continue;
    const key = JSON.stringify(config);
    if (answers.has(key)) continue;
    const index = getInventory(config);
    answers.set(key, { report: inventoryReport(index, config), text: renderInventoryText(index, config) });
  }
  return { inventories: [...answers.values()] };
}
