// The editor-independent shape of a rule: ESLint and the language server both adapt this.
import type { FlyteSecretsConfig } from '../config/config.js';
import type { FileAnalysis } from '../analysis.js';
import type { Span } from '../model/types.js';

export interface TextEdit {
  span: Span;
  text: string;
}

export interface Suggestion {
  messageId: string;
  data?: Record<string, string>;
  edits: TextEdit[];
}

export interface Finding {
  messageId: string;
  data?: Record<string, string>;
  span: Span;
  /** An autofix (ESLint `--fix`, the editor's fix-all). */
  fix?: TextEdit[];
  /** Fixes offered for a human to choose. */
  suggestions?: Suggestion[];
}

export type RuleLanguage = 'python' | 'javascript';

export interface RuleMeta {
  type: 'problem' | 'suggestion';
  description: string;
  /** Severity in `configs.recommended`: errors for what fails at run time, warnings for the rest. */
  recommended: 'error' | 'warn' | false;
  messages: Record<string, string>;
  fixable?: 'code';
  hasSuggestions?: boolean;
  /** JSON schema of the rule's options (ESLint's `meta.schema`). */
  schema: unknown[];
  defaultOptions: unknown[];
  languages: RuleLanguage[];
}

export interface RuleContext {
  analysis: FileAnalysis;
  config: FlyteSecretsConfig;
  options: unknown[];
  /**
   * Reports a problem with the rule's other inputs (an unreadable manifest...), naming the file.
   * Adapters print each message once per process; it never holds a secret value.
   */
  warn?: (message: string) => void;
}

export interface CoreRule {
  name: string;
  meta: RuleMeta;
  check(context: RuleContext): Finding[];
}

/** ESLint's message interpolation, so the server prints exactly what ESLint prints. */
export function formatMessage(template: string, data: Record<string, string> = {}): string {
  return template.replace(/\{\{([^{}]+?)\}\}/g, (whole, name: string) => {
    const key = name.trim();
    return key in data ? String(data[key]) : whole;
  });
}
