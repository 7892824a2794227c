// ESLint's view of a Python file: the text, a minimal AST (the module and its directive comments)
// and the flyte-secrets analysis that the rules read. Built on plugin-kit's TextSourceCodeBase,
// as @eslint/json and @eslint/css do.
import type { FileAnalysis, FlyteSecretsConfig } from '@flyte-secrets/core';
import { loadConfig } from '@flyte-secrets/core';
import { ConfigCommentParser, Directive, TextSourceCodeBase, VisitNodeStep } from '@eslint/plugin-kit';
import type { RulesConfig, SourceLocation } from '@eslint/core';
import { warnOnce } from '../util/warn-once.js';

export interface PythonNode {
  type: string;
  range: [number, number];
  loc: SourceLocation;
}

export interface PythonComment extends PythonNode {
  type: 'comment';
  /** The text after `#`. */
  value: string;
}

export interface PythonRoot extends PythonNode {
  type: 'module';
  comments: PythonComment[];
}

const commentParser = new ConfigCommentParser();
const DIRECTIVE_TYPES = new Set(['eslint-disable', 'eslint-enable', 'eslint-disable-next-line', 'eslint-disable-line']);

export class PythonSourceCode extends TextSourceCodeBase<{
  LangOptions: Record<string, unknown>;
  RootNode: PythonRoot;
  SyntaxElementWithLoc: PythonNode;
  ConfigNode: PythonComment;
}> {
  readonly analysis: FileAnalysis;
  readonly #configs = new WeakMap<object, FlyteSecretsConfig>();
  #steps: VisitNodeStep[] | undefined;

  constructor({ text, ast, analysis }: { text: string; ast: PythonRoot; analysis: FileAnalysis }) {
    super({ text, ast, lineEndingPattern: /\r\n|[\r\n]/u });
    this.analysis = analysis;
  }

  /** `[tool.flyte-secrets]` for this file, with `settings["@flyte-secrets"]` over it. */
  configFor(settings: Record<string, unknown> | undefined): FlyteSecretsConfig {
    const key = settings ?? this;
    let config = this.#configs.get(key);
    if (!config) {
      const loaded = loadConfig(this.analysis.filePath, settings);
      for (const warning of loaded.warnings) warnOnce(warning);
      config = loaded.config;
      this.#configs.set(key, config);
    }
    return config;
  }

  getParent(): undefined {
    return undefined;
  }

  getInlineConfigNodes(): PythonComment[] {
    return this.ast.comments;
  }

  getDisableDirectives(): { problems: { ruleId: null; message: string; loc: SourceLocation }[]; directives: Directive[] } {
    const directives: Directive[] = [];
    for (const comment of this.ast.comments) {
      const directive = commentParser.parseDirective(comment.value);
      if (directive && DIRECTIVE_TYPES.has(directive.label)) {
        directives.push(
          new Directive({
            type: directive.label.slice('eslint-'.length) as Directive['type'],
            node: comment,
            value: directive.value,
            justification: directive.justification,
          }),
        );
      }
    }
    return { problems: [], directives };
  }

  /** `# eslint rule-id: "off"` comments. */
  applyInlineConfig(): { configs: { config: { rules: RulesConfig }; loc: SourceLocation }[]; problems: { ruleId: null; message: string; loc: SourceLocation }[] } {
    const configs: { config: { rules: RulesConfig }; loc: SourceLocation }[] = [];
    const problems: { ruleId: null; message: string; loc: SourceLocation }[] = [];
    for (const comment of this.ast.comments) {
      const directive = commentParser.parseDirective(comment.value);
      if (directive?.label !== 'eslint') continue;
      const parsed = commentParser.parseJSONLikeConfig(directive.value);
      if (parsed.ok) configs.push({ config: { rules: parsed.config as RulesConfig }, loc: comment.loc });
      else problems.push({ ruleId: null, message: parsed.error.message, loc: comment.loc });
    }
    return { configs, problems };
  }

  traverse(): VisitNodeStep[] {
    this.#steps ??= [
      new VisitNodeStep({ target: this.ast, phase: 1, args: [this.ast, undefined] }),
      new VisitNodeStep({ target: this.ast, phase: 2, args: [this.ast, undefined] }),
    ];
    return this.#steps;
  }
}
