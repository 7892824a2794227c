// The language client: starts the bundled server (dist/server.mjs) over Node IPC for Python files,
// translates the extension's settings for it, and keeps its code actions to its own diagnostics.
import * as vscode from 'vscode';
import { LanguageClient, ResponseError, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { isOwnDiagnostic, shouldAskServer } from './code-action-scope.js';
import { SECTION, skipPull, toServerSettings } from './settings.js';

const serverSettings = (section: unknown) => toServerSettings(section, { trusted: vscode.workspace.isTrusted });

export function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.mjs');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Python files are the Python extension's (or VS Code's) language: select them, never contribute
    // it. Manifests and dumps are selected for Find All References from a Secret to its uses in
    // Python; the server lints and answers nothing else for them.
    documentSelector: [
      { scheme: 'file', language: 'python' },
      { scheme: 'untitled', language: 'python' },
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'json' },
    ],
    outputChannel: output,
    initializationOptions: serverSettings(vscode.workspace.getConfiguration().get(SECTION)),
    diagnosticPullOptions: {
      onChange: true,
      onSave: true,
      filter: (document, mode) => skipPull(vscode.workspace.getConfiguration(SECTION, document).get('run'), mode),
    },
    middleware: {
      workspace: {
        // The server asks for section `flyteSecrets` per document; VS Code's raw section is translated.
        configuration: async (params, token, next) => {
          const values = await next(params, token);
          if (values instanceof ResponseError) return values;
          return values.map((value, index) => (params.items[index]?.section === SECTION ? serverSettings(value) : value));
        },
      },
      provideCodeActions: (document, range, codeActionContext, token, next) => {
        const own = codeActionContext.diagnostics.filter(isOwnDiagnostic);
        if (!shouldAskServer(own.length, codeActionContext.only?.value)) return [];
        return next(document, range, { ...codeActionContext, diagnostics: own }, token);
      },
    },
  };
  return new LanguageClient(SECTION, 'Flyte Secrets', serverOptions, clientOptions);
}
