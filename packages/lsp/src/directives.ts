// ESLint's inline comments, with ESLint's meaning, over the `# eslint...` comments that core finds
// in Python: `eslint-disable-line`, `eslint-disable-next-line`, `eslint-disable`/`eslint-enable`
// (with or without rule lists), `# eslint <rule>: "off"`, and the report of disable comments that
// silence nothing (ESLint's `reportUnusedDisableDirectives`, on by default). The replay of
// directives follows ESLint's lib/linter/apply-disable-directives.js.
import { ConfigCommentParser } from '@eslint/plugin-kit';
import { removeCommentEdit, type DirectiveComment, type Span, type TextEdit } from '@flyte-secrets/core';

const parser = new ConfigCommentParser();

/** One rule (or all rules: `ruleId` null) of one comment, as a disable or enable at a position. */
interface Directive {
  type: 'disable' | 'enable';
  offset: number;
  ruleId: string | null;
  comment: ParsedComment;
}

interface ParsedComment {
  span: Span;
  /** The comment's rule list as written, and where it starts in the file. */
  list: { text: string; start: number };
  ruleIds: string[];
  used: Set<string | null>;
}

export interface UnusedDirective {
  span: Span;
  message: string;
  removal: TextEdit;
}

export interface InlineDirectives {
  /** True when a finding of `ruleId` starting at `offset` is silenced (and marks the comment used). */
  disabled(ruleId: string, offset: number): boolean;
  /** `# eslint <rule>: <severity>` settings for the whole file, by rule id (0, 1 or 2). */
  ruleSeverities: Map<string, number>;
  /** Disable comments (or rules in them) that silenced nothing; call after every `disabled`. */
  unused(text: string): UnusedDirective[];
}

const SEVERITY_WORDS: Record<string, number> = { off: 0, warn: 1, error: 2 };

/** Parses directive comments; `lineStart(offset, delta)` is the offset of the line `delta` lines after `offset`'s. */
export function parseDirectives(comments: DirectiveComment[], lineStart: (offset: number, delta: number) => number): InlineDirectives {
  const directives: Directive[] = [];
  const parsed: ParsedComment[] = [];
  const ruleSeverities = new Map<string, number>();
  for (const { span, value } of comments) {
    const directive = parser.parseDirective(value);
    if (!directive) continue;
    const { label } = directive;
    if (label === 'eslint') {
      const config = parser.parseJSONLikeConfig(directive.value);
      if (!config.ok) continue;
      for (const [ruleId, setting] of Object.entries(config.config)) {
        const level = Array.isArray(setting) ? setting[0] : setting;
        const severity = typeof level === 'number' ? level : SEVERITY_WORDS[String(level)];
        if (severity !== undefined) ruleSeverities.set(ruleId, severity);
      }
      continue;
    }
    if (!['eslint-disable', 'eslint-enable', 'eslint-disable-line', 'eslint-disable-next-line'].includes(label)) continue;
    const ruleIds = Object.keys(parser.parseListConfig(directive.value));
    const listText = directive.value.trim();
    const comment: ParsedComment = { span, list: { text: listText, start: span.start + 1 + value.indexOf(listText, value.indexOf(label) + label.length) }, ruleIds, used: new Set() };
    parsed.push(comment);
    const add = (type: Directive['type'], offset: number) => {
      for (const ruleId of ruleIds.length ? ruleIds : [null]) directives.push({ type, offset, ruleId, comment });
    };
    if (label === 'eslint-disable' || label === 'eslint-enable') add(label === 'eslint-disable' ? 'disable' : 'enable', span.start);
    else {
      const line = label === 'eslint-disable-line' ? 0 : 1;
      add('disable', lineStart(span.start, line));
      add('enable', lineStart(span.start, line + 1));
    }
  }
  directives.sort((a, b) => a.offset - b.offset);

  return {
    ruleSeverities,
    disabled(ruleId, offset) {
      let active: Directive[] = [];
      for (const directive of directives) {
        if (directive.offset > offset) break;
        if (directive.ruleId !== null && directive.ruleId !== ruleId) continue;
        if (directive.type === 'disable') active.push(directive);
        else active = [];
      }
      const last = active.at(-1);
      last?.comment.used.add(last.ruleId);
      return last !== undefined;
    },
    unused(text) {
      const reports: UnusedDirective[] = [];
      for (const comment of parsed) {
        const disables = directives.filter((d) => d.comment === comment && d.type === 'disable' && !comment.used.has(d.ruleId));
        if (!disables.length) continue;
        const ruleIds = disables.map((d) => d.ruleId).filter((id): id is string => id !== null);
        if (ruleIds.length < comment.ruleIds.length) {
          for (const ruleId of ruleIds) {
            reports.push({ span: comment.span, message: unusedMessage([ruleId]), removal: removeFromList(comment, ruleId) });
          }
        } else {
          reports.push({ span: comment.span, message: unusedMessage(ruleIds), removal: removeCommentEdit(text, comment.span) });
        }
      }
      return reports;
    },
  };
}

function unusedMessage(ruleIds: string[]): string {
  const quoted = ruleIds.map((id) => `'${id}'`);
  if (!quoted.length) return 'Unused eslint-disable directive (no problems were reported).';
  const description = quoted.length <= 2 ? quoted.join(' or ') : `${quoted.slice(0, -1).join(', ')}, or ${quoted.at(-1)}`;
  return `Unused eslint-disable directive (no problems were reported from ${description}).`;
}

/** Removes one rule and a comma from a comment's rule list, as ESLint's fix does. */
function removeFromList(comment: ParsedComment, ruleId: string): TextEdit {
  const escaped = ruleId.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const match = new RegExp(`(?:^|\\s*,\\s*)(['"]?)${escaped}\\1(?:\\s*,\\s*|$)`, 'u').exec(comment.list.text)!;
  const first = match[0].indexOf(',');
  const last = match[0].lastIndexOf(',');
  const start = comment.list.start + match.index;
  const span = first !== last ? { start: start + first, end: start + last } : { start, end: start + match[0].length };
  return { span, text: '' };
}
