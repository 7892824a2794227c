// Hover on a secret group or key: what the string names, which tasks request or read it.
import { formatName, requestName, readName, secretArgumentAt, type ModuleModel } from '@flyte-secrets/core';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { PythonDocument } from './documents.js';
import { toRange } from './positions.js';

const code = (text: string) => `\`${text}\``;

export function hover(document: PythonDocument, model: ModuleModel, position: Position, markdown: boolean): Hover | null {
  const argument = secretArgumentAt(model, document.text, document.document.offsetAt(position));
  if (!argument) return null;
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
