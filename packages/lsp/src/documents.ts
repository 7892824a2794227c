// Open Python documents: the text (LSP incremental sync) and the tree-sitter tree, kept in step so
// each change is reparsed incrementally. Trees live in wasm memory and are freed explicitly.
import { CredentialScanCache, editTree, IncrementalAnalysis, isTreeAlive, parsePython, type SyntaxTree } from '@flyte-secrets/core';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';

export class PythonDocument {
  #document: TextDocument;
  /** The tree of the last parse, `edit`ed with every change since (or undefined: parse afresh). */
  #tree: SyntaxTree | undefined;
  /** The version `#tree` was parsed from, when no change came after. */
  #treeVersion: number | undefined;
  /** Credential findings of the statements an edit did not touch. */
  readonly credentialCache = new CredentialScanCache();
  /** The model's parts of the statements an edit did not touch. */
  readonly analysis = new IncrementalAnalysis();

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
      // TextDocument.update changes the document in place: read the old text and offsets first.
      const oldText = this.#document.getText();
      const range = 'range' in change ? change.range : undefined;
      const start = range ? this.#document.offsetAt(range.start) : 0;
      const oldEnd = range ? this.#document.offsetAt(range.end) : 0;
      this.#document = TextDocument.update(this.#document, [change], version);
      if (!range || !this.#tree) this.#dropTree();
      else editTree(this.#tree, oldText, this.#document.getText(), start, oldEnd, start + change.text.length);
    }
    this.#treeVersion = undefined;
  }

  /** The tree of the current text, reparsed incrementally from the previous one. Owned by the document. */
  tree(): SyntaxTree {
    if (this.#tree && !isTreeAlive(this.#tree)) this.#dropTree(); // a parser restore (another file's trap) ended it
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
