// Which rules run on a file, at which severity and with which options: the ESLint flat config when
// one applies to the file, else each rule's recommended severity; the editor's
// `flyteSecrets.rules` over either.
import { PLUGIN_NAMESPACE, rules, type CoreRule } from '@flyte-secrets/core';
import type { FlatConfigResult } from './flat-config.js';
import type { Settings, Severity } from './settings.js';

export interface RuleSetting {
  rule: CoreRule;
  severity: Exclude<Severity, 'off'>;
  options: unknown[];
}

export interface RuleConfig {
  /** The rules that run. */
  active: RuleSetting[];
  /** The prefix of rule ids in diagnostics and `# eslint-disable` comments. */
  prefix: string;
  /** Overrides of `[tool.flyte-secrets]`: the flat config's `settings["@flyte-secrets"]`, then the editor's. */
  config: Record<string, unknown>;
  noInlineConfig: boolean;
  reportUnusedDisableDirectives: 'off' | 'warn' | 'error';
  /** Where the rule choice came from, for the log. */
  origin: string;
}

const ESLINT_SEVERITIES: Record<number, Severity> = { 0: 'off', 1: 'warn', 2: 'error' };

/** Accepts `no-undeclared-secret` and `<prefix>/no-undeclared-secret`. */
function editorSeverity(settings: Settings, name: string, prefix: string): Severity | undefined {
  return settings.rules[`${prefix}/${name}`] ?? settings.rules[`${PLUGIN_NAMESPACE}/${name}`] ?? settings.rules[name];
}

export function resolveRuleConfig(settings: Settings, flat: FlatConfigResult | undefined): RuleConfig {
  const prefix = flat?.prefix ?? PLUGIN_NAMESPACE;
  const active: RuleSetting[] = [];
  for (const rule of Object.values(rules)) {
    if (!rule.meta.languages.includes('python') || flat?.ignored) continue;
    const entry = flat?.rules.get(rule.name);
    const base: Severity = flat ? ESLINT_SEVERITIES[entry?.[0] ?? 0] ?? 'off' : rule.meta.recommended || 'off';
    const severity = editorSeverity(settings, rule.name, prefix) ?? base;
    if (severity === 'off') continue;
    const options = entry && entry.length > 1 ? entry.slice(1) : rule.meta.defaultOptions;
    active.push({ rule, severity, options });
  }
  return {
    active,
    prefix,
    config: { ...flat?.settings, ...settings.config },
    noInlineConfig: flat?.noInlineConfig ?? false,
    reportUnusedDisableDirectives: flat?.reportUnusedDisableDirectives ?? 'warn',
    origin: flat ? flat.file : 'the recommended rules',
  };
}
