// Finds credential literals in a Python module without walking the tree: regexes over the text
// find candidates (provider prefixes, private key headers, URLs with user info, credential names
// followed by a value, APIs that take passwords), and only then tree-sitter is asked for the node
// at each candidate and the syntax around it, which becomes the detector's context.
import type { Span } from '../model/types.js';
import type { SyntaxNode } from '../python/parser.js';
import { readString } from '../python/strings.js';
import { textOf, unparenthesize } from '../python/syntax.js';
import { ARGUMENT_ROLES, flagContext, NAME_FIELDS, NAMED_DEFAULT_CALLS, VALUE_FIELDS, WRAPPER_CALLS } from './apis.js';
import { CONTEXT_FREE_EVIDENCE, detectCredential, mayBeCredentialValue, mayBeSample, NAME_CLASSES, nameFromPreviousArgument, type CredentialContext, type ValueReading } from './classify.js';
import { LogicalLines, type LogicalLine } from './python-lines.js';
import { CredentialFinding } from './finding.js';
import { reportSpan } from './location.js';
import { isTestClassName, isTestFunctionName, isTestPath } from './test-code.js';
import { classifyName } from './names.js';
import { PROVIDER_PREFIX } from './providers.js';
import { matchesIn } from '../text/matches.js';
import { HOLE } from './values.js';

/**
 * Anchors that point at the credential itself. Provider tokens are found by their literal
 * prefixes only (one cheap pass); the string they are in is then checked against the full formats.
 */
