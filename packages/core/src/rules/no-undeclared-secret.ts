import { taskLibraryReads } from '../flytekit/library-reads.js';
import { addRequestEdits, declarationFor } from './read-fixes.js';
import { formatName, matchRead, readName, taskReads, whereText } from './secret-matching.js';
import type { CoreRule, Finding } from './types.js';

export const noUndeclaredSecret: CoreRule = {
  name: 'no-undeclared-secret',
  meta: {
    type: 'problem',
    description: "Disallow reading a secret that the task's secret_requests do not declare",
    recommended: 'error',
    hasSuggestions: true,
    messages: {
      undeclared:
        'Task `{{task}}` reads secret {{secret}}{{where}} but its secret_requests do not declare it: flytekit raises ValueError ("Please make sure to add secret_requests=...") when the task runs.',
      addRequest: 'Add {{declaration}} to the secret_requests of task `{{task}}`.',
    },
    schema: [],
    defaultOptions: [],
    languages: ['python'],
  },
  check({ analysis }) {
    const findings: Finding[] = [];
    const model = analysis.module;
    for (const { read, task, helper } of taskReads(model)) {
      if (matchRead(read, task).kind !== 'none') continue;
      const declaration = declarationFor(read, model);
      const edits = declaration ? addRequestEdits(task, declaration, model) : undefined;
      findings.push({
        messageId: 'undeclared',
        data: { task: task.name, secret: formatName(readName(read)), where: whereText(read, helper) },
        span: read.span,
        suggestions: edits ? [{ messageId: 'addRequest', data: { declaration: declaration!, task: task.name }, edits }] : undefined,
      });
    }
    // What flytekit or a plugin reads for the task, claimed only where the library surely reads it.
    for (const { task, library } of taskLibraryReads(model)) {
      if (!library.certain || matchRead(library.read, task).kind !== 'none') continue;
      const edits = library.declaration ? addRequestEdits(task, library.declaration, model) : undefined;
      findings.push({
        messageId: 'undeclared',
        data: { task: task.name, secret: formatName(readName(library.read)), where: whereText(library.read) },
        span: library.read.span,
        suggestions: edits ? [{ messageId: 'addRequest', data: { declaration: library.declaration!, task: task.name }, edits }] : undefined,
      });
    }
    return findings;
  },
};
