// Hover on a secret group or key: what the string names, which tasks request or read it, and, with
// an inventory, a table of the target namespaces that have it or lack it, with the manifest of
// each. Hover on a rule id in an `# eslint-disable` comment: what the rule checks, and its doc.
import {
  describeSource,
  describeStoreScope,
  managerFor,
  findDirectiveComments,
  formatName,
  readName,
  requestName,
  ruleDocsUrl,
  rules,
  secretArgumentAt,
  type ModuleModel,
  type SecretCheck,
} from '@flyte-secrets/core';
import { pathToFileURL } from 'node:url';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { PythonDocument } from './documents.js';
import type { FileInventory } from './inventories.js';
import { toRange } from './positions.js';

const code = (text: string) => `\`${text}\``;

const STATUS: Record<SecretCheck['namespaces'][number]['status'], string> = {
  present: 'present',
  'missing-secret': '**missing**',
  'missing-key': '**key missing**',
  'keys-unknown': 'present (keys not all known)',
};

/** A link to a manifest line, shown relative to the configuration's folder. */
function manifestLink(entry: Parameters<typeof describeSource>[0], root: string): string {
  return `[${describeSource(entry, root)}](${pathToFileURL(entry.source.file).href}#L${entry.source.line})`;
}

/** The namespace table of a secret; `key` undefined when only the group is known. */
function inventoryTable(inventory: FileInventory, group: string, key: string | undefined): string[] {
  const { index, config, targets } = inventory;
  const root = config.root ?? process.cwd();
  if (config.secretManager === 'Global') return []; // served from the webhook's own environment
  if (config.secretManager !== 'K8s') {
    if (key === undefined) return [];
    const check = index.check({ group, key }, targets, config.secretManager);
    const where = check.matches.map((m) => manifestLink(m.entry, root));
    return ['', check.missing ? `Not in the ${config.secretManager} inventory.` : `In the ${config.secretManager} inventory: ${where.join(', ')}.`];
  }
  if (!targets.length) return [];
  const lines = ['', `| namespace | secret ${code(group)} | ${key === undefined ? 'keys' : `key ${code(key)}`} | defined in |`, '| --- | --- | --- | --- |'];
  if (key === undefined) {
    for (const target of targets) {
      const found = index.keysIn(group, target.namespace);
      const placement = index.secretsIn(target.namespace).get(group)?.[0];
      lines.push(`| ${target.namespace} | ${found ? 'present' : '**missing**'} | ${found ? found.keys.map((k) => k.name).join(', ') + (found.complete ? '' : ', ...') : ''} | ${placement ? manifestLink(placement.entry, root) : ''} |`);
    }
    return lines;
  }
  const check = index.check({ group, key }, targets, 'K8s');
  for (const namespace of check.namespaces) {
    const placement = namespace.placements[0];
    const secret = namespace.status === 'missing-secret' ? '**missing**' : 'present';
    const keyStatus = namespace.status === 'missing-secret' ? '' : STATUS[namespace.status];
    lines.push(`| ${namespace.target.namespace} | ${secret} | ${keyStatus} | ${placement ? manifestLink(placement.entry, root) : ''} |`);
  }
  if (check.didYouMean?.group) lines.push('', `Did you mean ${code(check.didYouMean.group)}?`);
  if (check.didYouMean?.key) lines.push('', `Did you mean key ${code(check.didYouMean.key)}?`);
  return lines;
}

/** The project-domain table of a Flyte secret store key: which scope serves each pair, or that none does. */
function storeTable(inventory: FileInventory, key: string): string[] {
  const { index, config, targets } = inventory;
  if (!targets.length) return [];
  const root = config.root ?? process.cwd();
  const check = index.check({ group: '', key }, targets, 'Union');
  const lines = ['', `| project/domain | ${code(key)} in the Flyte secret store | listed in |`, '| --- | --- | --- |'];
  for (const namespace of check.namespaces) {
    const entry = namespace.placements[0]?.entry;
    const scope = entry ? `${describeStoreScope(entry)}${entry.notEverywhere ? ', **not in every cluster**' : ''}` : '**missing**';
    lines.push(`| ${namespace.target.project}/${namespace.target.domain} | ${scope} | ${entry ? manifestLink(entry, root) : ''} |`);
  }
  if (check.didYouMean?.key) lines.push('', `Did you mean ${code(check.didYouMean.key)}?`);
  return lines;
}

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

/** Markdown as plain text, for clients that only show that. */
const plain = (markdown: string) => markdown.replace(/\*\*|`/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');

export function hover(document: PythonDocument, model: ModuleModel, position: Position, markdown: boolean, inventory: FileInventory | undefined): Hover | null {
  const offset = document.document.offsetAt(position);
  const argument = secretArgumentAt(model, document.text, offset);
  if (!argument) return directiveRuleHover(document, offset, markdown);
  const { site } = argument;
  const name = site.kind === 'request' ? requestName(site.request) : readName(site.read);
  const lines = [`**flyte-secrets** · secret ${code(formatName(name) || argument.value)} (this string is its ${argument.role})`, ''];
  const tasks = argument.tasks.map((task) => code(task.name)).join(', ');
  if (site.kind === 'request') lines.push(tasks ? `Requested by task ${tasks}.` : 'Not requested by any task in this module.');
  else lines.push(tasks ? `Read by task ${tasks}.` : 'Read outside any task of this module.');
  const group = typeof name.group === 'string' ? name.group : undefined;
  const key = typeof name.key === 'string' ? name.key : undefined;
  const flavor = site.kind === 'request' ? site.request.flavor : 'flytekit';
  if (inventory && key !== undefined && managerFor(flavor, inventory.config.secretManager) === 'Union') lines.push(...storeTable(inventory, key));
  else if (inventory && group) lines.push(...inventoryTable(inventory, group, key));
  const value = lines.join('\n');
  return {
    contents: markdown ? { kind: MarkupKind.Markdown, value } : { kind: MarkupKind.PlainText, value: plain(value) },
    range: toRange(document.document, argument.span),
  };
}
