// Open Python documents: the text (LSP incremental sync) and the tree-sitter tree, kept in step so
// each change is reparsed incrementally. Trees live in wasm memory and are freed explicitly.
import { editTree, parsePython, type SyntaxTree } from '@flyte-secrets/core';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';

export class PythonDocument {
  #document: TextDocument;
  /** The tree of the last parse, `edit`ed with every change since (or undefined: parse afresh). */
  #tree: SyntaxTree | undefined;
  /** The version `#tree` was parsed from, when no change came after. */
  #treeVersion: number | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    version: number,
    text: string,
  ) {
    this.#document = TextDocument.create(uri, languageId, version, text);
  }

  get document(): TextDocument {
    return this.#document;
  }

  get version(): number {
    return this.#document.version;
  }

  get text(): string {
    return this.#document.getText();
  }

  /** Applies LSP changes in order, telling the tree about each range change. */
  update(changes: TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      const before = this.#document;
      this.#document = TextDocument.update(before, [change], version);
      if (!('range' in change) || !this.#tree) {
        this.#dropTree();
        continue;
      }
      const start = before.offsetAt(change.range.start);
      const oldEnd = before.offsetAt(change.range.end);
      editTree(this.#tree, before.getText(), this.#document.getText(), start, oldEnd, start + change.text.length);
    }
    this.#treeVersion = undefined;
  }

  /** The tree of the current text, reparsed incrementally from the previous one. Owned by the document. */
  tree(): SyntaxTree {
    if (this.#tree && this.#treeVersion === this.version) return this.#tree;
    const next = parsePython(this.text, this.#tree);
    this.#dropTree();
    this.#tree = next;
    this.#treeVersion = this.version;
    return next;
  }

  dispose(): void {
    this.#dropTree();
  }

  #dropTree(): void {
    this.#tree?.delete();
    this.#tree = undefined;
    this.#treeVersion = undefined;
  }
}
