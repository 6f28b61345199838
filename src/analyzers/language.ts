// What each language module provides, and the driver that runs a module over a
// syntax tree.
//
// Finding the calls: in this wasm build a query over a whole 5,000-line tree
// costs about 20 ms even with no match (the query cursor visits every node
// through wasm), so the driver does not scan the whole tree. It looks the callee
// names up in the text, asks the tree for the node at each occurrence
// (`descendantForIndex`) and lets the language module check that the node is the
// callee name of a call; an occurrence in a comment or a string resolves to that
// comment or string node and is dropped. Queries then run only on small nodes
// (a function, an argument list).
//
// Units and the cache: each call belongs to a unit, its outermost enclosing
// function (or, outside functions, the top-level statement holding it). A
// unit's findings depend only on the unit's own text and on module-level code
// (constants, imports) plus a few file-wide facts. Tree-sitter gives a subtree
// that an incremental parse reused the same `id` in the new tree, so findings
// are cached per unit id, relative to the unit start; the document drops the
// cache whenever an edit touches code outside functions or the facts change.

import type { Finding, FindingFix } from '../core/findings';
import type { Node } from './loader';
import { MiResolver, type ScopeRules } from './miLiteral';
import { tokenOffsets } from './tokens';

export interface FileAnalysis {
  /** File-wide facts the fixes depend on (e.g. the options type name); a change clears cached units. */
  readonly factsKey: string;
  /** The finding for one verified call (`callee` is its name token), or null. */
  analyzeCall(call: Node, callee: Node, resolver: MiResolver): Finding | null;
}

export interface LanguageRules {
  /** Callee names the rule is about; at least one must occur in the text. */
  readonly triggers: readonly string[];
  readonly scope: ScopeRules;
  /** The call (or object creation) whose callee name is exactly `token`, else null. */
  callAt(token: Node): Node | null;
  begin(root: Node, text: string): FileAnalysis;
}

interface CachedUnit {
  readonly start: number;
  /** Findings with offsets relative to `start`. */
  readonly findings: readonly Finding[];
}

/** Per-document state that survives incremental re-analysis. */
export class AnalysisCache {
  units = new Map<number, CachedUnit>();
  readonly moduleMemo = new Map<string, boolean>();
  factsKey: string | undefined;

  clear(): void {
    this.units.clear();
    this.moduleMemo.clear();
    this.factsKey = undefined;
  }
}

export function shiftFinding(f: Finding, delta: number): Finding {
  if (delta === 0) return f;
  const fixes: FindingFix[] = f.fixes.map((fix) => ({
    ...fix,
    edits: fix.edits.map((e) => ({ start: e.start + delta, end: e.end + delta, newText: e.newText })),
  }));
  return { ...f, start: f.start + delta, end: f.end + delta, fixes };
}

/** True when some trigger name occurs in the text (a necessary condition for any finding). */
export function mentionsAny(text: string, names: readonly string[]): boolean {
  return names.some((n) => text.includes(n));
}

/**
 * The unit of `node`: its outermost function-like ancestor, else the child of
 * the root that holds it.
 */
export function unitOf(node: Node, root: Node, functionTypes: ReadonlySet<string>): { unit: Node; isFunction: boolean } {
  let outermost: Node | null = null;
  let top: Node = node;
  for (let p: Node | null = node; p && p.id !== root.id; p = p.parent) {
    if (functionTypes.has(p.type)) outermost = p;
    top = p;
  }
  return outermost ? { unit: outermost, isFunction: true } : { unit: top, isFunction: false };
}

interface Group {
  readonly unit: Node;
  readonly isFunction: boolean;
  readonly calls: { call: Node; callee: Node }[];
  readonly cached: CachedUnit | undefined;
}

/** Runs `rules` over a tree; reuses and refreshes `cache` when given. */
export function analyzeTree(rules: LanguageRules, root: Node, text: string, cache?: AnalysisCache): Finding[] {
  const tokens = tokenOffsets(text, rules.triggers);
  const state = cache ?? new AnalysisCache();
  if (tokens.length === 0) {
    state.units = new Map();
    return [];
  }
  const file = rules.begin(root, text);
  if (state.factsKey !== file.factsKey) {
    state.clear();
    state.factsKey = file.factsKey;
  }

  const groups = new Map<number, Group>();
  let currentFn: { start: number; end: number; group: Group } | undefined;
  for (const { offset, length } of tokens) {
    // Tokens inside the function unit found last belong to it: no need to walk up again.
    let group = currentFn && offset >= currentFn.start && offset < currentFn.end ? currentFn.group : undefined;
    if (group?.cached) continue;
    const token = root.descendantForIndex(offset, offset + length);
    if (!token) continue;
    if (!group) {
      const { unit, isFunction } = unitOf(token, root, rules.scope.functionTypes);
      group = groups.get(unit.id);
      if (!group) {
        group = { unit, isFunction, calls: [], cached: state.units.get(unit.id) };
        groups.set(unit.id, group);
      }
      currentFn = isFunction ? { start: unit.startIndex, end: unit.endIndex, group } : undefined;
      if (group.cached) continue;
    }
    // A comment or string holding the name resolves to a larger node: not a call.
    if (token.startIndex !== offset || token.endIndex !== offset + length) continue;
    const call = rules.callAt(token);
    if (call) group.calls.push({ call, callee: token });
  }

  const resolver = new MiResolver(rules.scope, root, text, state.moduleMemo);
  const findings: Finding[] = [];
  const units = new Map<number, CachedUnit>();
  for (const [id, group] of groups) {
    const start = group.unit.startIndex;
    resolver.enterFunction(group.isFunction ? group.unit : undefined);
    let relative: readonly Finding[];
    if (group.cached) {
      relative = group.cached.findings;
    } else {
      const found: Finding[] = [];
      for (const { call, callee } of group.calls) {
        const f = file.analyzeCall(call, callee, resolver);
        if (f) found.push(shiftFinding(f, -start));
      }
      relative = found;
    }
    units.set(id, { start, findings: relative });
    for (const f of relative) findings.push(shiftFinding(f, start));
  }
  state.units = units;
  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
}
