// Uses and bindings of one name inside a function, found by a regex over the function's text and
// checked against the tree at each hit: never a walk of the function's subtree.
import type { SyntaxNode } from '../python/parser.js';
import { identifierAt, namesVariable, textOf } from '../python/syntax.js';
import { matchesIn } from '../text/matches.js';

/** Every identifier `name` in [from, to) that names a variable (not `x.name`, not `f(name=...)`). */
export function* identifierUses(root: SyntaxNode, text: string, name: string, from: number, to: number): Generator<SyntaxNode> {
  // `\b` is fast but sees only ASCII word characters: a non-ASCII name is searched as plain text.
  // Either way the tree confirms that the match is exactly an identifier.
  const pattern = new RegExp(/^\w+$/.test(name) ? `\\b${name}\\b` : name, 'g');
  for (const match of matchesIn(pattern, text, [{ start: from, end: to }])) {
    const identifier = identifierAt(root, match.index, match.index + name.length);
    if (identifier && namesVariable(identifier)) yield identifier;
  }
}

const PATTERNS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'list_splat_pattern', 'parenthesized_expression']);
const PARAMETERS = new Set(['parameters', 'lambda_parameters', 'default_parameter', 'typed_parameter', 'typed_default_parameter', 'list_splat_pattern', 'dictionary_splat_pattern']);

export interface Binding {
  /** The statement or construct that binds the name (assignment, for, with, parameter...). */
  node: SyntaxNode;
  /** Where the new value becomes visible: uses before this offset still see the old one. */
  from: number;
  /** `x += ...` keeps what `x` held and adds to it. */
  augmented: boolean;
}

/** When an identifier is the target of a binding, what binds it. */
export function bindingOf(identifier: SyntaxNode): Binding | undefined {
  let target = identifier;
  let parent = identifier.parent;
  while (parent && PATTERNS.has(parent.type)) {
    target = parent;
    parent = parent.parent;
  }
  if (!parent) return undefined;
  const isField = (field: string) => parent!.childForFieldName(field)?.equals(target) ?? false;
  switch (parent.type) {
    case 'assignment':
      return isField('left') ? { node: parent, from: parent.endIndex, augmented: false } : undefined;
    case 'augmented_assignment':
      return isField('left') ? { node: parent, from: parent.endIndex, augmented: true } : undefined;
    case 'for_statement':
    case 'for_in_clause':
      return isField('left') ? { node: parent, from: target.endIndex, augmented: false } : undefined;
    case 'as_pattern_target':
      return { node: parent, from: parent.endIndex, augmented: false };
    case 'named_expression':
      return isField('name') ? { node: parent, from: parent.endIndex, augmented: false } : undefined;
    case 'global_statement':
    case 'nonlocal_statement':
      return { node: parent, from: parent.endIndex, augmented: false };
    default:
      if (PARAMETERS.has(parent.type) && (parent.type.endsWith('parameters') || identifier.equals(parent.childForFieldName('name') ?? parent.namedChild(0)!))) {
        return { node: parent, from: parent.endIndex, augmented: false };
      }
      return undefined;
  }
}

/**
 * What a local variable holds when the function assigns it exactly once (`path = "/etc/..."`):
 * the value; `null` when the function binds it some other way (a parameter, several assignments,
 * a loop); undefined when the name is not local to the function.
 */
export function localValue(root: SyntaxNode, text: string, fn: SyntaxNode, name: string): SyntaxNode | null | undefined {
  let value: SyntaxNode | null | undefined;
  for (const use of identifierUses(root, text, name, fn.startIndex, fn.endIndex)) {
    const binding = bindingOf(use);
    if (!binding) continue;
    const right = binding.node.type === 'assignment' && binding.node.childForFieldName('left')?.equals(use) ? binding.node.childForFieldName('right') : null;
    if (value !== undefined || !right) return null;
    value = right;
  }
  return value;
}

/** The names a function takes, in order, and where its `*args` starts (positional ones after it are keyword-only). */
export function parameterNames(fn: SyntaxNode, text: string): { positional: string[]; keywordOnly: string[] } {
  const result = { positional: [] as string[], keywordOnly: [] as string[] };
  let keywordOnly = false;
  for (const param of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (param.type === 'list_splat_pattern' || param.type === 'keyword_separator') {
      keywordOnly = true;
      continue;
    }
    if (param.type === 'dictionary_splat_pattern' || param.type === 'positional_separator') continue;
    const nameNode = param.type === 'identifier' ? param : (param.childForFieldName('name') ?? param.namedChild(0));
    if (nameNode?.type !== 'identifier') continue;
    (keywordOnly ? result.keywordOnly : result.positional).push(textOf(nameNode, text));
  }
  return result;
}
