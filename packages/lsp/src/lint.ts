// Runs the rules on one open document: reparse (incremental), tolerant analysis, the rules the
// configuration turns on, then ESLint's inline directives. Pure with respect to the LSP: positions
// stay offsets until diagnostics are built.
import {
  analyzeTolerant,
  findDirectiveComments,
  formatMessage,
  loadConfig,
  outsideSyntaxErrors,
  rules,
  type CoreRule,
  type FileAnalysis,
  type FlyteSecretsConfig,
  type Finding,
  type ModuleLoader,
} from '@flyte-secrets/core';
import { parseDirectives, type UnusedDirective } from './directives.js';
import type { PythonDocument } from './documents.js';
import type { RuleConfig, RuleSetting } from './rule-config.js';
import type { Severity } from './settings.js';

export interface LintedFinding {
  rule: CoreRule;
  /** `@flyte-secrets/<rule>` (or the flat config's prefix). */
  ruleId: string;
  severity: Exclude<Severity, 'off'>;
  message: string;
  finding: Finding;
}

export interface LintResult {
  version: number;
  findings: LintedFinding[];
  /** `# eslint-disable` comments that silence nothing (reported unless the config turns that off). */
  unusedDirectives: (UnusedDirective & { severity: 'warn' | 'error' })[];
  analysis: FileAnalysis;
  /** The configuration the rules ran with (`[tool.flyte-secrets]` and the overrides). */
  config: FlyteSecretsConfig;
}

export interface LintOptions {
  filePath: string | undefined;
  ruleConfig: RuleConfig;
  loader: ModuleLoader | undefined;
  /** Changes when what the document imports may have changed: its next analysis is a full one. */
  contextKey: number;
  /** Problems with the configuration (pyproject.toml), each naming its file: shown to the user. */
  warnConfig: (message: string) => void;
  /** Other problems (unreadable imports, a failing rule, the inventory's bad files): logged. */
  note: (message: string) => void;
}

const BY_ESLINT_LEVEL: Record<number, Exclude<Severity, 'off'> | undefined> = { 1: 'warn', 2: 'error' };

/** `# eslint <rule>: "warn"` comments turn rules on, off or to another severity for the file. */
function withInlineSeverities(active: RuleSetting[], inline: Map<string, number>, prefix: string): RuleSetting[] {
  if (!inline.size) return active;
  const result = new Map(active.map((setting) => [setting.rule.name, setting]));
  for (const rule of Object.values(rules)) {
    if (!rule.meta.languages.includes('python')) continue;
    const level = inline.get(`${prefix}/${rule.name}`);
    if (level === undefined) continue;
    const severity = BY_ESLINT_LEVEL[level];
    if (!severity) result.delete(rule.name);
    else result.set(rule.name, { rule, severity, options: result.get(rule.name)?.options ?? rule.meta.defaultOptions });
  }
  return [...result.values()];
}

export function lintDocument(document: PythonDocument, options: LintOptions): LintResult {
  const { ruleConfig, note } = options;
  const text = document.text;
  const tree = document.tree();
  const { analysis, syntaxErrors } = analyzeTolerant(tree, text, {
    filePath: options.filePath,
    loader: options.loader,
    credentialCache: document.credentialCache,
    incremental: document.analysis,
    contextKey: options.contextKey,
  });
  for (const warning of analysis.module.warnings) note(warning);
  const findings: LintedFinding[] = [];
  const loaded = loadConfig(options.filePath, ruleConfig.config);
  for (const warning of loaded.warnings) options.warnConfig(warning);
  const directives = ruleConfig.noInlineConfig
    ? undefined
    : parseDirectives(findDirectiveComments(tree, text), (offset, delta) =>
        document.document.offsetAt({ line: document.document.positionAt(offset).line + delta, character: 0 }),
      );
  const active = directives ? withInlineSeverities(ruleConfig.active, directives.ruleSeverities, ruleConfig.prefix) : ruleConfig.active;
  for (const { rule, severity, options: ruleOptions } of active) {
    let reported: Finding[];
    try {
      reported = rule.check({ analysis, config: loaded.config, options: ruleOptions, warn: note });
    } catch (error) {
      note(`rule ${rule.name} failed on ${options.filePath ?? document.uri} (${(error as Error).message}); its findings are missing`);
      continue;
    }
    const ruleId = `${ruleConfig.prefix}/${rule.name}`;
    for (const finding of outsideSyntaxErrors(reported, syntaxErrors)) {
      if (directives?.disabled(ruleId, finding.span.start)) continue;
      const template = rule.meta.messages[finding.messageId] ?? finding.messageId;
      findings.push({ rule, ruleId, severity, message: formatMessage(template, finding.data), finding });
    }
  }
  // ESLint orders by position, then by rule (its registry is alphabetical).
  findings.sort((a, b) => a.finding.span.start - b.finding.span.start || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  const report = ruleConfig.reportUnusedDisableDirectives;
  // As ESLint, which reports nothing else for a file that does not parse.
  const unusedDirectives = directives && report !== 'off' && !syntaxErrors.length ? directives.unused(text).map((unused) => ({ ...unused, severity: report })) : [];
  return { version: document.version, findings, unusedDirectives, analysis, config: loaded.config };
}
