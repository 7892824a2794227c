// The language server: wires LSP requests to core's analysis. Everything that knows Python or
// Flyte lives in @flyte-secrets/core; this module decides when to lint, what to publish and how to
// answer each request.
import { clearConfigCache, describeProblem, initParser, loadConfig, ProjectIndex, summarizeModule, UnparsablePythonError, withParserRecovery, type ParserInitOptions } from '@flyte-secrets/core';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidChangeConfigurationNotification,
  CodeLensRefreshRequest,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  FileChangeType,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type FileEvent,
  type InitializeResult,
  type Location,
} from 'vscode-languageserver';
import { clientFeatures, serverCapabilities, type ClientFeatures } from './capabilities.js';
import { codeActions } from './code-actions.js';
import { codeLenses } from './code-lens.js';
import { completions } from './completion.js';
import { hover } from './hover.js';
import { Inventories } from './inventories.js';
import { definitions, manifestSecretAt, referencedSecret } from './navigation.js';
import { diagnosticsOf, parsingErrorDiagnostic } from './diagnostics.js';
import { PythonDocument } from './documents.js';
import { FlatConfigReader, type FlatConfigResult } from './flat-config.js';
import { INVENTORY_COMMAND, inventoryAnswer } from './inventory-command.js';
import { lintDocument, type LintResult } from './lint.js';
import { resolveRuleConfig } from './rule-config.js';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from './settings.js';
import { WorkspaceUses } from './workspace-uses.js';
import { filePathOf, WorkspaceFolders } from './workspace.js';

/** Larger buffers are generated code or data: reparsing them on every keystroke is not worth it. */
const MAX_DOCUMENT_CHARS = 2_000_000;

/** Files whose change alters the configuration, the analysis of other files, or an inventory. */
const WATCHED_GLOBS = ['**/pyproject.toml', '**/eslint.config.{js,mjs,cjs,ts,mts,cts}', '**/*.py', '**/*.{yaml,yml,json}', '**/Kustomization'];
/** What an inventory reads: manifests, kustomizations, dumps. */
const INVENTORY_FILE = /\.(?:ya?ml|json)$|(?:^|[\\/])Kustomization$/;

export interface ServerOptions {
  version: string;
  parser?: ParserInitOptions;
}

const isPythonDocument = (languageId: string, uri: string) => languageId === 'python' || /\.pyi?$/.test(uri);

