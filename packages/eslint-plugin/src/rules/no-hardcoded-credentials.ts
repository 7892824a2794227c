// Python files get the core rule's findings (from the analysis built at parse time); JS/TS files
// are scanned here, literal by literal, with the same classifier.
import { allowPatterns, credentialFinding, isTestPath, rules } from '@flyte-secrets/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { Rule } from 'eslint';
import { EstreeCredentialScanner } from '../credentials/estree.js';
import { PythonSourceCode } from '../language/python-source-code.js';
import { pythonListener, report, ruleMeta } from '../util/core-rule.js';
import { createRule } from '../util/create-rule.js';

const rule = rules['no-hardcoded-credentials']!;

export default createRule({
  name: rule.name,
  meta: ruleMeta(rule),
  create(context, options) {
    if ((context.sourceCode as unknown) instanceof PythonSourceCode) return pythonListener(rule, context, options);
    const source = context.sourceCode;
    const allow = allowPatterns(options);
    const scanner = new EstreeCredentialScanner(source.text, isTestPath(context.physicalFilename, context.cwd));
    const literal = (node: TSESTree.Literal) => {
      if (typeof node.value === 'string') scanner.literal(node as TSESTree.StringLiteral);
    };
    // typescript-eslint's node types: configs.javascript parses with @typescript-eslint/parser.
    return {
      Literal: literal,
      TemplateLiteral: (node) => scanner.literal(node),
      'Program:exit'() {
        for (const comment of source.getAllComments()) scanner.comment(comment as TSESTree.Comment);
        for (const credential of scanner.findings) if (!credential.isAllowed(allow)) report(context, source, credentialFinding(credential));
      },
    } satisfies TSESLint.RuleListener as unknown as Rule.RuleListener;
  },
});
