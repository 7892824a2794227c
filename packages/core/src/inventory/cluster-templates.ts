// Flyte cluster-resource templates: flyteadmin renders each template for every project x domain
// (a literal replace of `{{ namespace }}`, `{{ project }}`, `{{ domain }}` and custom variables)
// and creates the object in that project-domain namespace. A Secret there exists everywhere.
// Templates come as plain files, inside flyte-core values (`cluster_resource_manager.templates`),
// flyte-binary values (`clusterResourceTemplates.inline`), or the rendered ConfigMap.
import { parseYaml, type ManifestDocument, type ParsedFile } from './documents.js';
import { isRecord, readObject, type Json, type ReaderContext } from './kubernetes.js';

/** Exactly the form flyteadmin replaces (`templateVariableFormat = "{{ %s }}"`). */
const FLYTE_VARIABLE = /\{\{ ([A-Za-z_][A-Za-z0-9_]*) \}\}/g;
const ANY_TEMPLATE = /\{\{[\s\S]*?\}\}/g;
const BUILT_IN = /\{\{ (namespace|project|domain) \}\}/;

// Stand-ins that survive YAML parsing as plain scalars, put back into names afterwards.
const PLACEHOLDERS: Record<string, string> = {
  namespace: 'x-flyte-secrets-namespace-x',
  project: 'x-flyte-secrets-project-x',
  domain: 'x-flyte-secrets-domain-x',
};
const CUSTOM_VALUE = 'x-flyte-secrets-custom-value-x';

/** Text that uses Flyte's template variables and no other `{{ }}` syntax. */
function isFlyteTemplate(text: string): boolean {
  if (!BUILT_IN.test(text)) return false;
  for (const match of text.matchAll(ANY_TEMPLATE)) if (!new RegExp(`^${FLYTE_VARIABLE.source}$`).test(match[0])) return false;
  return true;
}

function substitute(text: string): string {
  return text.replace(FLYTE_VARIABLE, (_, name: string) => PLACEHOLDERS[name] ?? CUSTOM_VALUE);
}

function restore(text: string): string {
  let restored = text;
  for (const [name, placeholder] of Object.entries(PLACEHOLDERS)) restored = restored.split(placeholder).join(`{{ ${name} }}`);
  return restored;
}

type LineMap = (line: number) => number;

/** A document whose lines are those of the template text, seen through `map` as lines of the outer file. */
function mapLines(doc: ManifestDocument, map: LineMap): ManifestDocument {
  return {
    value: doc.value,
    startLine: map(doc.startLine),
    lineOf: (path) => map(doc.lineOf(path)),
    keysOf: (path) => doc.keysOf(path).map((key) => ({ ...key, line: map(key.line) })),
    isBlockScalar: (path) => doc.isBlockScalar(path),
  };
}

/**
 * A whole file that is one cluster-resource template (the files of flyteadmin's `templatePath`):
 * Flyte's variables only, and an object other than the ConfigMap that may carry templates.
 * Returns false for anything else, such as Helm values that hold templates.
 */
export function readTemplateFile(text: string, label: string, context: ReaderContext): boolean {
  if (!isFlyteTemplate(text)) return false;
  const parsed = parseYaml(substitute(text));
  const first = parsed.documents[0]?.value;
  if (!isRecord(first) || typeof first.kind !== 'string' || first.kind === 'ConfigMap') return false;
  readParsedTemplate(parsed, label, (line) => line, context);
  return true;
}

/**
 * Reads one template's text. `label` names it in messages (`aa_namespace.yaml`), `map` turns its
 * lines into lines of the file it is written in.
 */
function readTemplateText(text: string, label: string, map: LineMap, context: ReaderContext): void {
  readParsedTemplate(parseYaml(substitute(text)), label, map, context);
}

