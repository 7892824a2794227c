// The JS/TS adapter of the credential detector: turns ESTree string literals, template literals and
// `+` concatenations into (value, context) pairs for the core classifier, the way the Python
// adapter does from tree-sitter. ESLint has already built the tree, so visiting every literal costs
// little here; the classifier's own prefilters keep each check cheap.
import {
  ARGUMENT_ROLES,
  CredentialFinding,
  detectCredential,
  flagContext,
  HOLE,
  NAME_FIELDS,
  NAMED_DEFAULT_CALLS,
  mayBeSample,
  nameFromPreviousArgument,
  reportSpan,
  TEST_CALLS,
  VALUE_FIELDS,
  WRAPPER_CALLS,
  classifyName,
  type CredentialContext,
} from '@flyte-secrets/core';
import type { TSESTree } from '@typescript-eslint/utils';

type Node = TSESTree.Node;
type StringNode = TSESTree.StringLiteral | TSESTree.TemplateLiteral;

/** Wrappers that leave a value's place in the code unchanged. */
const TRANSPARENT = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'ChainExpression', 'AwaitExpression']);
/** Where a value's own syntax ends: a literal here is a module name, a type or a directive, not a value. */
const NOT_VALUES = new Set(['ImportDeclaration', 'ExportAllDeclaration', 'ExportNamedDeclaration', 'ImportExpression', 'TSLiteralType', 'TSExternalModuleReference', 'TSModuleDeclaration', 'TSImportType']);
const SEQUENCE_LIMIT = 12;

const isString = (node: Node): node is TSESTree.StringLiteral => node.type === 'Literal' && typeof node.value === 'string';
const isPlus = (node: Node | undefined): node is TSESTree.BinaryExpression => node?.type === 'BinaryExpression' && node.operator === '+';

interface Part {
  node: StringNode;
  start: number;
}

/** The value of a string expression (HOLE for unknown parts) and the literal each part came from. */
function valueOf(expression: Node): { value: string; parts: Part[] } {
  const parts: Part[] = [];
  let value = '';
  const visit = (node: Node): void => {
    if (isString(node)) {
      parts.push({ node, start: value.length });
      value += node.value;
    } else if (node.type === 'TemplateLiteral') {
      parts.push({ node, start: value.length });
      node.quasis.forEach((quasi, i) => {
        value += quasi.value.cooked ?? quasi.value.raw;
        if (i < node.expressions.length) value += HOLE;
      });
    } else if (isPlus(node)) {
      visit(node.left);
      visit(node.right);
    } else {
      value += HOLE;
    }
  };
  visit(expression);
  return { value, parts };
}

/** The whole `"a" + x + "b"` a literal is part of. */
function outermost(node: Node): Node {
  let current = node;
  while (isPlus(current.parent)) current = current.parent;
  return current;
}

/** Up through `as`, `!`, `await`, `x ? "a" : "b"`, `a ?? "b"`: the value's place in the code. */
function climb(node: Node): Node {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (!parent) return current;
    if (TRANSPARENT.has(parent.type)) current = parent;
    else if (parent.type === 'ConditionalExpression' && parent.test !== current) current = parent;
    else if (parent.type === 'LogicalExpression' && parent.right === current) current = parent;
    else if (parent.type === 'MemberExpression' && parent.object === current && parent.parent?.type === 'CallExpression') current = parent.parent; // "pw".trim()
    else return current;
  }
}

function stringOf(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (isString(node)) return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

function calleeName(callee: Node): string | undefined {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression') return propertyName(callee);
  return undefined;
}

function propertyName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed && member.property.type === 'Identifier') return member.property.name;
  return stringOf(member.property);
}

