// The project index's pre-filter: the summary of a module whose text binds no name (an empty
// `__init__.py`, a file of comments, a docstring) is empty, and is known without a parse.
// Conservative by construction (anything else is parsed) and checked against the parsed summary
// over every fixture and the standard library (tests/project/summary-filter.test.ts). A module
// with no secret anchor is still parsed when imported: its constants (`GROUP = "db"`), the sinks
// its helpers pass parameters to, and its calls into the project all reach findings elsewhere.
import type { ModuleSummary } from '../model/module-loader.js';

/** One plain string literal (a docstring) and nothing after it; comment lines are removed first. */
const DOCSTRING = /^[rRuU]?(?:"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""|'''(?:[^'\\]|\\[\s\S]|'(?!''))*'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')$/;
/** Longer texts are parsed: a module that binds no name is short. */
const MAX_CHARS = 64 * 1024;

/** The summary of a module that binds no name, or undefined when the text must be parsed to know. */
export function summaryWithoutParse(filePath: string, text: string): ModuleSummary | undefined {
  if (text.length > MAX_CHARS) return undefined;
  // Whole-line comments go first (a `#` inside the docstring stays: only lines that start with one go).
  const code = text
    .split('\n')
    .filter((line) => !/^[ \t\r]*(?:#.*)?$/.test(line))
    .join('\n')
    .trim();
  if (code && !DOCSTRING.test(code)) return undefined;
  return { path: filePath, constants: new Map(), secrets: new Map(), reexports: new Map(), defined: new Set(), stars: [], units: new Map() };
}
