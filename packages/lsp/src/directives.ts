// ESLint's inline comments, with ESLint's meaning, over the `# eslint...` comments that core finds
// in Python: `eslint-disable-line`, `eslint-disable-next-line`, `eslint-disable`/`eslint-enable`
// (with or without rule lists), and `# eslint <rule>: "off"` rule configuration.
import { ConfigCommentParser } from '@eslint/plugin-kit';
import type { DirectiveComment, Span } from '@flyte-secrets/core';

const parser = new ConfigCommentParser();

interface LineDirective {
  line: number;
  /** Undefined: every rule. */
  rules: Set<string> | undefined;
}

interface BlockDirective {
  offset: number;
  disable: boolean;
  rules: Set<string> | undefined;
}

export interface InlineDirectives {
  /** True when a finding of `ruleId` starting at `offset` (on `line`, 0-based) is silenced. */
  disabled(ruleId: string, offset: number, line: number): boolean;
  /** `# eslint <rule>: <severity>` settings for the whole file, by rule id. */
  ruleSeverities: Map<string, number>;
}

const covers = (rules: Set<string> | undefined, ruleId: string) => rules === undefined || rules.has(ruleId);

function ruleList(value: string): Set<string> | undefined {
  const names = Object.keys(parser.parseListConfig(value));
  return names.length ? new Set(names) : undefined;
}

const SEVERITY_WORDS: Record<string, number> = { off: 0, warn: 1, error: 2 };

/** Parses directive comments; `lineOf` maps an offset to its 0-based line. */
export function parseDirectives(comments: DirectiveComment[], lineOf: (offset: number) => number): InlineDirectives {
  const lines: LineDirective[] = [];
  const blocks: BlockDirective[] = [];
  const ruleSeverities = new Map<string, number>();
  for (const comment of comments) {
    const directive = parser.parseDirective(comment.value);
    if (!directive) continue;
    const { label, value } = directive;
    const span: Span = comment.span;
    switch (label) {
      case 'eslint-disable-line':
        lines.push({ line: lineOf(span.start), rules: ruleList(value) });
        break;
      case 'eslint-disable-next-line':
        lines.push({ line: lineOf(span.end) + 1, rules: ruleList(value) });
        break;
      case 'eslint-disable':
      case 'eslint-enable':
        blocks.push({ offset: span.start, disable: label === 'eslint-disable', rules: ruleList(value) });
        break;
      case 'eslint': {
        const parsed = parser.parseJSONLikeConfig(value);
        if (!parsed.ok) break;
        for (const [ruleId, setting] of Object.entries(parsed.config)) {
          const level = Array.isArray(setting) ? setting[0] : setting;
          const severity = typeof level === 'number' ? level : SEVERITY_WORDS[String(level)];
          if (severity !== undefined) ruleSeverities.set(ruleId, severity);
        }
        break;
      }
      default:
        break;
    }
  }
  return {
    ruleSeverities,
    disabled(ruleId, offset, line) {
      if (lines.some((directive) => directive.line === line && covers(directive.rules, ruleId))) return true;
      // ESLint's block semantics: replay the disable/enable comments before the finding in order.
      let all = false;
      const disabledRules = new Set<string>();
      const enabledRules = new Set<string>();
      for (const directive of blocks) {
        if (directive.offset > offset) break;
        if (directive.disable) {
          if (!directive.rules) {
            all = true;
            enabledRules.clear();
          } else if (all) {
            for (const rule of directive.rules) enabledRules.delete(rule);
          } else {
            for (const rule of directive.rules) disabledRules.add(rule);
          }
        } else if (!directive.rules) {
          all = false;
          disabledRules.clear();
        } else if (all) {
          for (const rule of directive.rules) enabledRules.add(rule);
        } else {
          for (const rule of directive.rules) disabledRules.delete(rule);
        }
      }
      return (all && !enabledRules.has(ruleId)) || disabledRules.has(ruleId);
    },
  };
}
