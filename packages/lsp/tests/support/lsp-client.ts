// A minimal LSP client for protocol tests: starts the built server over stdio exactly as an
// editor does (`flyte-secrets-language-server --stdio`) and speaks JSON-RPC with vscode-jsonrpc.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
  Range,
  TextDocumentContentChangeEvent,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SERVER_BIN = path.resolve(here, '../../bin/flyte-secrets-language-server.js');
export const FIXTURES = path.resolve(here, '../fixtures');

export const PULL_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    diagnostic: { dynamicRegistration: false },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } },
    completion: { completionItem: { labelDetailsSupport: true } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
  workspace: {
    configuration: true,
    diagnostics: { refreshSupport: true },
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
    didChangeConfiguration: { dynamicRegistration: true },
    workspaceFolders: true,
    codeLens: { refreshSupport: true },
  },
  window: { workDoneProgress: true },
};

/** What Neovim 0.7 and eglot declare: no pull diagnostics, no configuration requests. */
export const PUSH_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } },
    publishDiagnostics: { relatedInformation: true, versionSupport: true },
  },
  workspace: { didChangeWatchedFiles: { dynamicRegistration: true } },
};

export interface ClientOptions {
  capabilities: ClientCapabilities;
  workspace: string;
  initializationOptions?: unknown;
  /** Answer to `workspace/configuration` for section `flyteSecrets`. */
  settings?: unknown;
  processId?: number | null;
  /** The server module to run with node (default: this package's bin; the VS Code extension's tests pass its bundle). */
  server?: string;
}

export const uriOf = (file: string) => pathToFileURL(file).href;

export class TestClient {
  readonly connection: MessageConnection;
  readonly published = new Map<string, PublishDiagnosticsParams[]>();
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  readonly messages: { type: number; message: string }[] = [];
  readonly progress: unknown[] = [];
  refreshes = 0;
  settings: unknown;
  readonly #waiters = new Set<() => void>();
  readonly #versions = new Map<string, number>();
  readonly #texts = new Map<string, string>();
  #initialize?: InitializeResult;

  private constructor(readonly process: ChildProcessWithoutNullStreams, options: ClientOptions) {
    this.settings = options.settings;
    this.connection = createMessageConnection(new StreamMessageReader(process.stdout), new StreamMessageWriter(process.stdin));
    const notify = () => {
      for (const waiter of this.#waiters) waiter();
    };
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const list = this.published.get(params.uri) ?? [];
      list.push(params);
      this.published.set(params.uri, list);
      notify();
    });
    this.connection.onNotification('window/logMessage', (params: { type: number; message: string }) => {
      this.messages.push(params);
      notify();
    });
    this.connection.onNotification('window/showMessage', (params: { type: number; message: string }) => {
      this.messages.push(params);
      notify();
    });
    this.connection.onNotification('$/progress', (params: unknown) => {
      this.progress.push(params);
      notify();
    });
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section === 'flyteSecrets' ? this.settings ?? null : null)),
    );
    this.connection.onRequest('client/registerCapability', (params: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...params.registrations);
      notify();
      return null;
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes++;
      notify();
      return null;
    });
    this.connection.onRequest('workspace/codeLens/refresh', () => null);
    this.connection.listen();
  }

  static async start(options: ClientOptions, args: string[] = ['--stdio']): Promise<TestClient> {
    const child = spawn(process.execPath, [options.server ?? SERVER_BIN, ...args], { stdio: 'pipe' });
    const client = new TestClient(child, options);
    client.#initialize = await client.connection.sendRequest('initialize', {
      processId: options.processId === undefined ? process.pid : options.processId,
      rootUri: uriOf(options.workspace),
      workspaceFolders: [{ uri: uriOf(options.workspace), name: path.basename(options.workspace) }],
      capabilities: options.capabilities,
      initializationOptions: options.initializationOptions,
    });
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  get initializeResult(): InitializeResult {
    return this.#initialize!;
  }

  /** Resolves when `test` holds, re-checked after each message from the server. */
  waitFor<T>(test: () => T | undefined | false, what: string, timeoutMs = 15_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = test();
        if (value !== undefined && value !== false) {
          this.#waiters.delete(check);
          clearTimeout(timer);
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      this.#waiters.add(check);
      check();
    });
  }

  /** The first diagnostics published for `uri` at `version` (or later). */
  pushedDiagnostics(uri: string, version: number): Promise<Diagnostic[]> {
    return this.waitFor(() => this.published.get(uri)?.find((p) => (p.version ?? 0) >= version)?.diagnostics, `diagnostics of ${uri} v${version}`);
  }

  async open(file: string, text = readFileSync(file, 'utf8')): Promise<string> {
    const uri = uriOf(file);
    this.#versions.set(uri, 1);
    this.#texts.set(uri, text);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
    return uri;
  }

  text(uri: string): string {
    return this.#texts.get(uri)!;
  }

  version(uri: string): number {
    return this.#versions.get(uri)!;
  }

  /** Sends incremental changes (applied in order) and returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = this.#versions.get(uri)! + 1;
    this.#versions.set(uri, version);
    let text = this.#texts.get(uri)!;
    for (const change of changes) text = 'range' in change ? applyEdits(text, [{ range: change.range, newText: change.text }]) : change.text;
    this.#texts.set(uri, text);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /** Applies a workspace edit's changes for `uri` as an editor would (one didChange). */
  async applyEdit(uri: string, edit: WorkspaceEdit | undefined): Promise<number> {
    const edits = edit?.changes?.[uri];
    if (!edits?.length) throw new Error(`the edit has no changes for ${uri}`);
    const sorted = [...edits].sort((a, b) => compare(b.range.start, a.range.start));
    return this.change(uri, sorted.map((e) => ({ range: e.range, text: e.newText })));
  }

  async pull(uri: string): Promise<Diagnostic[]> {
    const report = await this.connection.sendRequest<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    return report.items;
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)));
    if (this.process.exitCode === null) {
      try {
        await this.connection.sendRequest('shutdown');
        await this.connection.sendNotification('exit');
      } catch {
        this.process.kill();
      }
    }
    const code = this.process.exitCode ?? (await exited);
    this.connection.dispose();
    return code;
  }
}

function compare(a: Range['start'], b: Range['start']): number {
  return a.line - b.line || a.character - b.character;
}

function offsetAt(text: string, position: Range['start']): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) offset = text.indexOf('\n', offset) + 1;
  return offset + position.character;
}

/** Applies LSP text edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => compare(b.range.start, a.range.start));
  for (const edit of sorted) text = text.slice(0, offsetAt(text, edit.range.start)) + edit.newText + text.slice(offsetAt(text, edit.range.end));
  return text;
}

/** The (0-based) position of the first occurrence of `marker` in `text`, plus `delta` characters. */
export function positionOf(text: string, marker: string, delta = 0): Range['start'] {
  const index = text.indexOf(marker);
  if (index < 0) throw new Error(`marker ${JSON.stringify(marker)} not found`);
  const before = text.slice(0, index + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}
