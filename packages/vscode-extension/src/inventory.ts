// What the extension shows of the server's inventories (`workspace/executeCommand`
// "flyte-secrets.inventory"): the status bar's text and tooltip, and the inventory document.
// No `vscode` import here, so it is tested in plain Node.
import type { InventoryReport } from '@flyte-secrets/core';

/** The language server's command (packages/lsp/src/inventory-command.ts). */
export const INVENTORY_COMMAND = 'flyte-secrets.inventory';

export interface InventoryAnswer {
  inventories: { report: InventoryReport; text: string }[];
}

export interface StatusText {
  text: string;
  tooltip: string;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

const NO_INVENTORY =
  'No secret inventory: list the manifests or cluster dumps under [tool.flyte-secrets] in pyproject.toml (manifests = ["deploy/**/*.yaml"], inventory = ["cluster/secrets.json"]) or in the flyteSecrets.config setting to check that requested secrets exist in their namespaces.';

/** The status bar item once the server is ready: the inventory's size, or that there is none. */
export function inventoryStatus(answer: InventoryAnswer): StatusText {
  const reports = answer.inventories.map((inventory) => inventory.report);
  if (!reports.length) return { text: '$(key) Flyte Secrets', tooltip: NO_INVENTORY };
  const secrets = reports.reduce((sum, report) => sum + report.secrets.length, 0);
  const namespaces = new Set(reports.flatMap((report) => report.secrets.flatMap((secret) => (secret.namespace ? [secret.namespace] : []))));
  const files = reports.reduce((sum, report) => sum + report.files.length, 0);
  const skipped = reports.reduce((sum, report) => sum + report.skipped.filter((problem) => problem.severity === 'warning').length, 0);
  const lines = [
    `Flyte Secrets: ${plural(secrets, 'secret')} in ${plural(namespaces.size, 'namespace')}, read from ${plural(files, 'file')}.`,
    ...(skipped ? [`${plural(skipped, 'file')} could not be read: see the inventory.`] : []),
    'Click to show the secret inventory.',
  ];
  return { text: `$(key) ${plural(secrets, 'secret')}${skipped ? ' $(warning)' : ''}`, tooltip: lines.join('\n') };
}

/** The inventory document: the tables `flyte-secrets inventory` prints, one per configuration. */
export function inventoryDocument(answer: InventoryAnswer): string {
  if (!answer.inventories.length) return `${NO_INVENTORY}\n`;
  return answer.inventories.map((inventory) => inventory.text).join('\n');
}