function readParsedTemplate(parsed: ParsedFile, label: string, map: LineMap, context: ReaderContext): void {
  for (const problem of parsed.problems) context.problem(`cluster-resource template ${label}: ${problem.reason}`, problem.line ? map(problem.line) : undefined, 'warning');
  const documents = parsed.documents.filter((doc) => doc.value !== null && doc.value !== undefined);
  if (!documents.length) return;
  if (documents.length > 1) context.problem(`cluster-resource template ${label} has ${documents.length} documents; flyteadmin applies only the first`, map(documents[1]!.startLine));
  const inner: ReaderContext = { ...context, clusterResourceTemplate: true };
  const before = context.secrets.length;
  readObject(documents[0]!.value, [], mapLines(documents[0]!, map), inner, () => undefined);
  for (const read of context.secrets.splice(before)) {
    const entry = read.entry;
    if (entry.name.includes(CUSTOM_VALUE)) {
      context.problem(`cluster-resource template ${label}: the Secret's name uses a custom template variable, so it differs per domain; not counted`, entry.source.line, 'warning');
      continue;
    }
    entry.name = restore(entry.name);
    const keys = entry.keys.filter((key) => !key.name.includes(CUSTOM_VALUE));
    if (keys.length < entry.keys.length) {
      entry.keysComplete = false;
      entry.keysNote = 'some key names are template variables';
    }
    entry.keys = keys.map((key) => ({ ...key, name: restore(key.name) }));
    context.secrets.push(read);
  }
}

type Path = (string | number)[];

/** A template string at `path` of `doc`: its lines continue those of the file when it is a block scalar. */
function readTemplateAt(doc: ManifestDocument, path: Path, text: unknown, label: string, context: ReaderContext): void {
  if (typeof text !== 'string') return;
  const line = doc.lineOf(path);
  const map: LineMap = doc.isBlockScalar(path) ? (l) => line + l : () => line;
  readTemplateText(text, label, map, context);
}

/** flyte-core's `templates: [{key, value}]` and flyte-binary's `inline: {file.yaml: text}` in a values map. */
function readValues(values: Json, at: Path, doc: ManifestDocument, context: ReaderContext): boolean {
  let found = false;
  const core = values.cluster_resource_manager;
  if (isRecord(core) && Array.isArray(core.templates)) {
    found = true;
    core.templates.forEach((template, i) => {
      if (!isRecord(template)) return;
      readTemplateAt(doc, [...at, 'cluster_resource_manager', 'templates', i, 'value'], template.value, `${String(template.key)}.yaml`, context);
    });
  }
  const binary = values.clusterResourceTemplates;
  if (isRecord(binary) && isRecord(binary.inline)) {
    found = true;
    for (const [file, text] of Object.entries(binary.inline)) {
      if (file.endsWith('.yaml')) readTemplateAt(doc, [...at, 'clusterResourceTemplates', 'inline', file], text, file, context);
    }
  }
  return found;
}

/** Helm values of flyte-core or flyte-binary, at the top or one level down (an umbrella chart). */
export function readTemplateValues(value: unknown, doc: ManifestDocument, context: ReaderContext): boolean {
  if (!isRecord(value) || 'kind' in value) return false;
  if (readValues(value, [], doc, context)) return true;
  let found = false;
  for (const [key, nested] of Object.entries(value)) if (isRecord(nested)) found = readValues(nested, [key], doc, context) || found;
  return found;
}

const TEMPLATE_CONFIGMAP = /(^|-)clusterresource-template$|(^|-)cluster-resource-templates$/;

/** The ConfigMap flyte-core (`clusterresource-template`) or flyte-binary (`<release>-cluster-resource-templates`) renders. */
export function readTemplateConfigMap(object: Json, at: Path, doc: ManifestDocument, context: ReaderContext): void {
  const name = isRecord(object.metadata) ? object.metadata.name : undefined;
  if (typeof name !== 'string' || !TEMPLATE_CONFIGMAP.test(name) || !isRecord(object.data)) return;
  for (const [file, text] of Object.entries(object.data)) {
    // flyteadmin skips template files that do not end in .yaml
    if (file.endsWith('.yaml')) readTemplateAt(doc, [...at, 'data', file], text, file, context);
  }
}
