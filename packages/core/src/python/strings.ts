// Python string literals: prefixes, escapes and f-string parts, read from the tree-sitter nodes.
import type { SyntaxNode } from './parser.js';

export type StringPart = { kind: 'text'; value: string } | { kind: 'interpolation'; expression: SyntaxNode; plain: boolean };

export interface StringLiteral {
  /** Lower-cased prefix letters (`f`, `r`, `rb`...). */
  prefix: string;
  parts: StringPart[];
  isBytes: boolean;
}

const ESCAPE = /\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|N\{[^}]*\}|([0-7]{1,3})|\r?\n|(.))/gsu;
const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v' };

/** Decodes the escapes of a non-raw string body. Unknown escapes stay as written, as in Python. */
export function decodeEscapes(body: string): string {
  if (!body.includes('\\')) return body;
  return body.replace(ESCAPE, (whole, hex, u4, u8, octal, other) => {
    if (hex || u4 || u8) return String.fromCodePoint(parseInt(hex ?? u4 ?? u8, 16));
    if (octal) return String.fromCodePoint(parseInt(octal, 8));
    if (other !== undefined) return SIMPLE_ESCAPES[other] ?? whole;
    if (whole.startsWith('\\N')) return whole;
    return ''; // backslash-newline continues the line
  });
}

/** Reads a `string` node (one literal, possibly an f-string). */
export function readString(node: SyntaxNode, text: string): StringLiteral {
  const parts: StringPart[] = [];
  let prefix = '';
  let raw = false;
  let formatted = false;
  for (const child of node.children) {
    switch (child.type) {
      case 'string_start': {
        const start = text.slice(child.startIndex, child.endIndex);
        prefix = start.replace(/["']/g, '').toLowerCase();
        raw = prefix.includes('r');
        formatted = prefix.includes('f');
        break;
      }
      case 'string_content': {
        let body = text.slice(child.startIndex, child.endIndex);
        if (formatted) body = body.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
        pushText(parts, raw ? body : decodeEscapes(body));
        break;
      }
      case 'interpolation': {
        const expression = child.childForFieldName('expression');
        if (!expression) break;
        const plain = !child.childForFieldName('format_specifier') && !child.childForFieldName('type_conversion');
        parts.push({ kind: 'interpolation', expression, plain });
        break;
      }
      default:
        break;
    }
  }
  return { prefix, parts, isBytes: prefix.includes('b') };
}

function pushText(parts: StringPart[], value: string): void {
  const last = parts[parts.length - 1];
  if (last?.kind === 'text') last.value += value;
  else parts.push({ kind: 'text', value });
}
