// Where the Python files of the workspace name a secret: the requests and reads of every module,
// cached per file until it changes. Find-references answers from here.
import { analyzeModule, FileModuleLoader, isRelevantModule, namePart, outsideSyntaxErrors, parsePython, secretUses, summarizeModule, syntaxErrorSpans, withParserRecovery } from '@flyte-secrets/core';
import { readFileSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { glob } from 'tinyglobby';
import type { Location, Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toRange } from './positions.js';

/** Folders that hold installed or generated code, not the project's own. */
const IGNORED = ['**/node_modules/**', '**/.git/**', '**/.venv/**', '**/venv/**', '**/site-packages/**', '**/__pycache__/**', '**/.tox/**', '**/build/**', '**/dist/**'];
const MAX_FILE_BYTES = 1024 * 1024;

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
  readonly #files = new Map<string, { stamp: string; uses: Use[] }>();
  readonly #loader: FileModuleLoader;

  constructor(private readonly overlay: (filePath: string) => { text: string; version: number } | undefined) {
    this.#loader = new FileModuleLoader(summarizeModule, (filePath) => overlay(filePath)?.text);
  }

  /** The places in the folders' Python files that name the secret (`key` undefined: any key of the group). */
  async find(folders: readonly string[], query: SecretQuery): Promise<Location[]> {
    const locations: Location[] = [];
    for (const folder of folders) {
      const files = await glob(['**/*.py', '**/*.pyi'], { cwd: folder, ignore: IGNORED, absolute: true, followSymbolicLinks: false });
      for (const file of files.sort()) {
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
    const open = this.overlay(file);
    let stamp: string;
    let text: string | undefined = open?.text;
    if (open) stamp = `open:${open.version}`;
    else {
      try {
        const stat = statSync(file);
        if (stat.size > MAX_FILE_BYTES) return [];
        stamp = `${stat.mtimeMs}:${stat.size}`;
      } catch {
        return [];
      }
    }
    const cached = this.#files.get(file);
    if (cached?.stamp === stamp) return cached.uses;
    let uses: Use[] = [];
    try {
      text ??= readFileSync(file, 'utf8');
      if (isRelevantModule(text) && !text.includes('\u0000')) uses = withParserRecovery(() => this.#analyze(file, text!));
    } catch {
      uses = []; // unreadable: nothing to find there
    }
    this.#files.set(file, { stamp, uses });
    return uses;
  }

  #analyze(file: string, text: string): Use[] {
    const tree = parsePython(text);
    try {
      // The module model only: references need neither the credential scan nor the rules' view of syntax errors.
      const model = analyzeModule(tree.rootNode, text, { filePath: file, loader: this.#loader });
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
