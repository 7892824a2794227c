// Go to definition and find references start from the secret name under the cursor.
import { secretArgumentAt, type ModuleModel } from '@flyte-secrets/core';
import type { Position } from 'vscode-languageserver';
import type { PythonDocument } from './documents.js';
import type { SecretQuery } from './workspace-uses.js';

/** The secret (group, or group and key) whose name is under the cursor, when it is known. */
export function referencedSecret(document: PythonDocument, model: ModuleModel, position: Position): SecretQuery | undefined {
  const argument = secretArgumentAt(model, document.text, document.document.offsetAt(position));
  if (!argument) return undefined;
  if (argument.role === 'group') return { group: argument.value };
  if (argument.group === undefined) return undefined; // the group is not a known string
  return { group: argument.group, key: argument.value };
}
