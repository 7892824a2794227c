// The extension's entry point: the language client, its status bar item, the commands and the
// read-only inventory document.
import * as vscode from 'vscode';
import { DidChangeConfigurationNotification, ExecuteCommandRequest, State, type LanguageClient } from 'vscode-languageclient/node';
import { createClient } from './client.js';
import { INVENTORY_COMMAND, inventoryDocument, inventoryStatus, type InventoryAnswer } from './inventory.js';
import { IndexingProgressFeature, StatusItem } from './status.js';

const INVENTORY_URI = vscode.Uri.parse('flyte-secrets:Secret%20inventory.txt');
/** Files that can change the inventory: manifests, dumps, pyproject.toml. */
const INVENTORY_FILES = '**/*.{yaml,yml,json,toml}';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Flyte Secrets', { log: true });
  const status = new StatusItem();
  const inventoryChanged = new vscode.EventEmitter<vscode.Uri>();
  let lastInventory: InventoryAnswer = { inventories: [] };
  /** A restart stops the server on purpose: not a failure to show. */
  let restarting = false;
  context.subscriptions.push(output, status, inventoryChanged);

  const languageClient = createClient(context, output);
  client = languageClient;

  /** Asks the server for its inventories; updates the status item and an open inventory document. */
  async function refreshInventory(): Promise<InventoryAnswer | undefined> {
    if (languageClient.state !== State.Running) return undefined;
    try {
      lastInventory = await languageClient.sendRequest(ExecuteCommandRequest.type, { command: INVENTORY_COMMAND });
      status.idle(inventoryStatus(lastInventory));
      inventoryChanged.fire(INVENTORY_URI);
      return lastInventory;
    } catch (error) {
      output.error(`The secret inventory could not be read: ${(error as Error).message}`);
      return undefined;
    }
  }
  let refreshTimer: NodeJS.Timeout | undefined;
  const refreshSoon = () => {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => void refreshInventory(), 500);
  };

  context.subscriptions.push({ dispose: () => clearTimeout(refreshTimer) });

  function couldNotStart(error: unknown): void {
    status.failed('the language server could not start');
    output.error(`The language server could not start: ${(error as Error)?.message ?? String(error)}`);
  }

  languageClient.registerFeature(new IndexingProgressFeature(languageClient, status, refreshSoon));
  context.subscriptions.push(
    languageClient.onDidChangeState(({ newState }) => {
      if (newState === State.Starting) status.starting();
      else if (newState === State.Running) refreshSoon(); // also after the client restarts a crashed server
      else if (!restarting) status.failed('the language server is not running');
    }),
    vscode.workspace.registerTextDocumentContentProvider(INVENTORY_URI.scheme, {
      onDidChange: inventoryChanged.event,
      provideTextDocumentContent: () => inventoryDocument(lastInventory),
    }),
    vscode.commands.registerCommand('flyteSecrets.showInventory', async () => {
      if (!(await refreshInventory())) {
        void vscode.window.showWarningMessage('Flyte Secrets: the language server is not running; see the output.', 'Show Output').then((choice) => {
          if (choice) output.show();
        });
        return;
      }
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(INVENTORY_URI), { preview: true });
    }),
    vscode.commands.registerCommand('flyteSecrets.restart', async () => {
      output.info('Restarting the language server.');
      restarting = true;
      try {
        await languageClient.restart();
        await refreshInventory();
      } catch (error) {
        couldNotStart(error);
      } finally {
        restarting = false;
      }
    }),
    vscode.commands.registerCommand('flyteSecrets.showOutput', () => output.show()),
    // Reading the flat config depends on trust: the server re-reads its settings.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void languageClient.sendNotification(DidChangeConfigurationNotification.type, { settings: null })),
  );
  const watcher = vscode.workspace.createFileSystemWatcher(INVENTORY_FILES);
  context.subscriptions.push(watcher, watcher.onDidChange(refreshSoon), watcher.onDidCreate(refreshSoon), watcher.onDidDelete(refreshSoon));

  try {
    await languageClient.start();
    await refreshInventory();
  } catch (error) {
    couldNotStart(error);
  }
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
