// `# eslint-disable...` comments in Python: finding them in a module, and the edits that add one.
// What a directive means (which lines it covers) is ESLint's business; here is only where Python
// puts comments, which ESLint, the language server and their tests must agree on.
import type { Span } from '../model/types.js';
import type { TextEdit } from '../rules/types.js';
import type { SyntaxNode, SyntaxTree } from './parser.js';

export interface DirectiveComment {
  /** The whole comment, `#` included. */
  span: Span;
  /** The text after `#` (what ESLint's directive parser reads). */
  value: string;
}

/** `# eslint-disable...`, `# eslint-enable`, `# eslint rule: "off"`. */
const DIRECTIVE = /#\s*eslint(?:-enable|-disable(?:-next-line|-line)?)?(?=\s|$)/g;

/** False when the text holds no directive comment (decided without parsing). */
export function mayHoldDirectives(text: string): boolean {
  return text.includes('eslint') && /#\s*eslint/.test(text);
}

/** The comments of a module that look like ESLint directives (not `#` inside strings). */
export function findDirectiveComments(tree: SyntaxTree, text: string): DirectiveComment[] {
  const comments: DirectiveComment[] = [];
  for (const match of text.matchAll(DIRECTIVE)) {
    const node = tree.rootNode.descendantForIndex(match.index, match.index + 1);
    if (node?.type !== 'comment' || node.startIndex !== match.index) continue;
    comments.push({ span: { start: node.startIndex, end: node.endIndex }, value: text.slice(node.startIndex + 1, node.endIndex) });
  }
  return comments;
}

function lineStartAt(text: string, offset: number): number {
  return Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
}

function lineEndAt(text: string, offset: number): number {
  const match = /\r\n|[\r\n]/.exec(text.slice(offset));
  return match ? offset + match.index : text.length;
}

function newlineOf(text: string): string {
  return /\r\n|[\r\n]/.exec(text)?.[0] ?? '\n';
}

/** The rule list of a directive line (`# eslint-disable-next-line a, b -- why`): where to append. */
function appendPoint(line: string, label: string): number | undefined {
  const match = new RegExp(`^\\s*#\\s*${label}\\s+(.*?)\\s*(?:\\s--\\s.*)?$`).exec(line);
  if (!match || !match[1]) return undefined; // no list: it already disables every rule
  return match[0].indexOf(match[1]) + match[1].length;
}

/** The previous line's bounds (without its line break), if any. */
function previousLine(text: string, lineStart: number): Span | undefined {
  if (lineStart === 0) return undefined;
  const end = text.startsWith('\r\n', lineStart - 2) ? lineStart - 2 : lineStart - 1;
  return { start: lineStartAt(text, end), end };
}

/** True when a string literal or comment starts before `index` and goes on past it. */
function insideToken(root: SyntaxNode, index: number): boolean {
  for (let node: SyntaxNode | null = root.descendantForIndex(index); node; node = node.parent) {
    if (node.type === 'string' || node.type === 'comment') return node.startIndex < index && node.endIndex > index;
  }
  return false;
}

/**
 * The edit that silences `ruleId` for the line holding `offset`: an
 * `# eslint-disable-next-line <rule>` line above it with the line's indentation (added to the
 * list of one that is already there), or, where a comment line cannot go (the line continues a
 * multi-line string or a backslash-continued line), `# eslint-disable-line <rule>` at its end.
 * Undefined when neither fits.
 */
export function disableLineEdit(tree: SyntaxTree, text: string, offset: number, ruleId: string): TextEdit | undefined {
  const root = tree.rootNode;
  const start = lineStartAt(text, offset);
  const end = lineEndAt(text, start);
  const previous = previousLine(text, start);
  const continuation = previous !== undefined && text[previous.end - 1] === '\\' && !insideToken(root, previous.end - 1);
  if (!continuation && !insideToken(root, start)) {
    const at = previous && appendPoint(text.slice(previous.start, previous.end), 'eslint-disable-next-line');
    if (previous && at !== undefined) return { span: { start: previous.start + at, end: previous.start + at }, text: `, ${ruleId}` };
    const indent = /^[ \t]*/.exec(text.slice(start, end))![0];
    return { span: { start, end: start }, text: `${indent}# eslint-disable-next-line ${ruleId}${newlineOf(text)}` };
  }
  const endsInComment = end > start && root.descendantForIndex(end - 1)?.type === 'comment';
  if (text[end - 1] === '\\' || endsInComment || insideToken(root, end)) return undefined;
  return { span: { start: end, end }, text: `  # eslint-disable-line ${ruleId}` };
}

/** Leading lines that must stay first: a shebang and a PEP 263 encoding declaration. */
const HEADER_LINE = /^(?:#!.*|[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+.*)$/;

/**
 * The edit that silences `ruleId` in the whole file: `# eslint-disable <rule>` at the top, after
 * a shebang or encoding line, or added to such a comment already there before the code starts.
 */
export function disableFileEdit(text: string, ruleId: string): TextEdit {
  const newline = newlineOf(text);
  let insertAt = 0;
  let offset = 0;
  let lineNumber = 0;
  while (offset < text.length) {
    const end = lineEndAt(text, offset);
    const line = text.slice(offset, end);
    const next = end + (text.startsWith('\r\n', end) ? 2 : end < text.length ? 1 : 0);
    if (!/^\s*(?:#.*)?$/.test(line)) break; // code starts
    const at = appendPoint(line, 'eslint-disable');
    if (at !== undefined) return { span: { start: offset + at, end: offset + at }, text: `, ${ruleId}` };
    if (lineNumber < 2 && HEADER_LINE.test(line) && insertAt === offset) insertAt = next;
    lineNumber++;
    offset = next;
  }
  const atEnd = insertAt === text.length && text.length > 0 && !/[\r\n]$/.test(text);
  return { span: { start: insertAt, end: insertAt }, text: `${atEnd ? newline : ''}# eslint-disable ${ruleId}${newline}` };
}

/**
 * The edit that removes a comment: its whole line when nothing else is on it, else the comment
 * and the blanks before it.
 */
export function removeCommentEdit(text: string, span: Span): TextEdit {
  const start = lineStartAt(text, span.start);
  const end = lineEndAt(text, span.end);
  if (/^[ \t]*$/.test(text.slice(start, span.start)) && /^[ \t]*$/.test(text.slice(span.end, end))) {
    const next = text.startsWith('\r\n', end) ? end + 2 : end < text.length ? end + 1 : end;
    return { span: { start, end: next }, text: '' };
  }
  const blanks = /[ \t]*$/.exec(text.slice(start, span.start))![0].length;
  return { span: { start: span.start - blanks, end: span.end }, text: '' };
}
