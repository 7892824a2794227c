// The module-level facts every other part of the model asks about: what each imported name
// means, which names are string constants or `Secret` objects, and what an expression resolves to.
// Built from the top-level statements only, so it costs little even for large modules.
import type { SyntaxNode } from '../python/parser.js';
import { readString } from '../python/strings.js';
import { callArguments, spanOf, textOf, unparenthesize } from '../python/syntax.js';
import type { ModuleLoader, ModuleSummary, SecretValue } from './module-loader.js';
import { canonicalSymbol, SYMBOLS, UNION_ROOTS } from './symbols.js';
import type { ArgValue, MountType, Resolved, SecretFlavor, SecretRequest } from './types.js';

type Binding = { module: string; name?: string };

export interface TopLevelFunction {
  name: string;
  /** The `function_definition` node. */
  node: SyntaxNode;
  decorators: SyntaxNode[];
}

const UNKNOWN: Resolved = { known: false };
const PATTERN_TARGETS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'parenthesized_expression', 'list_splat_pattern']);
/** Deep enough for constants built from constants; shallow enough to stop at cycles. */
const MAX_DEPTH = 12;

export interface RequestList {
  requests: SecretRequest[];
  known: boolean;
}

export class ModuleScope {
  readonly bindings = new Map<string, Binding>();
  /** Names of `bindings` imported inside functions only: fixes must not use them elsewhere. */
  readonly functionImports = new Set<string>();
  readonly starModules: string[] = [];
  /** End offsets of each `from <module> import a, b` statement's last name, by module. */
  readonly fromImportEnds = new Map<string, number>();
  /** Right-hand sides of every module-level assignment, by target name. */
  readonly assignments = new Map<string, SyntaxNode[]>();
  readonly functions: TopLevelFunction[] = [];
  /** Module-level `name = call(...)` statements (task instances, environments). */
  readonly assignedCalls: { name: string; call: SyntaxNode }[] = [];
  readonly warnings: string[] = [];
  readonly #secretCache = new Map<number, SecretRequest>();
  /** Offsets of names bound without a value expression (`def`, `class`, `for`, `+=`...). */
  readonly #definitions = new Set<number>();

  constructor(
    readonly root: SyntaxNode,
    readonly text: string,
    readonly filePath: string | undefined,
    readonly loader: ModuleLoader | undefined,
  ) {
    this.#collect(root.namedChildren, true);
    this.#collectFunctionImports();
  }

  // ---- top-level pass -------------------------------------------------------------------

