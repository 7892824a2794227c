// The inventory: which secrets and keys exist in which namespace, read from manifests and dumps.
export { describePlacement, describeProblem, describeScope, describeSource, describeStoreScope, listForMessage } from './describe.js';
export { DEFAULT_LIMITS, displayPath, type FileLimits } from './files.js';
export {
  clearInventoryCache,
  getInventory,
  InventoryIndex,
  inventorySource,
  managerFor,
  type InventoryOptions,
  type NamespaceCheck,
  type NamespaceStatus,
  type Placement,
  type SecretCheck,
  type SecretRequestName,
} from './inventory-index.js';
export { scanInventory, type InventoryScan, type InventorySource, type ScanOptions } from './scan.js';
export { fillTemplate, namespaceFor, projectNamespaces, targetsFor, type NamespaceTarget } from './targets.js';
export type * from './types.js';
export { inventoryReport, renderInventoryText, type InventoryReport } from './report.js';
export { configurationFingerprint } from './fingerprint.js';
