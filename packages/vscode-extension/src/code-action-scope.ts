// Which code action requests concern this extension. VS Code asks every provider for actions on
// every diagnostic under the cursor, Pylance's and Ruff's included; like vscode-eslint, the client
// forwards only its own diagnostics and skips the round trip when there is nothing to fix.
// No `vscode` import here, so it is tested in plain Node.

/** The `source` of every diagnostic the server reports. */
export const DIAGNOSTIC_SOURCE = 'flyte-secrets';

/** Our "fix all" kind, for `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = 'source.fixAll.flyteSecrets';

export const isOwnDiagnostic = (diagnostic: { source?: string }) => diagnostic.source === DIAGNOSTIC_SOURCE;

/** Whether a requested kind (`source`, `source.fixAll`, `quickfix`...) contains `kind`, as CodeActionKind.contains. */
const contains = (requested: string, kind: string) => requested === '' || kind === requested || kind.startsWith(`${requested}.`);

/**
 * Whether to ask the server at all. Quick fixes need one of our diagnostics in range; "fix all"
 * is answered only when asked for by kind (Source Action menu, `editor.codeActionsOnSave`), so the
 * light bulb of a line without our findings stays ours-free.
 */
export function shouldAskServer(ownDiagnostics: number, only: string | undefined): boolean {
  if (only === undefined) return ownDiagnostics > 0;
  return contains(only, FIX_ALL_KIND) || (contains(only, 'quickfix') && ownDiagnostics > 0);
}
