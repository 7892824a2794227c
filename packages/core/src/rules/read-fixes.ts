// Edits that turn a secret read into one that names a given request, and the `Secret(...)` text
// that declares what a read reads. Used by the mismatch and undeclared rules (and the editor).
import type { ArgValue, ModuleModel, SecretRead, SecretRequest, TaskModel } from '../model/types.js';
import type { TextEdit } from './types.js';

/** A Python string literal for a value. */
export function pyString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** How to spell a request's argument in this module: its own text if written here, else a literal. */
export function requestArg(request: SecretRequest, arg: ArgValue | undefined): string | undefined {
  if (!arg) return undefined;
  if (request.local) return arg.text;
  return arg.value.known ? pyString(arg.value.value) : undefined;
}

/** Edits that make `read` read `request` instead, or undefined when no safe edit exists. */
export function readFixEdits(read: SecretRead, request: SecretRequest): TextEdit[] | undefined {
  const group = requestArg(request, request.group);
  const key = requestArg(request, request.key);
  const groupVersion = requestArg(request, request.groupVersion);
  if ((request.group && !group) || (request.key && !key) || (request.groupVersion && !groupVersion)) return undefined;
  const keywords = read.keywordStyle || !group;
  const parts = [
    group && (keywords ? `group=${group}` : group),
    key && (keywords ? `key=${key}` : key),
    groupVersion && `group_version=${groupVersion}`,
  ].filter(Boolean);
  if (read.kind === 'attribute') {
    return [{ span: read.span, text: `${read.receiver.text}.get(${parts.join(', ')})` }];
  }
  if (!read.otherArgs && read.argsSpan) return [{ span: read.argsSpan, text: `(${parts.join(', ')})` }];
  // Other arguments (encode_mode=...) must stay: replace group and key in place when both exist.
  const sameShape = read.group && read.key && group && key && !read.groupVersion === !groupVersion;
  if (!sameShape) return undefined;
  const edits: TextEdit[] = [];
  if (read.group!.text !== group) edits.push({ span: read.group!.span, text: group! });
  if (read.key!.text !== key) edits.push({ span: read.key!.span, text: key! });
  if (read.groupVersion && groupVersion && read.groupVersion.text !== groupVersion) edits.push({ span: read.groupVersion.span, text: groupVersion });
  return edits.length ? edits : undefined;
}

/** `Secret(group=..., key=...)` declaring what a read reads, spelled as the read spells it. */
export function declarationFor(read: SecretRead, model: ModuleModel): string | undefined {
  const arg = (value: ArgValue | undefined) => (value ? (read.kind === 'attribute' ? pyString(value.text) : value.text) : undefined);
  const group = arg(read.group);
  const key = arg(read.key);
  const groupVersion = arg(read.groupVersion);
  const parts = read.single
    ? [`key=${group}`]
    : [group && `group=${group}`, key && `key=${key}`, groupVersion && `group_version=${groupVersion}`].filter(Boolean);
  return parts.length ? `${model.secretCallee}(${parts.join(', ')})` : undefined;
}

/** Adds a declaration to the task's requests (and imports `Secret` if needed), when they are written here. */
export function addRequestEdits(task: TaskModel, declaration: string, model: ModuleModel): TextEdit[] | undefined {
  if (!task.requestsInsert) return undefined;
  const { offset, before, after } = task.requestsInsert;
  const edits: TextEdit[] = [{ span: { start: offset, end: offset }, text: `${before}${declaration}${after}` }];
  if (model.secretImport) edits.unshift({ span: { start: model.secretImport.offset, end: model.secretImport.offset }, text: model.secretImport.text });
  return edits;
}
