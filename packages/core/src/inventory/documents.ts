// YAML and JSON documents, parsed safely: aliases are expanded only by `toJS` with a
// `maxAliasCount` guard (the `yaml` package's defence against "billion laughs"), merge keys are
// applied as kubectl applies them, and errors are described by code and position only, because
// the parser's own messages quote the offending source line, which may hold a secret value.
import { isMap, isScalar, LineCounter, parseAllDocuments, type Document } from 'yaml';
import { lineLocator } from '../text/line-locator.js';

/** One parsed document and the lines of its parts. */
export interface ManifestDocument {
  value: unknown;
  /** Line of the first line of the document. */
  startLine: number;
  /** Line of the node at `path` (keys and list indexes), or of the document when it is not written there. */
  lineOf(path: readonly (string | number)[]): number;
  /** The keys of the map at `path` with the line of each, in the order written. */
  keysOf(path: readonly (string | number)[]): { name: string; line: number }[];
  /** The string at `path` is a YAML block scalar (`|`, `>`): its text starts on the next line. */
  isBlockScalar(path: readonly (string | number)[]): boolean;
}

export interface DocumentProblem {
  reason: string;
  line?: number;
}

export interface ParsedFile {
  documents: ManifestDocument[];
  problems: DocumentProblem[];
}

/** Past this many aliases in one document, expanding them is an attack, not a manifest. */
const MAX_ALIAS_COUNT = 100;
const MAX_DOCUMENTS = 20_000;

const YAML_ERRORS: Record<string, string> = {
  DUPLICATE_KEY: 'a key appears twice in one map',
  BAD_INDENT: 'bad indentation',
  MISSING_CHAR: 'a closing bracket or quote is missing',
  MULTILINE_IMPLICIT_KEY: 'a key spans several lines',
  UNEXPECTED_TOKEN: 'unexpected token',
  BLOCK_AS_IMPLICIT_KEY: 'a block value is used as a key',
  TAB_AS_INDENT: 'a tab is used for indentation',
};

function describeYamlError(error: { code: string; pos: [number, number] }, lines: LineCounter): DocumentProblem {
  const what = YAML_ERRORS[error.code] ?? error.code.toLowerCase().replace(/_/g, ' ');
  return { reason: `invalid YAML: ${what}`, line: lines.linePos(error.pos[0]).line };
}

/** Why `toJS` refused a document, without quoting it. */
function describeExpansionError(error: unknown): string {
  if (error instanceof ReferenceError) return 'YAML aliases expand beyond the safety limit (an alias bomb?); document not read';
  if (error instanceof RangeError) return 'YAML nested too deeply; document not read';
  const message = error instanceof Error ? error.message : '';
  if (/merge/i.test(message)) return 'invalid YAML merge key (<<): merge sources must be maps; document not read';
  return 'YAML cannot be converted to data; document not read';
}

type Path = readonly (string | number)[];

function yamlDocument(doc: Document.Parsed, lines: LineCounter): ManifestDocument {
  const lineAt = (offset: number) => lines.linePos(offset).line;
  const start = doc.contents?.range?.[0] ?? doc.range[0];
  const startLine = lineAt(start);
  return {
    value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }),
    startLine,
    lineOf(path: Path) {
      // getIn never follows aliases, so this walk cannot be used to expand a bomb.
      const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lineAt(node.range[0]);
      const parent = path.length ? (doc.getIn(path.slice(0, -1), true) as { range?: [number, number, number] } | undefined) : undefined;
      return parent?.range ? lineAt(parent.range[0]) : startLine;
    },
    keysOf(path: Path) {
      const node = doc.getIn(path, true);
      if (!isMap(node)) return [];
      const keys: { name: string; line: number }[] = [];
      for (const pair of node.items) {
        if (isScalar(pair.key) && pair.key.range && pair.key.value !== '<<') keys.push({ name: String(pair.key.value), line: lineAt(pair.key.range[0]) });
      }
      return keys;
    },
    isBlockScalar(path: Path) {
      const node = doc.getIn(path, true);
      return isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
    },
  };
}

