// Where the Python files of the workspace name a secret: the requests and reads of every module,
// cached per file by the hash of its text and of the modules it imports. Find-references answers from here. Modules are found,
// read (buffers over disk) and their imports resolved by the server's project index.
import { analyzeModule, isRelevantModule, namePart, outsideSyntaxErrors, parsePython, secretUses, syntaxErrorSpans, withParserRecovery, type ProjectIndex } from '@flyte-secrets/core';
import { pathToFileURL } from 'node:url';
import type { Location, Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toRange } from './positions.js';

interface Use {
  group: string | null | undefined;
  key: string | null | undefined;
  /** The group and key arguments as written, or the whole call when an argument is not there. */
  groupRange: Range;
  keyRange: Range;
}

export interface SecretQuery {
  group: string | null;
  /** Undefined: any key of the group. */
  key?: string | null;
}

export class WorkspaceUses {
  readonly #files = new Map<string, { hash: string; imports: string; uses: Use[] }>();

  constructor(private readonly index: ProjectIndex) {}

  /** The places in the folders' Python files that name the secret (`key` undefined: any key of the group). */
  async find(folders: readonly string[], query: SecretQuery): Promise<Location[]> {
    const locations: Location[] = [];
    for (const folder of folders) {
      for (const file of this.index.modules(folder)) {
        for (const use of this.#usesOf(file)) {
          if (use.group !== query.group) continue;
          if (query.key === undefined) locations.push({ uri: pathToFileURL(file).href, range: use.groupRange });
          else if (use.key === query.key) locations.push({ uri: pathToFileURL(file).href, range: use.keyRange });
        }
      }
    }
    return locations;
  }

  #usesOf(file: string): Use[] {
    const current = this.index.text(file);
    if (!current) return [];
    const cached = this.#files.get(file);
    // The same text names other secrets when a module it imports changed (`GROUP = "db"` became "db2").
    if (cached?.hash === current.hash && cached.imports === this.index.importsHash(file)) return cached.uses;
    let uses: Use[] = [];
    try {
      if (isRelevantModule(current.text)) uses = withParserRecovery(() => this.#analyze(file, current.text));
    } catch {
      uses = []; // unparsable: nothing to find there
    }
    this.#files.set(file, { hash: current.hash, imports: this.index.importsHash(file), uses });
    return uses;
  }

  #analyze(file: string, text: string): Use[] {
    const tree = parsePython(text);
    try {
      // The module model only: references need neither the credential scan nor the rules' view of syntax errors.
      const model = analyzeModule(tree.rootNode, text, { filePath: file, loader: this.index.loaderFor(file) });
      const document = TextDocument.create(pathToFileURL(file).href, 'python', 0, text);
      return outsideSyntaxErrors(secretUses(model), syntaxErrorSpans(tree)).map((use) => ({
        group: namePart(use.group),
        key: namePart(use.key),
        groupRange: toRange(document, use.group?.span ?? use.span),
        keyRange: toRange(document, use.key?.span ?? use.span),
      }));
    } finally {
      tree.delete();
    }
  }
}