  #collect(statements: SyntaxNode[], topLevel: boolean): void {
    for (const statement of statements) {
      switch (statement.type) {
        case 'import_statement':
          this.#importStatement(statement);
          break;
        case 'import_from_statement':
          this.#importFrom(statement);
          break;
        case 'expression_statement':
          this.#expressionStatement(statement);
          break;
        case 'function_definition':
          if (topLevel) this.#addFunction(statement, []);
          else this.#shadow(statement.childForFieldName('name'));
          break;
        case 'decorated_definition': {
          const definition = statement.childForFieldName('definition');
          if (topLevel && definition?.type === 'function_definition') {
            this.#addFunction(definition, statement.namedChildren.filter((c) => c.type === 'decorator'));
          } else {
            this.#shadow(definition?.childForFieldName('name') ?? null);
          }
          break;
        }
        case 'class_definition':
          this.#shadow(statement.childForFieldName('name'));
          break;
        case 'if_statement':
        case 'try_statement':
        case 'with_statement':
        case 'else_clause':
        case 'elif_clause':
        case 'except_clause':
        case 'finally_clause':
        case 'block':
          // Conditional definitions: collected so that a name defined twice is not a constant.
          this.#collect(statement.namedChildren, false);
          break;
        default:
          break;
      }
    }
  }

  /**
   * The names an assignment target rebinds: `a, (b, *c) = ...` rebinds a, b and c; `x[i] = ...` and
   * `x.y = ...` rebind nothing (`os.environ[NAME] = "v"` leaves the constant NAME a constant).
   */
  #shadowTargets(target: SyntaxNode): void {
    if (target.type === 'identifier') this.#shadow(target);
    else if (PATTERN_TARGETS.has(target.type)) for (const child of target.namedChildren) this.#shadowTargets(child);
  }

  #shadow(nameNode: SyntaxNode | null): void {
    if (!nameNode) return;
    this.#definitions.add(nameNode.startIndex);
    const name = textOf(nameNode, this.text);
    const list = this.assignments.get(name) ?? [];
    list.push(nameNode);
    this.assignments.set(name, list);
  }

  #addFunction(node: SyntaxNode, decorators: SyntaxNode[]): void {
    const nameNode = node.childForFieldName('name');
    if (!nameNode) return;
    this.functions.push({ name: textOf(nameNode, this.text), node, decorators });
    this.#shadow(nameNode);
  }

  /**
   * `import os` inside a function (common in tasks, to keep imports light): its names count
   * module-wide unless the module binds them itself. Found by a regex for indented imports.
   */
  #collectFunctionImports(): void {
    for (const match of this.text.matchAll(/^[ \t]+(?:import|from)[ \t]/gm)) {
      const keyword = this.root.descendantForIndex(match.index + match[0].search(/\S/));
      const statement = keyword?.parent;
      if (statement?.type === 'import_statement') this.#importStatement(statement, true);
      else if (statement?.type === 'import_from_statement') this.#importFrom(statement, true);
    }
  }

  #bind(name: string, binding: Binding, local: boolean): void {
    if (local && (this.bindings.has(name) || this.assignments.has(name))) return;
    this.bindings.set(name, binding);
    if (local) this.functionImports.add(name);
  }

  #importStatement(statement: SyntaxNode, local = false): void {
    for (const child of statement.childrenForFieldName('name')) {
      if (child.type === 'aliased_import') {
        const module = child.childForFieldName('name');
        const alias = child.childForFieldName('alias');
        if (module && alias) this.#bind(textOf(alias, this.text), { module: textOf(module, this.text) }, local);
      } else if (child.type === 'dotted_name') {
        const dotted = textOf(child, this.text);
        const first = dotted.split('.')[0]!;
        this.#bind(first, { module: first }, local);
      }
    }
  }

  #importFrom(statement: SyntaxNode, local = false): void {
    const moduleNode = statement.childForFieldName('module_name');
    if (!moduleNode) return;
    const module = textOf(moduleNode, this.text).replace(/\s+/g, '');
    if (statement.namedChildren.some((c) => c.type === 'wildcard_import')) {
      if (!local) this.starModules.push(module);
      return;
    }
    const names = statement.childrenForFieldName('name');
    // Fixes add names to module-level imports only.
    if (names.length && !local) this.fromImportEnds.set(module, names[names.length - 1]!.endIndex);
    for (const child of names) {
      if (child.type === 'aliased_import') {
        const name = child.childForFieldName('name');
        const alias = child.childForFieldName('alias');
        if (name && alias) this.#bind(textOf(alias, this.text), { module, name: textOf(name, this.text) }, local);
      } else {
        const name = textOf(child, this.text);
        this.#bind(name, { module, name }, local);
      }
    }
  }

  #expressionStatement(statement: SyntaxNode): void {
    const expression = statement.namedChild(0);
    if (!expression) return;
    if (expression.type === 'assignment') {
      this.#assignment(expression);
    } else if (expression.type === 'augmented_assignment') {
      this.#shadow(expression.childForFieldName('left'));
    }
  }

  #assignment(assignment: SyntaxNode): void {
    const left = assignment.childForFieldName('left');
    let right = assignment.childForFieldName('right');
    if (!left) return;
    // `a = b = value`: the chained right side is itself an assignment.
    if (right?.type === 'assignment') {
      this.#assignment(right);
      right = right.childForFieldName('left');
    }
    if (left.type !== 'identifier') {
      this.#shadowTargets(left);
      return;
    }
    const name = textOf(left, this.text);
    const list = this.assignments.get(name) ?? [];
    list.push(right ?? left);
    this.assignments.set(name, list);
    if (right && unparenthesize(right).type === 'call') this.assignedCalls.push({ name, call: unparenthesize(right) });
  }

  // ---- names ----------------------------------------------------------------------------

  /** The value of a name assigned exactly once at module level (or its `def`/`class` name node). */
  singleAssignment(name: string): SyntaxNode | undefined {
    const list = this.assignments.get(name);
    return list?.length === 1 ? list[0] : undefined;
  }

  /** The expression assigned to a name exactly once, not a `def`/`class` (which has no value to resolve). */
  #assignedValue(name: string): SyntaxNode | undefined {
    const node = this.singleAssignment(name);
    return node && !this.#definitions.has(node.startIndex) ? node : undefined;
  }

  /** `fk.models.security.Secret` → `flytekit.models.security.Secret` (with `import flytekit as fk`). */
  qualifiedName(node: SyntaxNode): string | undefined {
    const target = unparenthesize(node);
    if (target.type === 'identifier') {
      const name = textOf(target, this.text);
      if (this.assignments.has(name)) return undefined; // a module-level definition shadows imports
      const binding = this.bindings.get(name);
      if (binding) return binding.name ? `${binding.module}.${binding.name}` : binding.module;
      const star = this.starModules.find((m) => canonicalSymbol(m) === 'flytekit' || canonicalSymbol(m) === 'flyte');
      return star ? `${star}.${name}` : undefined;
    }
    if (target.type === 'attribute') {
      const object = target.childForFieldName('object');
      const attribute = target.childForFieldName('attribute');
      if (!object || !attribute) return undefined;
      const base = this.qualifiedName(object);
      return base ? `${base}.${textOf(attribute, this.text)}` : undefined;
    }
    return undefined;
  }

  /** The canonical flytekit/Flyte 2 symbol an expression names, if any. */
  symbolOf(node: SyntaxNode): string | undefined {
    const qualified = this.qualifiedName(node);
    return qualified ? canonicalSymbol(qualified) : undefined;
  }

  /** True when the call's callee is `Secret`, from flytekit or Flyte 2 (or a bare `Secret`). */
  secretFlavor(call: SyntaxNode): SecretFlavor | undefined {
    const callee = call.childForFieldName('function');
    if (!callee) return undefined;
    const symbol = this.symbolOf(callee);
    if (symbol === SYMBOLS.flytekitSecret) return 'flytekit';
    if (symbol === SYMBOLS.flyte2Secret) return 'flyte2';
    // An unimported `Secret` (snippets, star imports of other modules) is flytekit's, the common case.
    if (!symbol && callee.type === 'identifier' && textOf(callee, this.text) === 'Secret' && !this.assignments.has('Secret')) {
      return 'flytekit';
    }
    return undefined;
  }

  /** True when the module imports Union's SDK (`import union`, `from unionai.actor import ...`). */
  importsUnion(): boolean {
    const isUnion = (module: string) => UNION_ROOTS.has(module.split('.')[0]!);
    return this.starModules.some(isUnion) || [...this.bindings.values()].some((binding) => isUnion(binding.module));
  }

  #imported(name: string): { summary: ModuleSummary; name: string } | undefined {
    const binding = this.bindings.get(name);
    if (!binding || !this.filePath || !this.loader) return undefined;
    return this.#follow(this.filePath, binding, 0);
  }

  #follow(fromFile: string, binding: Binding, depth: number): { summary: ModuleSummary; name: string } | undefined {
    if (!binding.name || depth > 4 || !this.loader) return undefined;
    const target = this.loader.resolve(fromFile, binding.module);
    const summary = target ? this.loader.summary(target) : undefined;
    if (!summary) return undefined;
    if (summary.constants.has(binding.name) || summary.secrets.has(binding.name)) return { summary, name: binding.name };
    const reexport = summary.reexports.get(binding.name);
    if (reexport) return this.#follow(summary.path, reexport, depth + 1);
    // `from .names import *` in a package's `__init__.py`.
    for (const star of summary.stars) {
      const found = this.#follow(summary.path, { module: star, name: binding.name }, depth + 1);
      if (found) return found;
    }
    return undefined;
  }

  /** `from . import consts` / `import pkg.consts as consts`: the summary of that module. */
  #importedModule(name: string): ModuleSummary | undefined {
    const binding = this.bindings.get(name);
    if (!binding || !this.filePath || !this.loader) return undefined;
    const module = binding.name ? `${binding.module}${binding.module.endsWith('.') ? '' : '.'}${binding.name}` : binding.module;
    const target = this.loader.resolve(this.filePath, module);
    return target ? this.loader.summary(target) : undefined;
  }

  // ---- string values --------------------------------------------------------------------

  argValue(node: SyntaxNode): ArgValue {
    return { span: spanOf(node), text: textOf(node, this.text), value: this.resolveString(node) };
  }

  /** Resolves an expression to a string through literals, f-strings, `+` and constants. */
  resolveString(node: SyntaxNode, depth = 0): Resolved {
    if (depth > MAX_DEPTH) return UNKNOWN;
    const target = unparenthesize(node);
    switch (target.type) {
      case 'string': {
        const literal = readString(target, this.text);
        if (literal.isBytes) return UNKNOWN;
        let value = '';
        for (const part of literal.parts) {
          if (part.kind === 'text') value += part.value;
          else {
            const inner = part.plain ? this.resolveString(part.expression, depth + 1) : UNKNOWN;
            if (!inner.known) return UNKNOWN;
            value += inner.value;
          }
        }
        return { known: true, value };
      }
      case 'concatenated_string':
        return this.#join(target.namedChildren, depth);
      case 'binary_operator': {
        const operator = target.childForFieldName('operator');
        if (!operator || operator.type !== '+') return UNKNOWN;
        return this.#join([target.childForFieldName('left')!, target.childForFieldName('right')!], depth);
      }
      case 'identifier':
        return this.resolveName(textOf(target, this.text), depth + 1);
      case 'attribute':
        return this.#resolveAttribute(target);
      default:
        return UNKNOWN;
    }
  }

  #join(nodes: SyntaxNode[], depth: number): Resolved {
    let value = '';
    for (const node of nodes) {
      if (!node) return UNKNOWN;
      const part = this.resolveString(node, depth + 1);
      if (!part.known) return UNKNOWN;
      value += part.value;
    }
    return { known: true, value };
  }

  /** A module-level string constant or an imported one. */
  resolveName(name: string, depth = 0): Resolved {
    if (this.assignments.has(name)) {
      const value = this.#assignedValue(name);
      return value ? this.resolveString(value, depth + 1) : UNKNOWN;
    }
    const imported = this.#imported(name);
    return imported?.summary.constants.get(imported.name) ?? UNKNOWN;
  }

  /** `consts.GROUP` (an imported module's constant) or `SECRET.group` (a module-level Secret's field). */
  #resolveAttribute(node: SyntaxNode): Resolved {
    const object = unparenthesize(node.childForFieldName('object')!);
    const attribute = textOf(node.childForFieldName('attribute')!, this.text);
    if (object.type !== 'identifier') return UNKNOWN;
    const objectName = textOf(object, this.text);
    const secret = this.secretValueOfName(objectName);
    if (secret?.kind === 'secret') {
      const field = secretField(secret.request, attribute);
      return field?.value ?? UNKNOWN;
    }
    if (this.assignments.has(objectName)) return UNKNOWN;
    const module = this.#importedModule(objectName);
    return module?.constants.get(attribute) ?? UNKNOWN;
  }

  // ---- Secret objects -------------------------------------------------------------------

  /** The request a `Secret(...)` call makes, or undefined when the call is not a Secret. */
  secretFromCall(call: SyntaxNode): SecretRequest | undefined {
    const cached = this.#secretCache.get(call.startIndex);
    if (cached) return cached;
    const flavor = this.secretFlavor(call);
    if (!flavor) return undefined;
    const args = callArguments(call, this.text);
    const order = flavor === 'flytekit'
      ? ['group', 'key', 'group_version', 'mount_requirement', 'env_var']
      : ['key', 'group', 'mount', 'as_env_var'];
    const given = new Map<string, SyntaxNode>();
    args.positional.forEach((node, i) => order[i] && given.set(order[i]!, node));
    for (const [name, { value }] of args.keywords) given.set(name, value);
    const value = (name: string): ArgValue | undefined => {
      const node = given.get(name);
      if (!node || node.type === 'none') return undefined;
      return this.argValue(node);
    };
    const request: SecretRequest = {
      flavor,
      group: value('group'),
      key: value('key'),
      groupVersion: flavor === 'flytekit' ? value('group_version') : undefined,
      mount: flavor === 'flytekit' ? this.#mountOf(given.get('mount_requirement')) : given.has('mount') && !given.has('as_env_var') ? 'FILE' : 'ENV_VAR',
      envVar: value(flavor === 'flytekit' ? 'env_var' : 'as_env_var'),
      span: spanOf(call),
      local: true,
      id: `${this.filePath ?? ''}#${call.startIndex}`,
    };
    this.#secretCache.set(call.startIndex, request);
    return request;
  }

  #mountOf(node: SyntaxNode | undefined): MountType {
    if (!node) return 'ANY';
    const text = textOf(node, this.text);
    const match = /(?:^|\.)(ANY|ENV_VAR|FILE)$/.exec(text.trim());
    if (match) return match[1] as MountType;
    if (node.type === 'integer') return (['ANY', 'ENV_VAR', 'FILE'] as const)[Number(text)] ?? 'unknown';
    return 'unknown';
  }

  /** A module-level (or imported) name bound to a Secret, a list of Secrets or a dict of Secrets. */
  secretValueOfName(name: string, depth = 0): SecretValue | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (this.assignments.has(name)) {
      const value = this.#assignedValue(name);
      return value ? this.secretValue(value, depth + 1) : undefined;
    }
    const imported = this.#imported(name);
    return imported?.summary.secrets.get(imported.name);
  }

  secretValue(node: SyntaxNode, depth = 0): SecretValue | undefined {
    const target = unparenthesize(node);
    switch (target.type) {
      case 'call': {
        const request = this.secretFromCall(target);
        return request ? { kind: 'secret', request } : undefined;
      }
      case 'identifier':
        return this.secretValueOfName(textOf(target, this.text), depth + 1);
      case 'list':
      case 'tuple': {
        const list = this.requestList(target, depth + 1);
        return list.requests.length || list.known ? { kind: 'list', ...list } : undefined;
      }
      case 'dictionary': {
        const requests: SecretRequest[] = [];
        let known = true;
        for (const pair of target.namedChildren) {
          const value = pair.type === 'pair' ? pair.childForFieldName('value') : null;
          const secret = value ? this.secretValue(value, depth + 1) : undefined;
          if (secret?.kind === 'secret') requests.push(secret.request);
          else known = false;
        }
        return requests.length ? { kind: 'dict', requests, known } : undefined;
      }
      case 'binary_operator': {
        const list = this.requestList(target, depth + 1);
        return list.requests.length ? { kind: 'list', ...list } : undefined;
      }
      default:
        return undefined;
    }
  }

  /**
   * The requests an expression such as `secret_requests=[...]` lists. Requests that come from
   * another module are re-anchored on the expression that names them here.
   */
  requestList(node: SyntaxNode, depth = 0): RequestList {
    const target = unparenthesize(node);
    if (depth > MAX_DEPTH) return { requests: [], known: false };
    switch (target.type) {
      case 'list':
      case 'tuple': {
        const result: RequestList = { requests: [], known: true };
        for (const element of target.namedChildren) {
          if (element.type === 'comment') continue;
          const part = element.type === 'list_splat' ? this.#splat(element, depth) : this.#element(element, depth);
          result.requests.push(...part.requests);
          result.known &&= part.known;
        }
        return result;
      }
      case 'binary_operator': {
        const operator = target.childForFieldName('operator');
        if (operator?.type !== '+') return { requests: [], known: false };
        const left = this.requestList(target.childForFieldName('left')!, depth + 1);
        const right = this.requestList(target.childForFieldName('right')!, depth + 1);
        return { requests: [...left.requests, ...right.requests], known: left.known && right.known };
      }
      case 'identifier': {
        const value = this.secretValueOfName(textOf(target, this.text), depth + 1);
        if (!value) return { requests: [], known: false };
        return this.#fromValue(value, target);
      }
      case 'call': {
        const request = this.secretFromCall(target);
        return request ? { requests: [request], known: true } : { requests: [], known: false };
      }
      default:
        return { requests: [], known: false };
    }
  }

  #element(element: SyntaxNode, depth: number): RequestList {
    const value = this.secretValue(element, depth + 1);
    if (value?.kind === 'secret') return this.#fromValue(value, element);
    return { requests: [], known: false };
  }

  /** `*SECRETS` or `*SECRETS_BY_NAME.values()` inside a list. */
  #splat(splat: SyntaxNode, depth: number): RequestList {
    const inner = splat.namedChild(0);
    if (!inner) return { requests: [], known: false };
    if (inner.type === 'call') {
      const callee = inner.childForFieldName('function');
      if (callee?.type === 'attribute' && textOf(callee.childForFieldName('attribute')!, this.text) === 'values') {
        const object = callee.childForFieldName('object')!;
        const value = object.type === 'identifier' ? this.secretValueOfName(textOf(object, this.text), depth + 1) : undefined;
        if (value?.kind === 'dict') return this.#fromValue(value, splat);
      }
      return { requests: [], known: false };
    }
    const list = this.requestList(inner, depth + 1);
    return list;
  }

  #fromValue(value: SecretValue, at: SyntaxNode): RequestList {
    const requests = value.kind === 'secret' ? [value.request] : value.requests;
    const known = value.kind === 'secret' ? true : value.known;
    return { requests: requests.map((r) => this.#anchor(r, at)), known };
  }

  /** A request defined elsewhere is reported where this module names it. */
  #anchor(request: SecretRequest, at: SyntaxNode): SecretRequest {
    const here = request.id.startsWith(`${this.filePath ?? ''}#`);
    if (here) return request;
    return { ...request, span: spanOf(at), local: false, definedIn: request.definedIn ?? request.id.split('#')[0] };
  }

  // ---- summary for importers ------------------------------------------------------------

  /** What other modules can import from this one. */
  summary(): ModuleSummary {
    const constants = new Map<string, Resolved>();
    const secrets = new Map<string, SecretValue>();
    for (const [name, values] of this.assignments) {
      if (values.length !== 1) continue;
      const resolved = this.resolveString(values[0]!);
      if (resolved.known) constants.set(name, resolved);
      const secret = this.secretValue(values[0]!);
      if (secret) secrets.set(name, secret);
    }
    const reexports = new Map<string, { module: string; name?: string }>();
    for (const [name, binding] of this.bindings) reexports.set(name, binding);
    return { path: this.filePath ?? '', constants, secrets, reexports, defined: new Set(this.assignments.keys()), stars: [...this.starModules], units: new Map() };
  }
}

/** The value of `secret.group` / `.key` / `.group_version` / `.env_var` for a known request. */
export function secretField(request: SecretRequest, attribute: string): ArgValue | undefined {
  switch (attribute) {
    case 'group':
      return request.group;
    case 'key':
      return request.key;
    case 'group_version':
      return request.groupVersion;
    case 'env_var':
    case 'as_env_var':
      return request.envVar;
    default:
      return undefined;
  }
}
