// Which calls expose a value passed to them (print, loggers, Flyte decks and reports, exceptions,
// files that a task returns), and which only transform it (str, .format, json.dumps...). Passing a
// secret to any other function is how secrets are used, not a leak.
import type { SyntaxNode } from '../python/parser.js';
import { argumentOf, callArguments, calledAs, enclosingFunction, identifierAt, namesVariable, textOf, unparenthesize } from '../python/syntax.js';
import { matchesIn } from '../text/matches.js';
import { bindingOf, identifierUses, localValue } from './local-names.js';
import type { ModuleScope } from './module-scope.js';
import { canonicalSymbol, SYMBOLS } from './symbols.js';
import type { LeakSink } from './types.js';

const PRINTS = new Set(['print', 'pprint', 'pprint.pprint', 'rich.print', 'sys.stdout.write', 'sys.stderr.write', 'click.echo', 'click.secho', 'typer.echo', 'warnings.warn']);
const LOG_METHODS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'fatal', 'log', 'msg', 'success', 'trace']);
/** `logger`, `log`, `LOGGER`, `_log`, `task_logger`, `self.logger`... */
const LOGGER_NAME = /(?:^|_)(?:log|logger)$/i;
const REPORTS = new Set(['flyte.report.log', 'flyte.report.replace']);
const WRITE_METHODS = new Set(['write', 'writelines', 'write_text', 'write_bytes']);
const DUMPERS = new Set(['json.dump', 'yaml.dump', 'yaml.safe_dump', 'pickle.dump', 'toml.dump']);
/** flytekit's FlyteFile/FlyteDirectory and Flyte 2's `File.from_local`/`Dir.from_local`: a task output. */
const OUTPUT_CONSTRUCTORS = /\b(?:FlyteFile|FlyteDirectory|from_local)\b/g;

/** Methods whose result still holds the value of their receiver. */
export const PRESERVING_METHODS = new Set([
  'strip', 'lstrip', 'rstrip', 'encode', 'decode', 'upper', 'lower', 'casefold', 'title', 'capitalize', 'replace',
  'format', 'format_map', 'split', 'rsplit', 'splitlines', 'partition', 'rpartition', 'removeprefix', 'removesuffix',
  'zfill', 'ljust', 'rjust', 'center', 'expandtabs', 'copy', 'items', 'values', 'to_html',
]);
/** Functions whose result holds the value passed to them. */
export const PRESERVING_CALLS = new Set([
  'str', 'repr', 'bytes', 'bytearray', 'format', 'list', 'tuple', 'set', 'frozenset', 'sorted', 'reversed', 'dict',
  'json.dumps', 'yaml.dump', 'yaml.safe_dump', 'base64.b64encode', 'base64.b64decode', 'base64.urlsafe_b64encode',
  'base64.standard_b64encode', 'binascii.hexlify', 'codecs.encode', 'urllib.parse.quote', 'urllib.parse.quote_plus',
  'urllib.parse.urlencode', 'textwrap.dedent', 'textwrap.indent', 'html.escape', 'shlex.quote', 'pprint.pformat',
]);

export interface SinkMatch {
  sink: LeakSink;
  /** Where to report: the call, or the raise statement. */
  node: SyntaxNode;
  text: string;
}

export class SinkClassifier {
  readonly #outputNames = new Map<number, Set<string>>();

  constructor(readonly scope: ModuleScope) {}

  /** The function a call means: its qualified name, or a builtin's own name when the module does not rebind it. */
  callName(callee: SyntaxNode): string {
    const qualified = this.scope.qualifiedName(callee);
    if (qualified) return qualified;
    const name = textOf(callee, this.scope.text);
    return callee.type === 'identifier' && !this.scope.bindings.has(name) && !this.scope.assignments.has(name) ? name : '';
  }

