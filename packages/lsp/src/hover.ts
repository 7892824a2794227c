// Hover on a secret group or key: what the string names, which tasks request or read it. Hover on
// a rule id in an `# eslint-disable` comment: what the rule checks, and its documentation.
import { findDirectiveComments, formatName, requestName, readName, ruleDocsUrl, rules, secretArgumentAt, type ModuleModel } from '@flyte-secrets/core';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { PythonDocument } from './documents.js';
import { toRange } from './positions.js';

const code = (text: string) => `\`${text}\``;

const RULE_ID = /(?:[\w@.-]+\/)?([a-z][\w-]*)/g;

/** The rule named at `offset` inside a directive comment (`# eslint-disable-next-line <prefix>/<rule>`). */
function directiveRuleHover(document: PythonDocument, offset: number, markdown: boolean): Hover | null {
  const comment = findDirectiveComments(document.tree(), document.text).find((c) => offset >= c.span.start && offset <= c.span.end);
  if (!comment) return null;
  const text = document.text.slice(comment.span.start, comment.span.end);
  for (const match of text.matchAll(RULE_ID)) {
    const start = comment.span.start + match.index;
    const rule = rules[match[1]!];
    if (!rule || offset < start || offset > start + match[0].length || !match[0].includes('/')) continue;
    const value = markdown
      ? `**${match[0]}**: ${rule.meta.description}.\n\n[Documentation](${ruleDocsUrl(rule.name)})`
      : `${match[0]}: ${rule.meta.description}.\n\n${ruleDocsUrl(rule.name)}`;
    return { contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value }, range: toRange(document.document, { start, end: start + match[0].length }) };
  }
  return null;
}

export function hover(document: PythonDocument, model: ModuleModel, position: Position, markdown: boolean): Hover | null {
  const offset = document.document.offsetAt(position);
  const argument = secretArgumentAt(model, document.text, offset);
  if (!argument) return directiveRuleHover(document, offset, markdown);
  const { site } = argument;
  const name = site.kind === 'request' ? requestName(site.request) : readName(site.read);
  const lines = [`**flyte-secrets** · secret ${code(formatName(name) || argument.value)} (this string is its ${argument.role})`, ''];
  const tasks = argument.tasks.map((task) => code(task.name)).join(', ');
  if (site.kind === 'request') lines.push(tasks ? `Requested by task ${tasks}.` : 'Not requested by any task in this module.');
  else lines.push(tasks ? `Read by task ${tasks}.` : 'Read outside any task of this module.');
  const value = lines.join('\n');
  return {
    contents: markdown ? { kind: MarkupKind.Markdown, value } : { kind: MarkupKind.PlainText, value: value.replace(/\*\*|`/g, '') },
    range: toRange(document.document, argument.span),
  };
}
