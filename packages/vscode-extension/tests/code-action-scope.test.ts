// Which code action requests the client forwards to the server: only for its own diagnostics, and
// "fix all" only when asked for by kind.
import { describe, expect, it } from 'vitest';
import { FIX_ALL_KIND, isOwnDiagnostic, shouldAskServer } from '../src/code-action-scope.js';
import { FIX_ALL_KIND as SERVER_FIX_ALL_KIND } from '../../lsp/src/capabilities.js';
import { DIAGNOSTIC_SOURCE } from '../../lsp/src/diagnostics.js';

describe('code action scope', () => {
  it('recognises the server\'s diagnostics and fix-all kind', () => {
    expect(FIX_ALL_KIND).toBe(SERVER_FIX_ALL_KIND);
    expect(isOwnDiagnostic({ source: DIAGNOSTIC_SOURCE })).toBe(true);
    expect(isOwnDiagnostic({ source: 'Pylance' })).toBe(false);
    expect(isOwnDiagnostic({})).toBe(false);
  });

  it('asks for the light bulb only where one of our diagnostics is', () => {
    expect(shouldAskServer(0, undefined)).toBe(false);
    expect(shouldAskServer(1, undefined)).toBe(true);
  });

  it('asks for quick fixes only with our diagnostics in range', () => {
    expect(shouldAskServer(0, 'quickfix')).toBe(false);
    expect(shouldAskServer(2, 'quickfix')).toBe(true);
  });

  it('asks for fix all by any kind that contains it, as editor.codeActionsOnSave and the Source Action menu do', () => {
    for (const only of ['source', 'source.fixAll', FIX_ALL_KIND, '']) expect(shouldAskServer(0, only)).toBe(true);
  });

  it('does not ask for kinds it does not offer', () => {
    for (const only of ['refactor', 'source.organizeImports', 'source.fixAll.eslint', 'quickfix.other']) expect(shouldAskServer(3, only)).toBe(false);
  });
});
