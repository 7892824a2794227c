// The server analyses a document incrementally (only the top-level functions an edit touched). After
// every edit of recorded edit sequences (typing in a task, decorators' secret_requests, a renamed
// constant, pasted blocks, syntax errors mid-typing, seeded random edits of every fixture), its
// diagnostics and its model must be those of a fresh analysis of the same text.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeTolerant, initParser, parsePython, ProjectIndex, summarizeModule } from '@flyte-secrets/core';
import { globSync } from 'tinyglobby';
import { taskFile } from '../../../bench/task-module.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { diagnosticsOf } from '../src/diagnostics.js';
import { PythonDocument } from '../src/documents.js';
import { lintDocument, type LintOptions } from '../src/lint.js';
import { resolveRuleConfig } from '../src/rule-config.js';
import { DEFAULT_SETTINGS } from '../src/settings.js';

beforeAll(() => initParser());

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** An edit as an editor sends it: replace `length` characters at `offset` with `text`. */
interface Edit {
  offset: number;
  length: number;
  text: string;
}

/** Replays edits on one document, comparing after each one the incremental analysis with a fresh one. */
class Replay {
  readonly document: PythonDocument;
  readonly modes = { full: 0, incremental: 0, irrelevant: 0 };
  #version = 1;
  readonly #options: LintOptions;