/** The name an expression stands for: `x`, `obj.prop`, `obj["prop"]`, `process.env.X`, `req.get("x-token")`. */
function nameOf(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'Identifier':
      return node.name;
    case 'MemberExpression':
      return propertyName(node);
    case 'ChainExpression':
    case 'TSNonNullExpression':
    case 'TSAsExpression':
      return nameOf(node.expression);
    case 'CallExpression': {
      const callee = calleeName(node.callee);
      return callee && NAMED_DEFAULT_CALLS.has(callee) ? stringOf(node.arguments[0]) : undefined;
    }
    case 'Literal':
      return stringOf(node);
    default:
      return undefined;
  }
}

function keyName(key: TSESTree.Node, computed: boolean): CredentialContext {
  if (!computed && (key.type === 'Identifier' || key.type === 'PrivateIdentifier')) return { name: key.name };
  const literal = stringOf(key);
  if (literal !== undefined) return { name: literal };
  return computed ? { name: nameOf(key), nameIsMapKey: true } : {};
}

function recordName(record: TSESTree.ObjectExpression): string | undefined {
  for (const property of record.properties) {
    if (property.type !== 'Property') continue;
    const label = keyName(property.key, property.computed).name;
    if (label !== undefined && NAME_FIELDS.has(label)) return stringOf(property.value);
  }
  return undefined;
}

/** What the syntax around a value says about it. */
function placeContext(expression: Node): CredentialContext {
  const node = climb(expression);
  const parent = node.parent;
  if (!parent) return {};
  switch (parent.type) {
    case 'VariableDeclarator':
      return parent.init === node && parent.id.type === 'Identifier' ? { name: parent.id.name } : {};
    case 'AssignmentExpression':
      return parent.right === node ? { name: nameOf(parent.left) } : {};
    case 'Property': {
      if (parent.value !== node) return {};
      const key = keyName(parent.key, parent.computed);
      // `{ name: "DB_PASSWORD", value: "..." }`: the value takes the record's name.
      if (key.name !== undefined && VALUE_FIELDS.has(key.name) && parent.parent.type === 'ObjectExpression') {
        const named = recordName(parent.parent);
        if (named !== undefined) return { name: named };
      }
      return key;
    }
    case 'PropertyDefinition':
      return parent.value === node ? keyName(parent.key, parent.computed) : {};
    case 'AssignmentPattern':
      return parent.right === node ? { name: nameOf(parent.left) } : {};
    case 'TSEnumMember':
      return { name: nameOf(parent.id) };
    case 'BinaryExpression':
      return ['===', '==', '!==', '!='].includes(parent.operator) ? { name: nameOf(parent.left === node ? parent.right : parent.left) } : {};
    case 'JSXAttribute':
      return parent.name.type === 'JSXIdentifier' ? { name: parent.name.name } : {};
    case 'JSXExpressionContainer':
      return parent.parent?.type === 'JSXAttribute' && parent.parent.name.type === 'JSXIdentifier' ? { name: parent.parent.name.name } : {};
    case 'CallExpression':
    case 'NewExpression':
      return argumentContext(parent, node);
    case 'ArrayExpression': {
      if (parent.elements.length > SEQUENCE_LIMIT) return {};
      const index = parent.elements.indexOf(node as TSESTree.Expression);
      const strings = parent.elements.map((e) => (e ? stringOf(e) : undefined)).filter((s): s is string => s !== undefined);
      return flagContext(index > 0 ? stringOf(parent.elements[index - 1]) : undefined, strings);
    }
    case 'ReturnStatement': {
      for (let up: Node | undefined = parent.parent; up; up = up.parent) {
        if (up.type === 'FunctionDeclaration' && up.id) return { name: up.id.name };
        if ((up.type === 'FunctionExpression' || up.type === 'ArrowFunctionExpression') && up.parent?.type === 'VariableDeclarator') return { name: nameOf(up.parent.id) };
        if (up.type === 'MethodDefinition' || up.type === 'Property') return keyName(up.key, up.computed);
      }
      return {};
    }
    default:
      return {};
  }
}

