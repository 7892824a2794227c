// Python files get the core rule's findings (from the analysis built at parse time); JS/TS files
// are scanned here, literal by literal, with the same classifier.
import { allowPatterns, credentialFinding, rules } from '@flyte-secrets/core';
import type { TSESTree } from '@typescript-eslint/utils';
import type { Rule } from 'eslint';
import { EstreeCredentialScanner } from '../credentials/estree.js';
import { PythonSourceCode } from '../language/python-source-code.js';
import { pythonListener, report, ruleMeta } from '../util/core-rule.js';
import { createRule } from '../util/create-rule.js';

const rule = rules['no-hardcoded-credentials']!;

export default createRule(rule.name, ruleMeta(rule), (context) => {
  if ((context.sourceCode as unknown) instanceof PythonSourceCode) return pythonListener(rule, context);
  const source = context.sourceCode;
  const allow = allowPatterns(context.options);
  const scanner = new EstreeCredentialScanner();
  // Parsed by @typescript-eslint/parser (configs.javascript) or another ESTree parser: typescript-eslint's node types.
  return {
    Literal(node: TSESTree.Literal) {
      if (typeof node.value === 'string') scanner.literal(node as TSESTree.StringLiteral);
    },
    TemplateLiteral: (node: TSESTree.TemplateLiteral) => scanner.literal(node),
    'Program:exit'() {
      for (const comment of source.getAllComments()) scanner.comment(comment as TSESTree.Comment);
      for (const credential of scanner.findings) if (!credential.isAllowed(allow)) report(context, source, credentialFinding(credential));
    },
  } as unknown as Rule.RuleListener;
});
