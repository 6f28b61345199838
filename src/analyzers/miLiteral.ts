// Decides whether an expression is a managed-identity blob URI: a string literal
// (plain, interpolated or concatenated with `+`) whose literal part holds
// ";managed_identity=", or a name bound to one. Names resolve through the
// enclosing functions (parameters shadow and stop the search; the last binding
// that ends before the use wins; `+=` appends), then through module-level
// constants. Each language supplies its grammar's shapes as `ScopeRules`.

import { hasToken, tokenOffsets, tokenOffsetsIn } from './tokens';
import { queryRange, type Node, type Query, type QueryMatch } from './loader';
import { capture } from './syntax';

export const MI_MARKER = ';managed_identity=';

export function hasMiMarker(literal: string): boolean {
  return literal.toLowerCase().includes(MI_MARKER);
}

/** What a string-valued expression is built from. */
export interface StringShape {
  /** Literal text parts (they may include the quotes). */
  readonly literals: readonly string[];
  /** Identifiers whose values are part of the string. */
  readonly refs: readonly Node[];
}

export function mergeShapes(a: StringShape | null, b: StringShape | null): StringShape | null {
  if (!a) return b;
  if (!b) return a;
  return { literals: [...a.literals, ...b.literals], refs: [...a.refs, ...b.refs] };
}

/** `left + right`: both sides' shapes, or null for any other operator. */
export function concatenationShape(node: Node, shape: (expr: Node) => StringShape | null): StringShape | null {
  if (node.childForFieldName('operator')?.type !== '+') return null;
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  return mergeShapes(left ? shape(left) : null, right ? shape(right) : null);
}

/**
 * An interpolated string (C# `$"..."`, a Python f-string, a JS template): the
 * text of its literal children, and the identifiers its interpolations hold.
 */
export function interpolatedShape(node: Node, interpolationType: string, expressionsOf: (interpolation: Node) => readonly (Node | null)[]): StringShape {
  const literals: string[] = [];
  const refs: Node[] = [];
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (!child) continue;
    if (child.type !== interpolationType) literals.push(child.text);
    else for (const inner of expressionsOf(child)) if (inner?.type === 'identifier') refs.push(inner);
  }
  return { literals, refs };
}

export interface Binding {
  readonly name: string;
  /** The declaration or assignment; its end is where the binding takes effect. */
  readonly node: Node;
  /** The assigned expression; null when the name is bound to something unknown. */
  readonly value: Node | null;
  /** `+=`: the value is appended to the previous one. */
  readonly append: boolean;
}

/**
 * Runs a bindings query over [start, end) of `container`. `bind` turns a match
 * with a `@name` capture into a binding; a match it leaves alone that has an
 * `@other` capture (foreach, for-in, out var, pattern, with-as) binds the name
 * to an unknown value from the name on, so that uses inside a loop body see it.
 */
export function queryBindings(
  query: Query, container: Node, start: number, end: number,
  bind: (name: Node, match: QueryMatch) => Binding | undefined,
): Binding[] {
  const out: Binding[] = [];
  for (const m of query.matches(container, queryRange(start, end))) {
    const name = capture(m, 'name');
    if (!name) continue;
    const binding = bind(name, m);
    if (binding) out.push(binding);
    else if (capture(m, 'other')) out.push({ name: name.text, node: name, value: null, append: false });
  }
  return out;
}

export interface ScopeRules {
  /** Function-like nodes: methods, lambdas, local functions. */
  readonly functionTypes: ReadonlySet<string>;
  /** Nodes that are not code of the enclosing scope (C# field declarations). */
  readonly boundaryTypes: ReadonlySet<string>;
  /** Names bound by the function's parameters (over-approximation is safe). */
  parameterNames(fn: Node): ReadonlySet<string>;
  /**
   * The binding sites inside `container` that touch [start, end) (UTF-16
   * offsets; query ranges take bytes, i.e. twice that).
   */
  bindings(container: Node, start: number, end: number): Binding[];
  /** Root children that hold module-level statements (not declarations of functions/types). */
  isModuleCode(rootChild: Node): boolean;
  /**
   * When `name` is the declared name of a module-level constant (C# const or
   * static readonly field, JS top-level const, Python module assignment, Go
   * top-level const), its value (null when unknown); otherwise undefined.
   */
  moduleConstant(name: Node): { readonly value: Node | null } | undefined;
  /** The string shape of an expression; null when it is not a string expression. */
  shape(expr: Node): StringShape | null;
}

