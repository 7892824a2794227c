// The status bar's text and the inventory document, from the server's flyte-secrets.inventory answer.
import { getInventory, inventoryReport, loadConfig, renderInventoryText } from '@flyte-secrets/core';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inventoryDocument, inventoryStatus, type InventoryAnswer } from '../src/inventory.js';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../lsp/tests/fixtures/inventory');

/** The answer the server gives for a project (packages/lsp/src/inventory-command.ts). */
function answerFor(project: string): InventoryAnswer {
  const { config } = loadConfig(path.join(project, 'probe.py'));
  const index = getInventory(config);
  return { inventories: [{ report: inventoryReport(index, config), text: renderInventoryText(index, config) }] };
}

describe('the inventory in the status bar', () => {
  it('counts the secrets and their namespaces', () => {
    const status = inventoryStatus(answerFor(FIXTURE));
    expect(status.text).toBe('$(key) 3 secrets');
    expect(status.tooltip).toContain('3 secrets in 2 namespaces, read from 2 files.');
  });

  it('says what to configure when there is no inventory', () => {
    const status = inventoryStatus({ inventories: [] });
    expect(status.text).toBe('$(key) Flyte Secrets');
    expect(status.tooltip).toMatch(/manifests = \["deploy\/\*\*\/\*\.yaml"\]/);
  });

  it('flags files that could not be read', () => {
    const answer = answerFor(FIXTURE);
    answer.inventories[0]!.report.skipped.push({ file: 'deploy/broken.yaml', line: 3, severity: 'warning', reason: 'invalid YAML' });
    expect(inventoryStatus(answer).text).toBe('$(key) 3 secrets $(warning)');
    expect(inventoryStatus(answer).tooltip).toContain('1 file could not be read');
  });
});

describe('the inventory document', () => {
  it('is the table flyte-secrets inventory prints', () => {
    const answer = answerFor(FIXTURE);
    expect(inventoryDocument(answer)).toBe(answer.inventories[0]!.text);
    expect(inventoryDocument(answer)).toMatch(/payments-production\s+db\s+password, user/);
  });

  it('explains how to get one when there is none', () => {
    expect(inventoryDocument({ inventories: [] })).toMatch(/^No secret inventory/);
  });
});
