// The status bar item: the server's state, its indexing progress (`window/workDoneProgress`) and
// the inventory's size. Shown while a Python editor is active.
import * as vscode from 'vscode';
import {
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  type BaseLanguageClient,
  type Disposable,
  type FeatureState,
  type StaticFeature,
  type WorkDoneProgressBegin,
  type WorkDoneProgressReport,
} from 'vscode-languageclient';
import type { StatusText } from './inventory.js';

const STARTING: StatusText = { text: '$(sync~spin) Flyte Secrets', tooltip: 'Flyte Secrets: starting the language server' };

export class StatusItem implements vscode.Disposable {
  readonly #item = vscode.window.createStatusBarItem('flyteSecrets.status', vscode.StatusBarAlignment.Right, 100);
  readonly #subscriptions: vscode.Disposable[] = [];
  /** Progress titles by token, while the server reports work. */
  readonly #busy = new Map<string | number, string>();
  #idle: StatusText = STARTING;
  #failed = false;

  constructor() {
    this.#item.name = 'Flyte Secrets';
    this.#item.command = 'flyteSecrets.showInventory';
    this.#subscriptions.push(vscode.window.onDidChangeActiveTextEditor(() => this.#render()));
    this.#render();
  }

  /** The server is (re)starting: nothing it reported before holds. */
  starting(): void {
    this.#busy.clear();
    this.idle(STARTING);
  }

  /** What to show while the server is idle (its inventory). */
  idle(status: StatusText): void {
    this.#failed = false;
    this.#idle = status;
    this.#render();
  }

  /** The server stopped or could not start: the item turns red and opens the output. */
  failed(message: string): void {
    this.#failed = true;
    this.#busy.clear();
    this.#idle = { text: '$(error) Flyte Secrets', tooltip: `Flyte Secrets: ${message}. Click to show the output.` };
    this.#render();
  }

  progress(token: string | number, value: WorkDoneProgressBegin | WorkDoneProgressReport | { kind: 'end' }): void {
    if (value.kind === 'end') this.#busy.delete(token);
    else {
      const title = value.kind === 'begin' ? value.title : (this.#busy.get(token) ?? 'Working');
      const detail = [value.message, value.percentage !== undefined ? `${Math.round(value.percentage)}%` : undefined].filter(Boolean).join(' ');
      this.#busy.set(token, detail ? `${title}: ${detail}` : title);
    }
    this.#render();
  }

  #render(): void {
    const item = this.#item;
    const [working] = this.#busy.values();
    if (working) {
      item.text = '$(sync~spin) Flyte Secrets';
      item.tooltip = working; // the server's progress title names it
    } else {
      item.text = this.#idle.text;
      item.tooltip = this.#idle.tooltip;
    }
    item.command = this.#failed ? 'flyteSecrets.showOutput' : 'flyteSecrets.showInventory';
    item.backgroundColor = this.#failed ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    if (vscode.window.activeTextEditor?.document.languageId === 'python') item.show();
    else item.hide();
  }

  dispose(): void {
    for (const subscription of this.#subscriptions) subscription.dispose();
    this.#item.dispose();
  }
}

/**
 * Routes the server's work-done progress to the status item instead of a notification. Registered
 * after the client's built-in progress feature, so its `window/workDoneProgress/create` handler is
 * the one in effect.
 */
export class IndexingProgressFeature implements StaticFeature {
  readonly #listeners = new Map<string | number, Disposable>();

  constructor(
    private readonly client: BaseLanguageClient,
    private readonly status: StatusItem,
    private readonly onEnd: () => void,
  ) {}

  fillClientCapabilities(capabilities: { window?: { workDoneProgress?: boolean } }): void {
    capabilities.window = { ...capabilities.window, workDoneProgress: true };
  }

  initialize(): void {
    this.client.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
      this.#listeners.get(token)?.dispose();
      this.#listeners.set(
        token,
        this.client.onProgress(WorkDoneProgress.type, token, (value) => {
          this.status.progress(token, value);
          if (value.kind !== 'end') return;
          this.#listeners.get(token)?.dispose();
          this.#listeners.delete(token);
          this.onEnd();
        }),
      );
    });
  }

  getState(): FeatureState {
    return { kind: 'static' };
  }

  clear(): void {
    for (const listener of this.#listeners.values()) listener.dispose();
    this.#listeners.clear();
  }
}