export type Lookup =
  | { readonly kind: 'parameter' }
  | { readonly kind: 'local'; readonly bindings: readonly Binding[] }
  /** Not bound in the enclosing functions: a module-level constant, if one is declared. */
  | { readonly kind: 'module'; readonly name: string };

const MAX_DEPTH = 8;
/**
 * Above this many occurrences of a name in a scope, one bindings query over the
 * whole scope costs less than a query per occurrence.
 */
const MAX_RANGED_QUERIES = 16;

/** Per-analysis resolver. */
export class MiResolver {
  private readonly parameters = new Map<number, ReadonlySet<string>>();
  /**
   * Every binding of a name in a scope (key: scope id and name), in the order
   * they take effect. Found once per analysis, so that a method with thousands
   * of calls on one variable stays linear: each call only cuts the list at its site.
   */
  private readonly scopeBindings = new Map<string, readonly Binding[]>();
  /** Whether a local is a managed-identity URI, per visible bindings (key: last binding, count, depth). */
  private readonly localMemo = new Map<string, boolean>();
  private unit: { readonly start: number; readonly end: number } | undefined;

  /**
   * `moduleMemo` remembers, per name, whether the module-level constant is a
   * managed-identity URI; the caller keeps it while module-level code is unchanged.
   */
  constructor(
    private readonly rules: ScopeRules,
    private readonly root: Node,
    private readonly text: string,
    private readonly moduleMemo: Map<string, boolean> = new Map(),
  ) {}

  /**
   * The function (outermost function-like node) whose calls are analysed next.
   * A name used in it that does not occur in its text before the use cannot be
   * a parameter or a local: the scope walk is skipped (it is the costly part:
   * `Node.parent` descends from the root in this tree-sitter version).
   */
  enterFunction(fn: Node | undefined): void {
    this.unit = fn ? { start: fn.startIndex, end: fn.endIndex } : undefined;
  }

  /** Is `expr` (an argument, say) a managed-identity URI? */
  isManagedIdentity(expr: Node): boolean {
    return this.exprIsMi(expr, 0);
  }

  /**
   * How the identifier `ref` is bound where it is used: by a parameter, by
   * local bindings (those that end before `ref`, in order), or else at module
   * level.
   */
  lookup(ref: Node): Lookup {
    const name = ref.text;
    const site = ref.startIndex;
    const unit = this.unit;
    if (unit && unit.start <= site && ref.endIndex <= unit.end && !hasToken(this.text, name, unit.start, site)) {
      return { kind: 'module', name };
    }
    // null: inside a member declaration (a field initializer), where only module constants are visible.
    const functions = this.enclosingFunctions(ref);
    for (const fn of functions ?? []) {
      if (this.parameterNamesOf(fn).has(name)) return { kind: 'parameter' };
      const bindings = this.bindingsIn(fn, name, site);
      if (bindings.length > 0) return { kind: 'local', bindings };
    }
    if (functions && functions.length === 0) {
      // Module-level code (scripts, top-level statements): ordinary locals.
      const bindings = this.bindingsIn(this.root, name, site);
      if (bindings.length > 0) return { kind: 'local', bindings };
    }
    return { kind: 'module', name };
  }

  /** The value of the module-level constant `name` when exactly one is declared. */
  moduleConstantValue(name: string): Node | null {
    let value: Node | null = null;
    let count = 0;
    for (const { offset, length } of tokenOffsets(this.text, [name])) {
      const node = this.root.descendantForIndex(offset, offset + length);
      if (!node || node.startIndex !== offset || node.endIndex !== offset + length) continue;
      const declared = this.rules.moduleConstant(node);
      if (declared) {
        count++;
        value = declared.value;
      }
    }
    return count === 1 ? value : null;
  }

  private exprIsMi(expr: Node, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    const shape = this.rules.shape(expr);
    if (!shape) return false;
    if (shape.literals.some(hasMiMarker)) return true;
    return shape.refs.some((ref) => this.refIsMi(ref, depth + 1));
  }