export function startServer(connection: Connection, options: ServerOptions): void {
  let features: ClientFeatures = clientFeatures({});
  let baseSettings: Settings = DEFAULT_SETTINGS;
  /** Settings from `workspace/didChangeConfiguration`, for clients without `workspace/configuration`. */
  let pushedSettings: Settings | undefined;
  const settingsCache = new Map<string, Promise<Settings>>();
  /** The last settings resolved per document, for decisions that cannot wait (debounce). */
  const knownSettings = new Map<string, Settings>();
  const folders = new WorkspaceFolders();
  const documents = new Map<string, PythonDocument>();
  /** Bumped whenever something besides the text changes what a document's findings are. */
  let generation = 0;
  const results = new Map<string, { key: string; result: LintResult }>();
  /** Documents the parser refused, with the version refused: their one `Parsing error` diagnostic. */
  const refused = new Map<string, { version: number; diagnostic: Diagnostic }>();
  const refusedDiagnostics = (uri: string, document: PythonDocument): Diagnostic[] => {
    const refusal = refused.get(uri);
    return refusal?.version === document.version ? [refusal.diagnostic] : [];
  };
  const timers = new Map<string, NodeJS.Timeout>();
  const lastChange = new Map<string, number>();
  const reported = new Set<string>();

  /** Configuration problems: logged once each, and shown once to the user. */
  const problem = (message: string): void => {
    if (reported.has(message)) return;
    reported.add(message);
    connection.console.warn(message);
    void connection.window.showWarningMessage(`flyte-secrets: ${message}`);
  };
  /** Problems with single files (binary, unreadable imports, bad manifests): logged once each. */
  const note = (message: string): void => {
    if (reported.has(message)) return;
    reported.add(message);
    connection.console.warn(message);
  };
  const logError = (what: string) => (error: unknown) => connection.console.error(`${what}: ${(error as Error)?.stack ?? String(error)}`);

  const flatConfigs = new FlatConfigReader(problem);
  /** Open documents by file path: the project index asks for every module it reads. */
  const documentsByPath = new Map<string, PythonDocument>();
  /** The server's project index: open documents' buffers over the disk, summaries shared by every analysis. */
  const projectIndex = new ProjectIndex({ summarize: summarizeModule, overlay: (filePath) => documentsByPath.get(filePath)?.text, warn: note });
  const workspaceUses = new WorkspaceUses(projectIndex);
  const inventories = new Inventories();

  // ---- settings ------------------------------------------------------------------------

  function settingsFor(uri: string): Promise<Settings> {
    if (!features.configuration) return Promise.resolve(pushedSettings ?? baseSettings);
    let settings = settingsCache.get(uri);
    if (!settings) {
      settings = connection.workspace.getConfiguration({ scopeUri: uri, section: 'flyteSecrets' }).then(
        (raw: unknown) => normalizeSettings(raw, baseSettings, problem),
        (error: unknown) => {
          connection.console.warn(`workspace/configuration failed (${(error as Error).message}); using the initialization options`);
          return baseSettings;
        },
      );
      settingsCache.set(uri, settings);
    }
    return settings.then((resolved) => {
      knownSettings.set(uri, resolved);
      return resolved;
    });
  }

  /** The ESLint flat config that applies to a file, when the settings let the server read one. */
  async function flatConfigFor(settings: Settings, filePath: string | undefined): Promise<FlatConfigResult | undefined> {
    return settings.useFlatConfig && filePath ? flatConfigs.read(filePath, folders.folderOf(filePath)) : undefined;
  }

  /** The `[tool.flyte-secrets]` overrides for a file, as its lint sees them: the flat config's settings, then the editor's. */
  async function overridesFor(uri: string, filePath: string): Promise<Record<string, unknown>> {
    const settings = await settingsFor(uri);
    return resolveRuleConfig(settings, await flatConfigFor(settings, filePath)).config;
  }

  // ---- linting -------------------------------------------------------------------------

  /** The findings of a document's current text, computed once per version and configuration. */
  async function lint(uri: string, token?: CancellationToken): Promise<LintResult | undefined> {
    const document = documents.get(uri);
    if (!document) return undefined;
    const settings = await settingsFor(uri);
    if (!settings.enable) return undefined;
    const filePath = filePathOf(uri);
    const flat = await flatConfigFor(settings, filePath);
    if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    if (documents.get(uri) !== document) return undefined; // closed meanwhile
    const text = document.text;
    if (text.length > MAX_DOCUMENT_CHARS || text.includes('\u0000')) {
      note(`${filePath ?? uri}: not linted (${text.includes('\u0000') ? 'binary content' : `more than ${MAX_DOCUMENT_CHARS} characters`})`);
      return undefined;
    }
    const key = `${document.version}:${generation}`;
    const cached = results.get(uri);
    if (cached?.key === key) return cached.result;
    let result: LintResult;
    try {
      result = withParserRecovery(() =>
        lintDocument(document, {
          filePath,
          ruleConfig: resolveRuleConfig(settings, flat),
          loader: filePath ? projectIndex.loaderFor(filePath) : undefined,
          contextKey: generation,
          warnConfig: problem,
          note,
        }),
      );
    } catch (error) {
      if (!(error instanceof UnparsablePythonError)) throw error;
      // One file's problem: the other documents keep their diagnostics and are linted as before.
      note(`${filePath ?? uri}: not linted (${error.message})`);
      refused.set(uri, { version: document.version, diagnostic: parsingErrorDiagnostic(document.document, error) });
      return undefined;
    }
    results.set(uri, { key, result });
    return result;
  }

  /** Push model: lint and publish, unless a newer change superseded this run. */
  async function publish(uri: string): Promise<void> {
    const document = documents.get(uri);
    if (!document) return;
    const result = await lint(uri);
    if (documents.get(uri) !== document || (result && result.version !== document.version)) return;
    const diagnostics = result ? diagnosticsOf(document.document, result) : refusedDiagnostics(uri, document);
    await connection.sendDiagnostics({ uri, version: document.version, diagnostics });
  }

  function schedule(uri: string, delay: number): void {
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        publish(uri).catch(logError(`linting ${uri} failed`));
      }, delay),
    );
  }

  /** Re-lints open documents after a change that is not their own text. */
  function revalidate(uris: Iterable<string>): void {
    if (features.pullDiagnostics) {
      if (features.diagnosticRefresh) connection.languages.diagnostics.refresh().catch(logError('workspace/diagnostic/refresh failed'));
      return;
    }
    for (const uri of uris) if (documents.has(uri)) schedule(uri, 0);
  }

  function configurationChanged(): void {
    generation++;
    results.clear();
    revalidate(documents.keys());
  }

  /** Open documents whose analysis imports the module at `filePath` (directly or through others). */
  function dependentsOf(filePath: string): string[] {
    const stale = new Set(projectIndex.changed(filePath));
    if (!stale.size) return [];
    generation++;
    return [...documents.keys()].filter((uri) => {
      const documentPath = filePathOf(uri);
      return documentPath !== undefined && stale.has(documentPath);
    });
  }

  // ---- lifecycle -----------------------------------------------------------------------

  connection.onInitialize(async (params): Promise<InitializeResult> => {
    features = clientFeatures(params.capabilities);
    baseSettings = normalizeSettings(params.initializationOptions, DEFAULT_SETTINGS, problem);
    folders.set(params.workspaceFolders, params.rootUri);
    await initParser(options.parser);
    return { capabilities: serverCapabilities(features), serverInfo: { name: 'flyte-secrets-language-server', version: options.version } };
  });

  connection.onInitialized(() => {
    if (features.configurationChange) {
      connection.client.register(DidChangeConfigurationNotification.type, { section: 'flyteSecrets' }).catch(logError('registering for configuration changes failed'));
    }
    if (features.watchedFiles) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) })
        .catch(logError('registering file watchers failed'));
    } else {
      connection.console.info('The client cannot watch files for the server: changes to pyproject.toml, eslint.config.*, manifests and dumps on disk apply after a restart.');
    }
    if (features.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        folders.change(event.added, event.removed);
        flatConfigs.clear(); // config lookups stop at workspace folders
        indexWorkspace(event.added.map((folder) => filePathOf(folder.uri)).filter((folder): folder is string => !!folder)).catch(logError('indexing the inventory failed'));
      });
    }
    indexWorkspace(folders.all).catch(logError('indexing the inventory failed'));
  });

  /** Builds the inventory of each folder's configuration, with progress, then re-lints what is open. */
  async function indexWorkspace(roots: readonly string[]): Promise<void> {
    const configs = roots.map((root) => loadConfig(path.join(root, '__flyte_secrets__.py'), baseSettings.config).config).filter((config) => config.manifests.length || config.inventory.length);
    if (!configs.length) return;
    const progress = features.progress ? await connection.window.createWorkDoneProgress() : undefined;
    progress?.begin('flyte-secrets: indexing secrets', 0, undefined, false);
    for (const [i, config] of configs.entries()) {
      progress?.report(Math.round((i / configs.length) * 100), config.source ?? config.root ?? '');
      await new Promise((resolve) => setImmediate(resolve)); // let the progress go out before the (synchronous) scan
      const index = inventories.indexFor(config)!;
      for (const item of index.problems) if (item.severity === 'warning') note(`inventory: ${describeProblem(item, config.root ?? process.cwd())}`);
      connection.console.info(`flyte-secrets: inventory of ${config.source ?? config.root}: ${index.entries.length} secrets in ${index.namespaces().length} namespaces`);
    }
    progress?.done();
    configurationChanged();
  }

  function inventoryChanged(): void {
    configurationChanged();
    if (features.codeLensRefresh) connection.sendRequest(CodeLensRefreshRequest.type).catch(logError('workspace/codeLens/refresh failed'));
  }

  connection.onShutdown(() => {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    for (const document of documents.values()) document.dispose();
    documents.clear();
    documentsByPath.clear();
  });

  connection.onDidChangeConfiguration((params) => {
    settingsCache.clear();
    knownSettings.clear();
    if (!features.configuration && params.settings && typeof params.settings === 'object') {
      pushedSettings = normalizeSettings(params.settings, baseSettings, problem);
    }
    configurationChanged();
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    let configuration = false;
    let inventory = false;
    const stale = new Set<string>();
    for (const change of changes) {
      configuration = fileChanged(change, stale) || configuration;
      const filePath = filePathOf(change.uri);
      if (filePath && INVENTORY_FILE.test(filePath)) inventory = inventories.refresh(filePath) || inventory;
    }
    if (configuration || inventory) inventoryChanged();
    else if (stale.size) revalidate(stale);
  });

  /** Returns true when the change alters the configuration of every document. */
  function fileChanged(change: FileEvent, stale: Set<string>): boolean {
    const filePath = filePathOf(change.uri);
    if (!filePath) return false;
    const name = path.basename(filePath);
    if (name === 'pyproject.toml') {
      clearConfigCache();
      inventories.refresh();
      return true;
    }
    if (name.startsWith('eslint.config.')) {
      flatConfigs.clear();
      return true;
    }
    // A module created or deleted changes what imports resolve to.
    if (/\.pyi?$/.test(name) && change.type !== FileChangeType.Changed) projectIndex.filesChanged();
    if (/\.pyi?$/.test(name) && !documents.has(change.uri)) {
      for (const uri of dependentsOf(filePath)) stale.add(uri);
    }
    return false;
  }

  // ---- documents -----------------------------------------------------------------------

  connection.onDidOpenTextDocument(({ textDocument }) => {
    if (!isPythonDocument(textDocument.languageId, textDocument.uri)) return;
    documents.get(textDocument.uri)?.dispose();
    const document = new PythonDocument(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
    documents.set(textDocument.uri, document);
    const filePath = filePathOf(textDocument.uri);
    if (filePath) documentsByPath.set(filePath, document);
    if (!features.pullDiagnostics) schedule(textDocument.uri, 0);
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return;
    document.update(contentChanges, textDocument.version);
    const filePath = filePathOf(textDocument.uri);
    const dependents = filePath ? dependentsOf(filePath) : [];
    if (dependents.length) revalidate(dependents);
    if (features.pullDiagnostics) return;
    const settings = knownSettings.get(textDocument.uri) ?? pushedSettings ?? baseSettings;
    if (settings.run !== 'onType') return;
    // A lone change is linted at once; a burst waits until it pauses for `debounceMs`.
    const now = performance.now();
    const inBurst = now - (lastChange.get(textDocument.uri) ?? -Infinity) < settings.debounceMs;
    lastChange.set(textDocument.uri, now);
    schedule(textDocument.uri, inBurst ? settings.debounceMs : 0);
  });

  connection.onDidSaveTextDocument(({ textDocument }) => {
    if (!documents.has(textDocument.uri) || features.pullDiagnostics) return;
    const settings = knownSettings.get(textDocument.uri) ?? pushedSettings ?? baseSettings;
    if (settings.run === 'onSave') schedule(textDocument.uri, 0);
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return;
    clearTimeout(timers.get(textDocument.uri));
    timers.delete(textDocument.uri);
    document.dispose();
    documents.delete(textDocument.uri);
    results.delete(textDocument.uri);
    refused.delete(textDocument.uri);
    settingsCache.delete(textDocument.uri);
    knownSettings.delete(textDocument.uri);
    lastChange.delete(textDocument.uri);
    const filePath = filePathOf(textDocument.uri);
    if (filePath && documentsByPath.get(filePath) === document) documentsByPath.delete(filePath);
    if (filePath) projectIndex.forget(filePath);
    if (!features.pullDiagnostics) void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
  });

  // ---- requests ------------------------------------------------------------------------

  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    const uri = params.textDocument.uri;
    const result = await lint(uri, token);
    const document = documents.get(uri);
    if (!document || !result) return { kind: DocumentDiagnosticReportKind.Full, items: document ? refusedDiagnostics(uri, document) : [] };
    const resultId = results.get(uri)?.key;
    if (resultId && params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: diagnosticsOf(document.document, result) };
  });

  /** Runs a request on the current text's lint result; null when the document is not linted. */
  async function current<T>(uri: string, token: CancellationToken, answer: (document: PythonDocument, result: LintResult) => T): Promise<T | null> {
    const document = documents.get(uri);
    if (!document) return null;
    const result = await lint(uri, token);
    if (!result || result.version !== document.version) return null;
    return answer(document, result);
  }

  connection.onCodeAction((params, token) => current(params.textDocument.uri, token, (document, result) => codeActions(params, document, result)));

  /** The inventory a linted document is checked against, if its configuration has one. */
  const inventoryOf = (uri: string, result: LintResult) => inventories.forFile(filePathOf(uri), result.config);

  connection.onCompletion((params, token) =>
    current(params.textDocument.uri, token, (document, result) => completions(document, result.analysis.module, params.position, inventoryOf(document.uri, result))),
  );

  connection.onHover((params, token) =>
    current(params.textDocument.uri, token, (document, result) =>
      hover(document, result.analysis.module, params.position, features.markdownHover, inventoryOf(document.uri, result)),
    ),
  );

  connection.onDefinition((params, token) =>
    current(params.textDocument.uri, token, (document, result) => {
      const query = referencedSecret(document, result.analysis.module, params.position);
      const inventory = inventoryOf(document.uri, result);
      return query && inventory ? definitions(inventory, query) : null;
    }),
  );

  connection.onReferences(async (params, token) => {
    const filePath = filePathOf(params.textDocument.uri);
    let declarations: Location[] = [];
    let query;
    if (documents.has(params.textDocument.uri)) {
      const found = await current(params.textDocument.uri, token, (document, result) => {
        const secret = referencedSecret(document, result.analysis.module, params.position);
        const inventory = inventoryOf(document.uri, result);
        return secret && { secret, declarations: inventory ? definitions(inventory, secret) : [] };
      });
      query = found?.secret;
      declarations = found?.declarations ?? [];
    } else if (filePath) {
      // A manifest: its Secret (or key) at the cursor, then its uses in Python.
      inventories.indexFor(loadConfig(filePath, baseSettings.config).config);
      query = manifestSecretAt(inventories.all, filePath, params.position.line);
      if (query) declarations = [{ uri: params.textDocument.uri, range: { start: params.position, end: params.position } }];
    }
    if (!query) return null;
    const roots = folders.all.length ? folders.all : filePath ? [path.dirname(filePath)] : [];
    const uses = await workspaceUses.find(roots, query);
    return params.context.includeDeclaration ? [...declarations, ...uses] : uses;
  });

  connection.onCodeLens(async (params, token) => {
    const settings = await settingsFor(params.textDocument.uri);
    if (!settings.codeLens) return [];
    return current(params.textDocument.uri, token, (document, result) => codeLenses(document, result.analysis.module, inventoryOf(document.uri, result)));
  });

  connection.onExecuteCommand(async ({ command }) => {
    if (command !== INVENTORY_COMMAND) throw new ResponseError(ErrorCodes.InvalidParams, `unknown command ${command}`);
    // The configurations of the open files and of each workspace folder's root.
    const files: { uri: string; filePath: string }[] = [];
    for (const uri of documents.keys()) {
      const filePath = filePathOf(uri);
      if (filePath) files.push({ uri, filePath });
    }
    for (const folder of folders.all) files.push({ uri: pathToFileURL(folder).href, filePath: path.join(folder, '__flyte_secrets_probe__.py') });
    return inventoryAnswer(await Promise.all(files.map(async ({ uri, filePath }) => ({ filePath, overrides: await overridesFor(uri, filePath) }))));
  });
}