  constructor(
    readonly filePath: string,
    text: string,
  ) {
    this.document = new PythonDocument(`file://${filePath}`, 'python', 1, text);
    this.#options = {
      filePath,
      ruleConfig: resolveRuleConfig(DEFAULT_SETTINGS, undefined),
      loader: new ProjectIndex({ summarize: summarizeModule }),
      contextKey: 0,
      warnConfig: () => {},
      note: () => {},
    };
    this.check('open');
  }

  get text(): string {
    return this.document.text;
  }

  apply(edit: Edit, label: string): void {
    const { document } = this.document;
    const range = { start: document.positionAt(edit.offset), end: document.positionAt(edit.offset + edit.length) };
    this.document.update([{ range, text: edit.text }], ++this.#version);
    this.check(label);
  }

  /** Types `text` at `offset` one character at a time. */
  type(offset: number, text: string, label: string): void {
    [...text].forEach((char, i) => this.apply({ offset: offset + i, length: 0, text: char }, `${label}: typed ${JSON.stringify(text.slice(0, i + 1))}`));
  }

  /** Deletes `length` characters before `end` one at a time (backspace). */
  backspace(end: number, length: number, label: string): void {
    for (let i = 0; i < length; i++) this.apply({ offset: end - i - 1, length: 1, text: '' }, `${label}: backspace ${i + 1}`);
  }

  check(label: string): void {
    const result = lintDocument(this.document, this.#options);
    this.modes[this.document.analysis.lastMode]++;
    const fresh = new PythonDocument(this.document.uri, 'python', 1, this.text);
    const expected = lintDocument(fresh, this.#options);
    expect(diagnosticsOf(this.document.document, result), label).toStrictEqual(diagnosticsOf(fresh.document, expected));
    const tree = parsePython(this.text);
    try {
      const oneShot = analyzeTolerant(tree, this.text, { filePath: this.filePath, loader: this.#options.loader });
      expect(result.analysis.module, label).toStrictEqual(oneShot.analysis.module);
    } finally {
      tree.delete();
      fresh.dispose();
    }
  }
}

/** The offset just after `needle`, searched from the start of `after` (a function name). */
function offsetAfter(text: string, after: string, needle: string): number {
  const from = text.indexOf(after);
  const at = text.indexOf(needle, from);
  if (from < 0 || at < 0) throw new Error(`${needle} not found after ${after}`);
  return at + needle.length;
}

/** The text of `def name` with its decorators, up to the next top-level statement. */
function functionText(text: string, name: string): { start: number; end: number } {
  const def = text.indexOf(`def ${name}(`);
  const start = text.lastIndexOf('\n\n', text.lastIndexOf('@task(', def) > text.lastIndexOf('\n\n', def) ? text.lastIndexOf('@task(', def) : def) + 2;
  const next = text.slice(def).search(/\n(?=[^\s#])/);
  return { start, end: def + next + 1 };
}

function editSession(replay: Replay): void {
  // Typing a leak into a task, with the syntax errors of a half-typed line.
  replay.type(offsetAfter(replay.text, 'def load_4(', '    total = 0\n'), '    print(f"key {password}")\n', 'leak typed in load_4');
  // A secret request added to a decorator, then removed again with backspace.
  const listEnd = offsetAfter(replay.text, 'def helper_8(', 'key="token_1")');
  const extra = ', Secret(group="a", key="k")';
  replay.type(listEnd, extra, 'request added to load_8');
  replay.backspace(listEnd + extra.length, extra.length, 'request removed from load_8');
  // A task calls another task's helper, whose read comes back out of it, and logs it.
  replay.type(offsetAfter(replay.text, 'def load_12(', '    total = 0\n'), '    h = helper_0(rows)\n    print(h)\n', 'helper_0 called in load_12');
  // A helper's body edited: its read now leaks inside it, and every caller's flow changes.
  replay.type(offsetAfter(replay.text, 'def helper_0(', '-> str:\n'), '    print(rows)\n', 'helper_0 edited');
  // A constant others use is renamed, then renamed back.
  const constant = replay.text.indexOf('DB = "db"') + 2;
  replay.type(constant, 'X', 'DB renamed');
  replay.backspace(constant + 1, 1, 'DB renamed back');
  // A task pasted as a block between two tasks, then a block pasted into a task's body.
  const source = functionText(replay.text, 'load_4');
  const pasted = replay.text.slice(source.start, source.end).replace('def load_4(', 'def load_4_copy(');
  replay.apply({ offset: functionText(replay.text, 'load_6').start, length: 0, text: `${pasted}\n\n` }, 'load_4 pasted as load_4_copy');
  replay.apply({ offset: offsetAfter(replay.text, 'def load_16(', '    total = 0\n'), length: 0, text: '    key = ctx.secrets.get("archive", "key_16")\n    print(key)\n' }, 'block pasted into load_16');
  // A task's decorator deleted (it becomes a helper) and restored.
  const decorated = functionText(replay.text, 'load_20');
  const decorator = replay.text.slice(decorated.start, replay.text.indexOf('def load_20(', decorated.start));
  replay.apply({ offset: decorated.start, length: decorator.length, text: '' }, 'load_20 decorator deleted');
  replay.apply({ offset: decorated.start, length: 0, text: decorator }, 'load_20 decorator restored');
  // An import inside a task (it counts module-wide), then a direct read through it.
  replay.type(offsetAfter(replay.text, 'def load_18(', '    total = 0\n'), '    import os\n    print(os.environ["_FSEC_DB_PASSWORD"])\n', 'os imported in load_18');
  // The whole of a task deleted, then typed over a few characters in the next one.
  const removed = functionText(replay.text, 'load_22');
  replay.apply({ offset: removed.start, length: removed.end - removed.start, text: '' }, 'load_22 deleted');
  replay.type(offsetAfter(replay.text, 'def load_23(', '    rows = [day] * limit'), 'x', 'typed in load_23');
}

/** A small seeded generator, so that a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** Three analyses per edit, hundreds of edits: a loaded machine needs minutes. */
const REPLAY_TIMEOUT = 300_000;

const SNIPPETS = ['x', 'print(password)\n    ', ', Secret(group="g", key="k")', '"', '(', 'import os\n    ', 'return token\n', 'ctx.secrets.get("db", "password")', '\n'];

describe('incremental analysis in the language server', () => {
  for (const [name, secretEvery] of [
    ['dense (every task requests and reads secrets)', 1],
    ['typical (one task in four)', 4],
  ] as const) {
    it(`gives a fresh analysis's diagnostics and model after every edit: ${name}`, () => {
      const replay = new Replay(path.join(ROOT, 'bench/.work/incremental_tasks.py'), taskFile(640, secretEvery));
      editSession(replay);
      // Most edits are inside one function: those are analysed incrementally.
      expect(replay.modes.incremental).toBeGreaterThan(replay.modes.full);
    }, REPLAY_TIMEOUT);
  }

  it("gives a fresh analysis's diagnostics and model after seeded random edits of every fixture", () => {
    const files = globSync(['fixtures/{demo,model,realistic,multimodule,multimodule-heldout,no-leak-corpus,flyte2-store,heldout-flyte2-store}/**/*.py'], { cwd: ROOT, absolute: true });
    expect(files.length).toBeGreaterThan(30);
    const random = seeded(12);
    let incremental = 0;
    for (const file of files) {
      const replay = new Replay(file, readFileSync(file, 'utf8'));
      for (let step = 0; step < 6; step++) {
        const lines = [...replay.text.matchAll(/^[ \t]+\S/gm)].map((match) => match.index + match[0].length - 1);
        if (!lines.length) break;
        const at = lines[Math.floor(random() * lines.length)]!;
        const snippet = SNIPPETS[Math.floor(random() * SNIPPETS.length)]!;
        const label = `${path.relative(ROOT, file)} step ${step}`;
        if (random() < 0.7) {
          replay.type(at, snippet, label);
          if (random() < 0.5) replay.backspace(at + snippet.length, snippet.length, label);
        } else {
          // A pasted or deleted line.
          const lineEnd = replay.text.indexOf('\n', at) + 1;
          if (random() < 0.5) replay.apply({ offset: at, length: lineEnd - at, text: '' }, `${label}: line deleted`);
          else replay.apply({ offset: lineEnd, length: 0, text: replay.text.slice(at - (at - replay.text.lastIndexOf('\n', at) - 1), lineEnd) }, `${label}: line pasted`);
        }
      }
      incremental += replay.modes.incremental;
    }
    expect(incremental).toBeGreaterThan(0);
  }, REPLAY_TIMEOUT);
});