  /**
   * What a call that receives a secret value (as `argument`, at position/keyword `where`) exposes it
   * to, if anything. `name` is the callee's `callName`; `taskFunction` is the node of the task the
   * call runs in, if any.
   */
  classify(call: SyntaxNode, callee: SyntaxNode, name: string, where: number | string | undefined, taskFunction: SyntaxNode | undefined): SinkMatch | undefined {
    const { text } = this.scope;
    const calleeText = textOf(callee, text);
    let raised: SyntaxNode = call;
    while (raised.parent?.type === 'parenthesized_expression') raised = raised.parent;
    if (raised.parent?.type === 'raise_statement' && raised.parent.namedChild(0)?.equals(raised)) return { sink: 'raise', node: raised.parent, text: calleeText };

    const method = callee.type === 'attribute' ? textOf(callee.childForFieldName('attribute')!, text) : undefined;
    const object = callee.type === 'attribute' ? callee.childForFieldName('object')! : undefined;
    if (PRINTS.has(name) || (object && /^console$/i.test(textOf(object, text)) && (method === 'print' || method === 'log'))) return { sink: 'print', node: call, text: calleeText };
    if (canonicalSymbol(name) === SYMBOLS.flytekitDeck || (method === 'append' && this.#isDeck(object!, 0))) return { sink: 'deck', node: call, text: calleeText };
    if (this.#isReport(callee, name, method)) return { sink: 'deck', node: call, text: calleeText };
    if (method && LOG_METHODS.has(method) && this.#isLogger(object!, 0)) return { sink: 'log', node: call, text: calleeText };
    if (taskFunction) {
      const target = method && WRITE_METHODS.has(method) ? object : DUMPERS.has(name) && where === 0 ? fileArgument(call, text) : undefined;
      if (target && this.#writesOutput(target, taskFunction)) return { sink: 'output', node: call, text: calleeText };
    }
    return undefined;
  }

  /** A `@dataclass`, NamedTuple, TypedDict or pydantic model defined in this module: its instances hold what they are given. */
  isRecordClass(callee: SyntaxNode): boolean {
    if (callee.type !== 'identifier') return false;
    const definition = this.scope.singleAssignment(textOf(callee, this.scope.text))?.parent;
    if (definition?.type !== 'class_definition') return false;
    const bases = definition.childForFieldName('superclasses');
    if (bases && /\b(?:BaseModel|NamedTuple|TypedDict)\b/.test(textOf(bases, this.scope.text))) return true;
    const decorated = definition.parent;
    return decorated?.type === 'decorated_definition' && /\bdataclass\b/.test(textOf(decorated, this.scope.text).slice(0, definition.startIndex - decorated.startIndex));
  }

  /** A value's definition: a local assigned once, else a module-level name assigned once. */
  #definition(node: SyntaxNode): SyntaxNode | undefined {
    if (node.type !== 'identifier') return undefined;
    const name = textOf(node, this.scope.text);
    const fn = enclosingFunction(node);
    const local = fn ? localValue(this.scope.root, this.scope.text, fn, name) : undefined;
    if (local !== undefined) return local ?? undefined;
    const module = this.scope.singleAssignment(name);
    return module?.type === 'identifier' ? undefined : module;
  }

  #isLogger(node: SyntaxNode, depth: number): boolean {
    const target = unparenthesize(node);
    if (this.scope.qualifiedName(target) === 'logging') return true;
    if (target.type === 'call') return /(?:getLogger|get_logger|getChild)$/.test(this.callName(target.childForFieldName('function')!));
    const last = target.type === 'attribute' ? target.childForFieldName('attribute')! : target;
    if (last.type === 'identifier' && LOGGER_NAME.test(textOf(last, this.scope.text))) return true;
    const definition = depth < 2 ? this.#definition(target) : undefined;
    return definition ? this.#isLogger(definition, depth + 1) : false;
  }

  /** `Deck(...)`, `current_context().default_deck`, or a name bound to either. */
  #isDeck(node: SyntaxNode, depth: number): boolean {
    const target = unparenthesize(node);
    if (target.type === 'attribute' && textOf(target.childForFieldName('attribute')!, this.scope.text) === 'default_deck') return true;
    if (target.type === 'call') return this.scope.symbolOf(target.childForFieldName('function')!) === SYMBOLS.flytekitDeck;
    const definition = depth < 2 ? this.#definition(target) : undefined;
    return definition ? this.#isDeck(definition, depth + 1) : false;
  }

  /** Flyte 2 `flyte.report.log(...)`/`replace(...)` (also `.aio`), and `tab.log(...)` of `flyte.report.get_tab(...)`. */
  #isReport(callee: SyntaxNode, name: string, method: string | undefined): boolean {
    if (method !== 'aio') return REPORTS.has(name) || this.#isReportTab(callee);
    const target = callee.childForFieldName('object')!;
    return REPORTS.has(this.scope.qualifiedName(target) ?? '') || this.#isReportTab(target);
  }

  #isReportTab(target: SyntaxNode): boolean {
    if (target.type !== 'attribute' || !['log', 'replace'].includes(textOf(target.childForFieldName('attribute')!, this.scope.text))) return false;
    const object = unparenthesize(target.childForFieldName('object')!);
    const tab = object.type === 'call' ? object : this.#definition(object);
    return tab?.type === 'call' && this.scope.qualifiedName(tab.childForFieldName('function')!) === 'flyte.report.get_tab';
  }