const VALUE_ANCHORS: RegExp[] = [
  PROVIDER_PREFIX,
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY/g,
  // scheme://user:pw@, and URLs cut by a quote or an f-string field right after the scheme or the user.
  /:\/\/(?:[^\s'"/@]*@|[^\s'"/@]*:["'{]|["'{])/g,
];

/** Flags followed by their value in an argument list (`["curl", "-u", "user:pw"]`), Twilio's `Client(account_sid, token)`. */
const NEXT_ITEM_ANCHOR = /["'](?:-u|--user|-a|-p|--password|--token|AC[0-9a-f]{32})["']\s*,\s*/g;

/**
 * Words that lead to a credential: stems of credential names, APIs that take passwords, commands
 * with password flags, auth schemes, SQL. Each hit is widened to the whole dotted name and dispatched.
 */
const WORD_STEM = /pass|pwd|pw\b|secret|token|key|auth|cred|login|b64|encodebytes|hmac|field|mysql|mariadb|sshpass|redis|bearer|basic|identified/gi;
const NAME_CHAR = /[A-Za-z0-9_.$-]/;

/** APIs whose positional arguments are passwords or secrets (see ARGUMENT_ROLES), and dataclass defaults. */
const CALL_ANCHORS = new Set([
  ...Object.keys(ARGUMENT_ROLES).filter((name) => !['new', 'encode', 'sign', 'from'].includes(name)),
  'hmac.new',
  'field',
  'Field',
]);
const CALL_OPEN = /\s*\(\s*/y;
const FIELD_DEFAULT = /\s*\(\s*default\s*=\s*/y;
/** Command lines whose password flags take no name: `mysql -pX`, `sshpass -p X`, `redis-cli -a X`. */
const COMMAND = /^(?:mysql\w*|mariadb\w*|sshpass|redis-cli)$/;
const AUTH_SCHEME_VALUE = /\s+[A-Za-z0-9._~+/-]{8,}/y;
/** SQL: `WITH PASSWORD '...'`, `IDENTIFIED BY '...'`. */
const SQL_PASSWORD_VALUE = /\s+(?:BY\s+)?'/iy;

/**
 * After a credential name: the operator and the opening quote of the value (`= "`, `: str = "`,
 * `", "`, `) or "`, and `", value="` in name/value records).
 */
const AFTER_NAME = /["']?\]?\s*(?::\s*[^=\n"']{1,80}?=(?!=)|==|!=|=(?!=)|:(?!:)|,(?:\s*["']?(?:value|Value)["']?\s*[=:])?|\)\s*(?:or|\|\||\?\?)|\s(?:or|if|else)\b)\s*[([]?\s*(?:[rRbBuUfF]{1,2})?["']/y;
/** After a credential name inside a string: `name=value`, `name: value`. */
const EMBEDDED_AFTER_NAME = /["']?[ \t]*[=:][ \t]*["']?[^\s"'=]/y;
/** `--token value` on a command line. */
const FLAG_AFTER_NAME = /[ \t]+["']?[^\s"'=-]/y;

/** Node types whose value passes through unchanged to the construct around them. */
const TRANSPARENT = new Set(['parenthesized_expression', 'conditional_expression', 'boolean_operator', 'await']);

const SEQUENCES = new Set(['tuple', 'list', 'argument_list']);
/** Credentials sit in short tuples and argument lists; long lists are data tables. */
const MAX_RELATED = 12;

interface ValuePart {
  node: SyntaxNode;
  start: number;
}

/** A string expression's value, HOLE for every unknown part, and which literal each part came from. */
interface StringValue {
  value: string;
  parts: ValuePart[];
}

/**
 * The findings of each top-level statement, by the statement's text, kept by an editor between
 * edits: a credential's context never reaches beyond its statement (and whether it is the first,
 * which makes a string the module's docstring), so only the statements an edit changed are scanned again.
 */
export class CredentialScanCache {
  #byStatement = new Map<string, { start: number; findings: CredentialFinding[] }>();

  /** Scans the statements not seen before, reuses (moved) findings of the others. */
  scan(root: SyntaxNode, text: string, filePath?: string): CredentialFinding[] {
    const next = new Map<string, { start: number; findings: CredentialFinding[] }>();
    const found: CredentialFinding[] = [];
    const changed: { key: string; span: Span }[] = [];
    const first = root.namedChildren.find((c) => c.type !== 'comment');
    for (const statement of root.namedChildren) {
      const span = { start: statement.startIndex, end: statement.endIndex };
      // The first statement may be the module's docstring, where other judgements hold (isDocstring).
      const key = (statement.equals(first!) ? '\u0001' : '') + text.slice(span.start, span.end);
      const known = this.#byStatement.get(key) ?? next.get(key);
      if (known) {
        found.push(...known.findings.map((f) => f.moved(span.start - known.start)));
        next.set(key, known);
      } else changed.push({ key, span });
    }
    const fresh = scanRanges(root, text, changed.map((c) => c.span), filePath);
    for (const { key, span } of changed) {
      next.set(key, { start: span.start, findings: fresh.filter((f) => f.span.start >= span.start && f.span.start < span.end) });
    }
    this.#byStatement = next;
    return [...found, ...fresh].sort((a, b) => a.span.start - b.span.start);
  }
}

/** `filePath` tells test files (see test-code.ts). */
export function scanPythonCredentials(root: SyntaxNode, text: string, filePath?: string): CredentialFinding[] {
  return scanRanges(root, text, [{ start: 0, end: text.length }], filePath);
}

function scanRanges(root: SyntaxNode, text: string, ranges: readonly Span[], filePath: string | undefined): CredentialFinding[] {
  if (!ranges.length) return [];
  const scanner = new PythonCredentialScanner(root, text, isTestPath(filePath));
  for (const offset of credentialCandidates(text, ranges)) scanner.candidate(offset);
  return scanner.findings.sort((a, b) => a.span.start - b.span.start);
}

/**
 * False only when the scan finds nothing in this text, decided without parsing: every finding is
 * in a string or comment the scan reaches from a candidate, which lies in the candidate's logical
 * line; so a text passes when one of its candidates' lines holds a comment or a string value that
 * is a credential in some context, or a string whose value the text alone does not give.
 */
export function mayHoldCredentials(text: string): boolean {
  const offsets: number[] = [];
  for (const offset of credentialCandidates(text, [{ start: 0, end: text.length }])) if (offset < text.length) offsets.push(offset); // the scan skips the others too
  if (!offsets.length) return false;
  const lines = LogicalLines.of(text, offsets.reduce((a, b) => Math.max(a, b)));
  if (!lines) return true; // not Python as the tokenizer reads it: the parser decides
  const judged = new Set<number>();
  for (const offset of offsets) {
    const index = lines.indexAt(offset);
    if (judged.has(index)) continue;
    judged.add(index);
    if (mayHoldCredentialIn(lines.line(index))) return true;
  }
  return false;
}

function mayHoldCredentialIn(line: LogicalLine): boolean {
  if (line.opaque) return true;
  // With unknown parts, a value is judged by the context-free detectors only (fromContext wants it
  // whole), and no two literals are joined without one between them (that would be opaque).
  if (line.holey && line.strings.some((value) => CONTEXT_FREE_EVIDENCE.test(value))) return true;
  let lineReadings: ReadonlySet<ValueReading> | undefined;
  for (const [i, value] of line.strings.entries()) {
    const names = line.dictNames[i];
    const readings = names ? readingsOf(names) : (lineReadings ??= readingsOfLine(line));
    if (mayBeCredentialValue(value, readings)) return true;
  }
  // A comment's text as tree-sitter gives it may or may not end in the `\r` of a CRLF.
  const commentFinding = (c: string) => CONTEXT_FREE_EVIDENCE.test(c) && detectCredential(c, { comment: true }) !== undefined;
  return line.comments.some((c) => commentFinding(c) || (c.endsWith('\r') && commentFinding(c.slice(0, -1))));
}

const EVERY_READING: ReadonlySet<ValueReading> = new Set([...NAME_CLASSES, 'user-password']);

/**
 * Every name class or role the scan's context can give a string of this line (see #context): the
 * names it takes are identifiers and strings of the line, the roles come from callees and flags
 * written there; only a returned value takes its name from elsewhere (the function's).
 */
function readingsOfLine(line: LogicalLine): ReadonlySet<ValueReading> {
  if (line.words.includes('return')) return EVERY_READING;
  const readings = readingsOf(line.words, line.strings);
  for (const word of line.words) {
    const role = ARGUMENT_ROLES[word]?.role;
    if (role) readings.add(role);
  }
  for (const value of line.strings) {
    const flag = flagContext(value, line.strings);
    if (flag.role) readings.add(flag.role);
    const name = flag.name ?? nameFromPreviousArgument(value);
    const cls = name !== undefined ? classifyName(name) : undefined;
    if (cls) readings.add(cls);
  }
  if (readings.has('auth')) readings.add('password'); // `auth=("user", "pw")` (#sequenceContext)
  return readings;
}

/** The classes of names: identifiers (also as map keys) and strings. */
function readingsOf(...names: string[][]): Set<ValueReading> {
  const readings = new Set<ValueReading>();
  for (const list of names) {
    for (const name of list) {
      const cls = classifyName(name);
      if (cls) readings.add(cls);
      const asKey = classifyName(name, true);
      if (asKey) readings.add(asKey);
    }
  }
  return readings;
}

/**
 * The offsets the scan asks tree-sitter about, from the text alone: value anchors, the value
 * after a flag, and every word that leads to a credential (credential names followed by a value,
 * password APIs, commands).
 */
function* credentialCandidates(text: string, ranges: readonly Span[]): Generator<number> {
  for (const pattern of VALUE_ANCHORS) for (const m of matchesIn(pattern, text, ranges)) yield m.index;
  for (const m of matchesIn(NEXT_ITEM_ANCHOR, text, ranges)) yield m.index + m[0].length;
  for (const m of matchesIn(WORD_STEM, text, ranges)) {
    let start = m.index;
    let end = m.index + m[0].length;
    while (start > 0 && NAME_CHAR.test(text[start - 1]!)) start--;
    while (end < text.length && NAME_CHAR.test(text[end]!)) end++;
    WORD_STEM.lastIndex = end;
    while (start < end && '.$-'.includes(text[start]!)) start++;
    const name = text.slice(start, end).replace(/[.$-]+$/, '');
    const offset = name ? wordCandidate(text, name, start, end) : undefined;
    if (offset !== undefined) yield offset;
  }
}

/** Where the scan looks after a word: the value of a credential name, a password API's arguments, a command. */
function wordCandidate(text: string, name: string, start: number, end: number): number | undefined {
  const last = name.slice(name.lastIndexOf('.') + 1);
  const call = CALL_ANCHORS.has(last) ? last : name.endsWith('hmac.new') ? 'hmac.new' : undefined;
  if (call) {
    const open = call === 'field' || call === 'Field' ? FIELD_DEFAULT : CALL_OPEN;
    return followedBy(text, end, open) ? open.lastIndex : undefined;
  }
  if (COMMAND.test(last)) return start;
  if (last === 'Bearer' || last === 'Basic' || last === 'bearer') return followedBy(text, end, AUTH_SCHEME_VALUE) ? start : undefined;
  const cls = classifyName(name) ?? classifyName(name, true);
  if (!cls) return undefined;
  if (followedBy(text, end, AFTER_NAME)) return AFTER_NAME.lastIndex - 1; // the opening quote of the value
  if (cls === 'weak-key') return undefined;
  // Inside a string: `name=value`, `--name value`, SQL `PASSWORD '...'`.
  const assignment = text.startsWith('--', start - 2) ? FLAG_AFTER_NAME : EMBEDDED_AFTER_NAME;
  return followedBy(text, end, assignment) || (cls === 'password' && followedBy(text, end, SQL_PASSWORD_VALUE)) ? start : undefined;
}

class PythonCredentialScanner {
  readonly findings: CredentialFinding[] = [];
  readonly #seen = new Set<number>();
  readonly #seenStrings = new Set<number>();

  constructor(
    readonly root: SyntaxNode,
    readonly text: string,
    readonly testFile: boolean,
  ) {}

  /** A candidate offset: find the string or comment there and evaluate it (once). */
  candidate(offset: number): void {
    if (offset >= this.text.length) return;
    let node: SyntaxNode | null = this.root.descendantForIndex(offset);
    if (!node) return;
    if (node.type === 'comment') {
      this.#comment(node);
      return;
    }
    while (node && node.type !== 'string') {
      if (node.type === 'argument_list') {
        // A call anchor that landed on a non-string first argument: the strings are among the others.
        for (const child of node.namedChildren) {
          const arg = child.type === 'keyword_argument' ? child.childForFieldName('value') : child;
          if (arg && isStringExpression(arg)) this.#string(firstString(arg));
        }
        return;
      }
      if (node.type === 'module' || node.type === 'block' || node.type.endsWith('statement')) return;
      node = node.parent;
    }
    if (node) this.#string(node);
  }

  #comment(node: SyntaxNode): void {
    if (this.#seen.has(node.startIndex)) return;
    this.#seen.add(node.startIndex);
    const literal = textOf(node, this.text);
    const found = detectCredential(literal, { comment: true });
    if (found) this.findings.push(new CredentialFinding(found, { start: node.startIndex + found.start, end: node.startIndex + found.end }, literal));
  }

  #string(stringNode: SyntaxNode): void {
    if (this.#seenStrings.has(stringNode.startIndex)) return;
    this.#seenStrings.add(stringNode.startIndex);
    const expression = outermostStringExpression(stringNode);
    if (this.#seen.has(expression.startIndex)) return;
    this.#seen.add(expression.startIndex);
    const { value, parts } = this.#valueOf(expression);
    const context = this.#context(expression);
    let found = detectCredential(value, context);
    if (found && mayBeSample(found.kind)) {
      const docstring = isDocstring(expression);
      found = detectCredential(value, { ...context, docstring, sample: docstring || this.testFile || this.#inTestCode(expression) });
    }
    if (found) {
      let part = parts[0]!;
      for (const p of parts) if (p.start <= found.start) part = p;
      const literal = { start: part.node.startIndex, end: part.node.endIndex };
      this.findings.push(new CredentialFinding(found, reportSpan(this.text, literal, value, part.start, found), value));
    }
    // Tuples, lists and argument lists hold related values: `auth=("user", "pw")`, `["-u", "user:pw"]`.
    const container = climbTransparent(expression).parent;
    if (container && SEQUENCES.has(container.type) && container.namedChildCount <= MAX_RELATED) {
      for (const sibling of container.namedChildren) if (isStringExpression(sibling)) this.#string(firstString(sibling));
    }
  }

  /** In an assertion, a `test*` function or a `Test*` class. */
  #inTestCode(node: SyntaxNode): boolean {
    for (let up = node.parent; up; up = up.parent) {
      if (up.type === 'assert_statement') return true;
      const name = up.type === 'function_definition' || up.type === 'class_definition' ? up.childForFieldName('name') : null;
      if (name && (up.type === 'function_definition' ? isTestFunctionName : isTestClassName)(textOf(name, this.text))) return true;
    }
    return false;
  }

  #valueOf(expression: SyntaxNode): StringValue {
    const parts: ValuePart[] = [];
    let value = '';
    const visit = (node: SyntaxNode): void => {
      node = unparenthesize(node);
      if (node.type === 'string') {
        parts.push({ node, start: value.length });
        for (const part of readString(node, this.text).parts) value += part.kind === 'text' ? part.value : HOLE;
      } else if (node.type === 'concatenated_string' || isPlus(node)) {
        for (const child of node.namedChildren) if (child.type !== 'comment') visit(child);
      } else {
        value += HOLE;
      }
    };
    visit(expression);
    return { value, parts };
  }

  /** What the syntax around a string expression says about it. */
  #context(expression: SyntaxNode): CredentialContext {
    const context = this.#placeContext(expression);
    if (context.role || (context.name !== undefined && classifyName(context.name, context.nameIsMapKey))) return context;
    const alternative = this.#alternativeName(expression);
    return alternative !== undefined ? { name: alternative } : context;
  }

  /** `os.environ.get("TOKEN") or "abc"`: the other operand of an `or` names the default. */
  #alternativeName(expression: SyntaxNode): string | undefined {
    for (let node = expression, parent = node.parent; parent && TRANSPARENT.has(parent.type); node = parent, parent = parent.parent) {
      if (parent.type !== 'boolean_operator') continue;
      const other = parent.namedChildren.find((c) => !c.equals(node));
      const name = other && this.#nameOf(other);
      if (name !== undefined) return name;
    }
    return undefined;
  }

  #placeContext(expression: SyntaxNode): CredentialContext {
    const { text } = this;
    const node = climbTransparent(expression);
    const parent = node.parent;
    if (!parent) return {};
    switch (parent.type) {
      case 'assignment':
      case 'augmented_assignment': {
        const left = parent.childForFieldName('left');
        return left && !left.equals(node) ? { name: this.#nameOf(left) } : {};
      }
      case 'keyword_argument': {
        const name = parent.childForFieldName('name');
        if (!name) return {};
        const call = parent.parent?.parent;
        const callee = call?.type === 'call' ? calleeName(call.childForFieldName('function'), text) : undefined;
        // `password: str = field(default="...")`
        if (textOf(name, text) === 'default' && callee && WRAPPER_CALLS.has(callee)) return this.#context(call!);
        if (VALUE_FIELDS.has(textOf(name, text))) {
          const named = this.#recordName(parent.parent!.namedChildren, 'keyword_argument');
          if (named !== undefined) return { name: named };
        }
        return { name: textOf(name, text) };
      }
      case 'expression_list': {
        // `user, password = "app", "pw"`
        const assignment = parent.parent;
        const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : null;
        if (!left || (left.type !== 'pattern_list' && left.type !== 'tuple_pattern')) return {};
        const index = parent.namedChildren.findIndex((c) => c.equals(node));
        const target = left.namedChildren[index];
        return target ? { name: this.#nameOf(target) } : {};
      }
      case 'pair': {
        const key = parent.childForFieldName('key');
        if (!key || key.equals(node)) return {};
        const name = this.#nameOf(key);
        if (name !== undefined && VALUE_FIELDS.has(name)) {
          const named = parent.parent ? this.#recordName(parent.parent.namedChildren, 'pair') : undefined;
          if (named !== undefined) return { name: named };
        }
        return { name, nameIsMapKey: key.type !== 'string' };
      }
      case 'default_parameter':
      case 'typed_default_parameter': {
        const name = parent.childForFieldName('name');
        return name ? { name: textOf(name, text) } : {};
      }
      case 'comparison_operator': {
        const other = parent.namedChildren.find((c) => !c.equals(node));
        return other ? { name: this.#nameOf(other) } : {};
      }
      case 'argument_list':
        return this.#argumentContext(parent, node);
      case 'tuple':
      case 'list':
        return this.#sequenceContext(parent, node);
      case 'return_statement': {
        for (let up = parent.parent; up; up = up.parent) {
          if (up.type === 'function_definition') return { name: textOf(up.childForFieldName('name')!, text) };
        }
        return {};
      }
      default:
        return {};
    }
  }

  #argumentContext(list: SyntaxNode, node: SyntaxNode): CredentialContext {
    const call = list.parent;
    const callee = call?.type === 'call' ? calleeName(call.childForFieldName('function'), this.text) : undefined;
    if (!call || !callee) return {};
    const positional = list.namedChildren.filter((c) => c.type !== 'keyword_argument' && c.type !== 'comment');
    const index = positional.findIndex((c) => c.equals(node));
    if (WRAPPER_CALLS.has(callee) && index === 0) {
      const outer = this.#context(call);
      if (outer.name !== undefined) return outer;
    }
    const role = ARGUMENT_ROLES[callee];
    if (role && role.index === index) return { role: role.role };
    const previous = index > 0 ? positional[index - 1] : undefined;
    const previousText = previous?.type === 'string' ? this.#stringText(previous) : undefined;
    if (NAMED_DEFAULT_CALLS.has(callee) && previousText !== undefined) return { name: previousText };
    const paired = previousText !== undefined ? nameFromPreviousArgument(previousText) : undefined;
    return paired ? { name: paired } : {};
  }

  #sequenceContext(sequence: SyntaxNode, node: SyntaxNode): CredentialContext {
    if (sequence.namedChildCount > MAX_RELATED) return {};
    const items = sequence.namedChildren.filter((c) => c.type !== 'comment');
    const index = items.findIndex((c) => c.equals(node));
    // `auth=("user", "pw")`, `api_key=("key-id", "key")`: an (id, secret) pair under a credential name.
    if (sequence.type === 'tuple' && items.length === 2 && index === 1) {
      const outer = this.#context(sequence);
      const cls = outer.name !== undefined ? classifyName(outer.name) : undefined;
      if (cls === 'auth') return { role: 'password' };
      if (cls) return outer;
    }
    const previous = index > 0 ? items[index - 1]! : undefined;
    if (previous?.type !== 'string') return {};
    const strings = items.filter((c) => c.type === 'string').map((c) => this.#stringText(c));
    return flagContext(this.#stringText(previous), strings);
  }

  /** In a name/value record (keyword arguments or dict pairs), the string of its name field. */
  #recordName(fields: SyntaxNode[], type: 'keyword_argument' | 'pair'): string | undefined {
    const nameField = type === 'pair' ? 'key' : 'name';
    for (const field of fields) {
      if (field.type !== type) continue;
      const label = field.childForFieldName(nameField);
      const value = field.childForFieldName('value');
      const labelText = label && (label.type === 'string' ? this.#stringText(label) : textOf(label, this.text));
      if (labelText && NAME_FIELDS.has(labelText) && value?.type === 'string') return this.#stringText(value);
    }
    return undefined;
  }

  /** The name an expression stands for: `x`, `obj.attr`, `d["key"]`, `os.environ.get("X")`. */
  #nameOf(node: SyntaxNode): string | undefined {
    node = unparenthesize(node);
    switch (node.type) {
      case 'identifier':
        return textOf(node, this.text);
      case 'attribute':
        return textOf(node.childForFieldName('attribute')!, this.text);
      case 'string':
        return this.#stringText(node);
      case 'subscript': {
        const index = node.childForFieldName('subscript');
        return index ? this.#nameOf(index) : undefined;
      }
      case 'call': {
        const callee = calleeName(node.childForFieldName('function'), this.text);
        const first = node.childForFieldName('arguments')?.namedChildren[0];
        return callee && NAMED_DEFAULT_CALLS.has(callee) && first?.type === 'string' ? this.#stringText(first) : undefined;
      }
      default:
        return undefined;
    }
  }

  #stringText(node: SyntaxNode): string {
    return readString(node, this.text)
      .parts.map((p) => (p.kind === 'text' ? p.value : HOLE))
      .join('');
  }
}

/** The first statement of a module, class or function body, when it is a string. */
function isDocstring(node: SyntaxNode): boolean {
  const statement = node.parent;
  const body = statement?.type === 'expression_statement' ? statement.parent : null;
  return !!body && (body.type === 'module' || body.type === 'block') && body.namedChildren.find((c) => c.type !== 'comment')?.equals(statement!) === true;
}

/** Does sticky `pattern` match at `offset`? (Its lastIndex is then the end of the match.) */
function followedBy(text: string, offset: number, pattern: RegExp): boolean {
  pattern.lastIndex = offset;
  return pattern.test(text);
}

function isPlus(node: SyntaxNode): boolean {
  return node.type === 'binary_operator' && node.childForFieldName('operator')?.type === '+';
}

/** A string, a concatenation of strings, or `+` with at least one string operand. */
function isStringExpression(node: SyntaxNode): boolean {
  if (node.type === 'string' || node.type === 'concatenated_string') return true;
  return isPlus(node) && node.namedChildren.some((c) => isStringExpression(unparenthesize(c)));
}

function firstString(node: SyntaxNode): SyntaxNode {
  if (node.type === 'string') return node;
  for (const child of node.namedChildren) {
    const inner = unparenthesize(child);
    if (isStringExpression(inner)) return firstString(inner);
  }
  return node;
}

/** The whole value expression a string belongs to: `"a" "b"`, `"a" + x + "b"`. */
function outermostStringExpression(node: SyntaxNode): SyntaxNode {
  let current = node;
  for (let parent = current.parent; parent; parent = current.parent) {
    if (parent.type === 'concatenated_string' || isPlus(parent)) {
      current = parent;
    } else if (parent.type === 'parenthesized_expression' && parent.parent && isPlus(parent.parent)) {
      current = parent;
    } else {
      break;
    }
  }
  return current;
}

/** Up through parentheses, `x if c else "v"`, `a or "v"`: the value's place in the code. */
function climbTransparent(node: SyntaxNode): SyntaxNode {
  let current = node;
  for (let parent = current.parent; parent && TRANSPARENT.has(parent.type); parent = current.parent) {
    // The condition of a conditional expression is not its value.
    if (parent.type === 'conditional_expression' && parent.namedChildren[1]?.equals(current)) break;
    current = parent;
  }
  // `"pw".encode()`: the literal is the object of a method call whose result is the value.
  for (let parent = current.parent; parent?.type === 'attribute' && parent.parent?.type === 'call'; parent = current.parent) {
    current = parent.parent;
  }
  return current;
}

function calleeName(callee: SyntaxNode | null, text: string): string | undefined {
  if (!callee) return undefined;
  if (callee.type === 'identifier') return textOf(callee, text);
  if (callee.type === 'attribute') return textOf(callee.childForFieldName('attribute')!, text);
  return undefined;
}