  private refIsMi(ref: Node, depth: number): boolean {
    const found = this.lookup(ref);
    switch (found.kind) {
      case 'local': {
        const last = found.bindings[found.bindings.length - 1] as Binding;
        const key = `${last.node.id}:${found.bindings.length}:${depth}`;
        let mi = this.localMemo.get(key);
        if (mi === undefined) {
          mi = false;
          for (const b of found.bindings) {
            const valueMi = b.value !== null && this.exprIsMi(b.value, depth);
            mi = b.append ? mi || valueMi : valueMi;
          }
          this.localMemo.set(key, mi);
        }
        return mi;
      }
      case 'module': {
        let mi = this.moduleMemo.get(found.name);
        if (mi === undefined) {
          const value = this.moduleConstantValue(found.name);
          mi = value !== null && this.exprIsMi(value, depth);
          this.moduleMemo.set(found.name, mi);
        }
        return mi;
      }
      case 'parameter':
        return false;
    }
  }

  /**
   * Function-like ancestors of `node`, innermost first; null when the node sits
   * in a declaration that is not code (a C# field initializer, say), where only
   * module constants are visible.
   */
  private enclosingFunctions(node: Node): Node[] | null {
    const out: Node[] = [];
    for (let p = node.parent; p; p = p.parent) {
      if (this.rules.functionTypes.has(p.type)) out.push(p);
      else if (out.length === 0 && this.rules.boundaryTypes.has(p.type)) return null;
    }
    return out;
  }

  private parameterNamesOf(fn: Node): ReadonlySet<string> {
    let names = this.parameters.get(fn.id);
    if (!names) {
      names = this.rules.parameterNames(fn);
      this.parameters.set(fn.id, names);
    }
    return names;
  }

  /** The nearest function-like ancestor, the root, or null inside a boundary. */
  private scopeOf(node: Node): number | null {
    for (let p = node.parent; p; p = p.parent) {
      if (this.rules.functionTypes.has(p.type)) return p.id;
      if (this.rules.boundaryTypes.has(p.type)) return null;
    }
    return this.root.id;
  }

  /** Bindings of `name` that belong to `scope` (not to a nested function) and end before `site`. */
  private bindingsIn(scope: Node, name: string, site: number): Binding[] {
    const all = this.allBindingsIn(scope, name);
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((all[mid] as Binding).node.endIndex <= site) lo = mid + 1;
      else hi = mid;
    }
    return all.slice(0, lo);
  }

  /** Every binding of `name` that belongs to `scope`, ordered by where it ends. */
  private allBindingsIn(scope: Node, name: string): readonly Binding[] {
    const key = `${scope.id}\u0000${name}`;
    const cached = this.scopeBindings.get(key);
    if (cached) return cached;
    const containers = scope.id === this.root.id
      ? this.root.namedChildren.filter((c): c is Node => !!c && this.rules.isModuleCode(c))
      : [scope];
    const found = new Map<number, Binding>();
    for (const container of containers) {
      // Only where the name occurs: a binding query limited to each occurrence, or one over the container.
      const occurrences = tokenOffsetsIn(this.text, name, container.startIndex, container.endIndex);
      const ranges = occurrences.length > MAX_RANGED_QUERIES
        ? [{ offset: container.startIndex, length: container.endIndex - container.startIndex }]
        : occurrences;
      for (const { offset, length } of ranges) {
        for (const b of this.rules.bindings(container, offset, offset + length)) {
          if (b.name === name) found.set(b.node.id, b);
        }
      }
    }
    const all = [...found.values()]
      .filter((b) => this.scopeOf(b.node) === scope.id)
      .sort((a, b) => a.node.endIndex - b.node.endIndex);
    this.scopeBindings.set(key, all);
    return all;
  }
}

/** Collects identifier-like names under `node` whose type is in `types`. */
export function identifiersUnder(node: Node | null, types: ReadonlySet<string>, into: Set<string>): void {
  if (!node) return;
  const cursor = node.walk();
  try {
    let descending = true;
    for (;;) {
      if (descending && types.has(cursor.nodeType)) into.add(cursor.nodeText);
      if (descending && cursor.gotoFirstChild()) continue;
      if (cursor.gotoNextSibling()) {
        descending = true;
        continue;
      }
      if (!cursor.gotoParent() || cursor.currentDepth === 0) break;
      descending = false;
    }
  } finally {
    cursor.delete();
  }
}