  /** Whether the file written through `target` is (inside) a FlyteFile/FlyteDirectory the task builds. */
  #writesOutput(target: SyntaxNode, taskFunction: SyntaxNode): boolean {
    const outputs = this.#outputs(taskFunction);
    if (!outputs.size) return false;
    for (const name of this.#pathNames(target, taskFunction, 0)) if (outputs.has(name)) return true;
    return false;
  }

  #outputs(fn: SyntaxNode): Set<string> {
    let names = this.#outputNames.get(fn.startIndex);
    if (names) return names;
    names = new Set();
    const { root, text } = this.scope;
    for (const match of matchesIn(OUTPUT_CONSTRUCTORS, text, [{ start: fn.startIndex, end: fn.endIndex }])) {
      const identifier = identifierAt(root, match.index, match.index + match[0].length);
      const callee = identifier?.parent?.type === 'attribute' ? identifier.parent : identifier;
      const call = callee && calledAs(callee);
      if (!call) continue;
      const args = call.childForFieldName('arguments');
      if (args) for (const name of this.#pathNames(args, fn, 0)) names.add(name);
    }
    this.#outputNames.set(fn.startIndex, names);
    return names;
  }

  /** The variables a path or file-handle expression is built from, through local definitions and `with ... as f`. */
  #pathNames(node: SyntaxNode, fn: SyntaxNode, depth: number): Set<string> {
    const { root, text, bindings } = this.scope;
    const names = new Set<string>();
    const identifiers = node.type === 'identifier' ? [node] : node.descendantsOfType('identifier');
    for (const identifier of identifiers) {
      if (!namesVariable(identifier) || calledAs(identifier)) continue;
      const name = textOf(identifier, text);
      if (bindings.has(name) || names.has(name)) continue;
      names.add(name);
      const bound = depth < 2 ? boundValue(root, text, fn, identifier) : undefined;
      if (bound) for (const inner of this.#pathNames(bound, fn, depth + 1)) names.add(inner);
    }
    return names;
  }
}

/** What a variable holds where it is used: the value of the last `x = ...` or `with ... as x` before the use. */
function boundValue(root: SyntaxNode, text: string, fn: SyntaxNode, use: SyntaxNode): SyntaxNode | undefined {
  let value: SyntaxNode | undefined;
  for (const other of identifierUses(root, text, textOf(use, text), fn.startIndex, use.startIndex)) {
    const binding = bindingOf(other);
    if (!binding || binding.from > use.startIndex) continue;
    if (binding.node.type === 'assignment') value = binding.node.childForFieldName('right') ?? undefined;
    else if (binding.node.type === 'as_pattern_target') value = binding.node.parent?.namedChild(0) ?? undefined;
    else value = undefined;
  }
  return value;
}

/** `json.dump(obj, fp)`: the file argument. */
function fileArgument(call: SyntaxNode, text: string): SyntaxNode | undefined {
  return argumentOf(callArguments(call, text), 1, 'fp', 'stream', 'file');
}
