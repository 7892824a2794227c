// Capability negotiation in one place: what the client can do decides what the server offers
// (pull or push diagnostics, dynamic file watching, refresh requests, progress).
import {
  CodeActionKind,
  MarkupKind,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type ServerCapabilities,
} from 'vscode-languageserver';
import { INVENTORY_COMMAND } from './inventory-command.js';

/** The code action kind of "fix all flyte-secrets problems" (`editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.flyteSecrets`;

const DIAGNOSTIC_IDENTIFIER = 'flyte-secrets';

export interface ClientFeatures {
  /** `textDocument/diagnostic`: the client pulls; otherwise the server publishes. */
  pullDiagnostics: boolean;
  /** `workspace/diagnostic/refresh`. */
  diagnosticRefresh: boolean;
  /** `workspace/configuration`. */
  configuration: boolean;
  /** Dynamic registration of `workspace/didChangeWatchedFiles`. */
  watchedFiles: boolean;
  /** Relative patterns in file watchers. */
  relativePatterns: boolean;
  /** Dynamic registration of `workspace/didChangeConfiguration`. */
  configurationChange: boolean;
  /** `workspace/didChangeWorkspaceFolders`. */
  workspaceFolders: boolean;
  /** `window/workDoneProgress/create`. */
  progress: boolean;
  /** `workspace/codeLens/refresh`. */
  codeLensRefresh: boolean;
  /** Code action literals (not only commands). */
  codeActionLiterals: boolean;
  /** Markdown in hovers. */
  markdownHover: boolean;
}

export function clientFeatures(capabilities: ClientCapabilities): ClientFeatures {
  const { textDocument, workspace, window } = capabilities;
  return {
    pullDiagnostics: textDocument?.diagnostic !== undefined,
    diagnosticRefresh: workspace?.diagnostics?.refreshSupport === true,
    configuration: workspace?.configuration === true,
    watchedFiles: workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    relativePatterns: workspace?.didChangeWatchedFiles?.relativePatternSupport === true,
    configurationChange: workspace?.didChangeConfiguration?.dynamicRegistration === true,
    workspaceFolders: workspace?.workspaceFolders === true,
    progress: window?.workDoneProgress === true,
    codeLensRefresh: workspace?.codeLens?.refreshSupport === true,
    codeActionLiterals: textDocument?.codeAction?.codeActionLiteralSupport !== undefined,
    markdownHover: textDocument?.hover?.contentFormat?.includes(MarkupKind.Markdown) ?? false,
  };
}

export function serverCapabilities(features: ClientFeatures): ServerCapabilities {
  return {
    positionEncoding: 'utf-16',
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
    ...(features.pullDiagnostics
      ? { diagnosticProvider: { identifier: DIAGNOSTIC_IDENTIFIER, interFileDependencies: true, workspaceDiagnostics: false } }
      : {}),
    // Code actions are literals with edits; clients that only take commands get none (as vscode-eslint).
    ...(features.codeActionLiterals ? { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] } } : {}),
    completionProvider: { triggerCharacters: ['"', "'"] },
    hoverProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    executeCommandProvider: { commands: [INVENTORY_COMMAND] },
    codeLensProvider: { resolveProvider: false },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
}