/** Every document of a YAML file; a broken document is skipped and described, the others are kept. */
export function parseYaml(text: string): ParsedFile {
  const lines = new LineCounter();
  const problems: DocumentProblem[] = [];
  const documents: ManifestDocument[] = [];
  let parsed: Document.Parsed[];
  try {
    const stream = parseAllDocuments(text, { lineCounter: lines, merge: true, logLevel: 'silent', prettyErrors: false });
    if (!Array.isArray(stream)) return { documents, problems }; // an empty stream
    parsed = stream as Document.Parsed[];
  } catch (error) {
    return { documents, problems: [{ reason: error instanceof RangeError ? 'YAML nested too deeply; not read' : 'YAML cannot be parsed; not read' }] };
  }
  if (parsed.length > MAX_DOCUMENTS) {
    problems.push({ reason: `more than ${MAX_DOCUMENTS} YAML documents; the rest are not read` });
    parsed = parsed.slice(0, MAX_DOCUMENTS);
  }
  for (const doc of parsed) {
    if (doc.errors.length) {
      problems.push(describeYamlError(doc.errors[0]!, lines));
      continue;
    }
    try {
      documents.push(yamlDocument(doc, lines));
    } catch (error) {
      problems.push({ reason: describeExpansionError(error), line: lines.linePos(doc.range[0]).line });
    }
  }
  return { documents, problems };
}

/**
 * A JSON file (cluster dumps can be tens of megabytes, which JSON.parse reads much faster than a
 * YAML parser); a small scanner then records where each key is written, for lines.
 */
function parseJson(text: string): ParsedFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text around the error; ask the YAML parser where it is instead.
    const line = parseYaml(text).problems[0]?.line;
    return { documents: [], problems: [{ reason: 'invalid JSON', line }] };
  }
  const offsets = jsonKeyOffsets(text);
  const locate = lineLocator(text);
  const lineAt = (offset: number) => locate(offset).line;
  const lineOf = (path: Path) => {
    for (let length = path.length; length > 0; length--) {
      const offset = offsets.get(path.slice(0, length).join(PATH_SEPARATOR));
      if (offset !== undefined) return lineAt(offset);
    }
    return 1;
  };
  const document: ManifestDocument = {
    value,
    startLine: 1,
    lineOf,
    keysOf(path: Path) {
      const map = valueAt(value, path);
      if (!map || typeof map !== 'object' || Array.isArray(map)) return [];
      return Object.keys(map).map((name) => ({ name, line: lineOf([...path, name]) }));
    },
    isBlockScalar: () => false,
  };
  return { documents: [document], problems: [] };
}

const PATH_SEPARATOR = '\u0000';
/** Keys deeper than this are not located (managedFields in cluster dumps go very deep). */
const MAX_LOCATED_DEPTH = 8;

/** Offsets of object keys by path (`items\0 3\0 metadata\0 name`), for text JSON.parse accepted. */
function jsonKeyOffsets(text: string): Map<string, number> {
  const offsets = new Map<string, number>();
  const path: (string | number)[] = [];
  const inArray: boolean[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '[') {
      inArray.push(c === '[');
      path.push(0);
      expectKey = c === '{';
    } else if (c === '}' || c === ']') {
      inArray.pop();
      path.pop();
      expectKey = false;
    } else if (c === ',') {
      if (inArray[inArray.length - 1]) path[path.length - 1] = (path[path.length - 1] as number) + 1;
      else expectKey = true;
    } else if (c === '"') {
      let end = text.indexOf('"', i + 1);
      while (end > 0 && isEscaped(text, end)) end = text.indexOf('"', end + 1);
      if (expectKey) {
        if (path.length <= MAX_LOCATED_DEPTH) {
          path[path.length - 1] = JSON.parse(text.slice(i, end + 1)) as string;
          offsets.set(path.join(PATH_SEPARATOR), i);
        }
        expectKey = false;
      }
      i = end;
    }
  }
  return offsets;
}

function isEscaped(text: string, quote: number): boolean {
  let backslashes = 0;
  for (let j = quote - 1; text[j] === '\\'; j--) backslashes++;
  return backslashes % 2 === 1;
}


function valueAt(value: unknown, path: Path): unknown {
  let current = value;
  for (const part of path) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

/** Parses by file name: `.json` as JSON, the rest as (multi-document) YAML. */
export function parseManifest(file: string, text: string): ParsedFile {
  return /\.json$/i.test(file) ? parseJson(text) : parseYaml(text);
}
