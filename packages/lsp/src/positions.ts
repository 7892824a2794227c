// Core speaks UTF-16 offsets into the text; LSP speaks line/character (UTF-16 too).
import type { Span, TextEdit as CoreTextEdit } from '@flyte-secrets/core';
import type { Range, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export function toRange(document: TextDocument, span: Span): Range {
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
}

export function toTextEdits(document: TextDocument, edits: CoreTextEdit[]): TextEdit[] {
  return edits.map((edit) => ({ range: toRange(document, edit.span), newText: edit.text }));
}

/** True when two ranges share a position (an empty range touching another counts). */
export function rangesTouch(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