function argumentContext(call: TSESTree.CallExpression | TSESTree.NewExpression, node: Node): CredentialContext {
  const callee = calleeName(call.callee);
  if (!callee) return {};
  const index = call.arguments.indexOf(node as TSESTree.CallExpressionArgument);
  if (WRAPPER_CALLS.has(callee) && index === 0) {
    const outer = context(call);
    if (outer.name !== undefined) return outer;
  }
  const role = ARGUMENT_ROLES[callee];
  if (role && role.index === index) return { role: role.role };
  const previous = index > 0 ? stringOf(call.arguments[index - 1]) : undefined;
  if (NAMED_DEFAULT_CALLS.has(callee) && previous !== undefined) return { name: previous };
  const paired = previous !== undefined ? nameFromPreviousArgument(previous) : undefined;
  return paired ? { name: paired } : {};
}

/** `process.env.TOKEN ?? "abc"`: the other operand of `??`/`||` names the default. */
function alternativeName(expression: Node): string | undefined {
  for (let node = expression, parent = node.parent; parent; node = parent, parent = parent.parent) {
    if (parent.type === 'LogicalExpression' && parent.right === node) {
      const name = nameOf(parent.left);
      if (name !== undefined) return name;
    } else if (!TRANSPARENT.has(parent.type) && parent.type !== 'ConditionalExpression') {
      return undefined;
    }
  }
  return undefined;
}

function context(expression: Node): CredentialContext {
  const place = placeContext(expression);
  if (place.role || (place.name !== undefined && classifyName(place.name, place.nameIsMapKey))) return place;
  const alternative = alternativeName(expression);
  return alternative !== undefined ? { name: alternative } : place;
}

/** Inside `it(...)`, `test(...)`, `describe(...)`, `expect(...)` and the like. */
function inTestCode(node: Node): boolean {
  for (let up = node.parent; up; up = up.parent) {
    if (up.type !== 'CallExpression') continue;
    const callee = up.callee.type === 'MemberExpression' ? up.callee.object : up.callee; // it.each, expect(x).toBe
    const name = callee.type === 'CallExpression' ? calleeName(callee.callee) : calleeName(callee);
    if (name !== undefined && TEST_CALLS.has(name)) return true;
  }
  return false;
}

/** Finds the credentials of one JS/TS file, literal by literal. */
export class EstreeCredentialScanner {
  readonly findings: CredentialFinding[] = [];
  readonly #seen = new Set<Node>();

  /** `source`: the file's text, to place a finding inside a multi-line template literal; `testFile`: see isTestPath. */
  constructor(
    readonly source: string,
    readonly testFile: boolean,
  ) {}

  /** A string literal or template literal (each `+` chain is evaluated once, from its first literal). */
  literal(node: StringNode): void {
    if (node.parent && NOT_VALUES.has(node.parent.type)) return;
    if (node.parent?.type === 'Property' && node.parent.key === node) return;
    const expression = outermost(node);
    if (this.#seen.has(expression)) return;
    this.#seen.add(expression);
    const { value, parts } = valueOf(expression);
    const place = context(expression);
    let found = detectCredential(value, place);
    if (found && mayBeSample(found.kind)) found = detectCredential(value, { ...place, sample: this.testFile || inTestCode(expression) });
    if (!found) return;
    let part = parts[0]!;
    for (const p of parts) if (p.start <= found.start) part = p;
    const literal = { start: part.node.range[0], end: part.node.range[1] };
    this.findings.push(new CredentialFinding(found, reportSpan(this.source, literal, value, part.start, found), value));
  }

  /** A comment: only self-evident credentials (provider tokens, private keys, URLs with passwords). */
  comment(comment: TSESTree.Comment): void {
    const found = detectCredential(comment.value, { comment: true });
    if (!found) return;
    const start = comment.range[0] + 2 + found.start; // after `//` or `/*`
    this.findings.push(new CredentialFinding(found, { start, end: start + found.end - found.start }, comment.value));
  }
}
