import { taskLibraryReads } from '../flytekit/library-reads.js';
import type { SecretRead, SecretRequest } from '../model/types.js';
import { variableNearMisses } from './injected-variable-reads.js';
import { pyString, readFixEdits } from './read-fixes.js';
import { formatName, matchRead, readName, requestName, taskReads, whereText, type NearReason } from './secret-matching.js';
import type { CoreRule, Finding } from './types.js';

function reasonText(reason: NearReason, read: SecretRead, request: SecretRequest): string {
  const wanted = readName(read);
  const declared = requestName(request);
  switch (reason) {
    case 'group-version':
      if (!declared.groupVersion) return `the read passes group_version "${wanted.groupVersion}" but the request has none`;
      if (!wanted.groupVersion) return `the request has group_version "${declared.groupVersion}" but the read passes none`;
      return 'the group_version differs';
    case 'case':
      return 'the names differ only in letter case';
    case 'swapped':
      return 'group and key are swapped';
    case 'key':
      return `same group, but key "${wanted.key}" is not "${declared.key}"`;
    case 'group':
      return declared.group ? `key "${wanted.key}" is requested in group "${declared.group}"` : `key "${wanted.key}" is requested without a group`;
    case 'missing-group':
      return `the read names only "${wanted.group}", which the request has as a key in group "${declared.group}"`;
  }
}

export const noMismatchedSecret: CoreRule = {
  name: 'no-mismatched-secret',
  meta: {
    type: 'problem',
    description: 'Disallow reading a secret that nearly, but not exactly, matches one of the task\'s requests',
    recommended: 'error',
    hasSuggestions: true,
    messages: {
      mismatch:
        'Task `{{task}}` reads secret {{secret}}{{where}}, which it does not request; it nearly matches the request {{request}} ({{reason}}). flytekit raises ValueError when the task runs.',
      useRequest: 'Read {{request}} instead.',
      variable:
        'Task `{{task}}` reads environment variable {{variable}}, which its secrets do not set; it nearly matches {{injected}}, the variable of the request {{request}}. `{{accessor}}` gets {{outcome}} when the task runs.',
      useVariable: 'Read {{injected}} instead.',
    },
    schema: [],
    defaultOptions: [],
    languages: ['python'],
  },
  check({ analysis, config }) {
    const findings: Finding[] = [];
    for (const { read, task, helper } of taskReads(analysis.module)) {
      const match = matchRead(read, task);
      if (match.kind !== 'near') continue;
      const request = formatName(requestName(match.request));
      const edits = read.via ? undefined : readFixEdits(read, match.request); // the read is in another module
      findings.push({
        messageId: 'mismatch',
        data: {
          task: task.name,
          secret: formatName(readName(read)),
          where: whereText(read, helper),
          request,
          reason: reasonText(match.reason, read, match.request),
        },
        span: read.span,
        suggestions: edits ? [{ messageId: 'useRequest', data: { request }, edits }] : undefined,
      });
    }
    // A library's lookup is not code in this file to rewrite: reported without a fix.
    for (const { task, library } of taskLibraryReads(analysis.module)) {
      const match = library.certain ? matchRead(library.read, task) : undefined;
      if (match?.kind !== 'near') continue;
      findings.push({
        messageId: 'mismatch',
        data: {
          task: task.name,
          secret: formatName(readName(library.read)),
          where: whereText(library.read),
          request: formatName(requestName(match.request)),
          reason: reasonText(match.reason, library.read, match.request),
        },
        span: library.read.span,
      });
    }
    for (const miss of variableNearMisses(analysis.module, analysis.text, config)) {
      const name = miss.read.name;
      // Only a literal written at the read is rewritten; a constant may serve other code.
      const literal = /^[rRuU]?["']/.test(name.text);
      findings.push({
        messageId: 'variable',
        data: {
          task: miss.task.name,
          variable: miss.variable,
          injected: miss.injected,
          request: formatName(requestName(miss.request)),
          accessor: miss.read.accessor,
          outcome: miss.read.accessor === 'os.environ[]' ? 'KeyError' : 'None',
        },
        span: miss.read.span,
        suggestions: literal ? [{ messageId: 'useVariable', data: { injected: miss.injected }, edits: [{ span: name.span, text: pyString(miss.injected) }] }] : undefined,
      });
    }
    return findings;
  },
};
