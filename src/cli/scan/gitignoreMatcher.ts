// One .gitignore compiled into a matcher that asks one or two regular
// expressions per path instead of one per rule. The `ignore` package parses
// the file and builds each rule's regular expression (its translation of
// git's syntax is the part worth not rewriting); here those expressions are
// joined into one alternation for the ignoring rules and one for the negated
// ones. Most paths match neither and are decided in a single test; only a
// path matched by both kinds walks the rules from the last one, as git does.
// With a large .gitignore (Visual Studio's has ~400 rules) this turns the
// walk's dominant cost into a small one.
//
// The rule list is read from `ignore`'s internals; if they ever change shape,
// the matcher falls back to `ignore`'s own per-rule test (correct, slower).

import ignore, { type Ignore } from 'ignore';

/** What one .gitignore says about a path: the last matching rule decides. */
export type IgnoreVerdict = 'ignored' | 'unignored' | undefined;

export interface GitignoreMatcher {
  /**
   * `rel` is relative to the .gitignore's folder, forward slashes; `base` its
   * last segment. Directories end both with `/`.
   */
  test(rel: string, base: string): IgnoreVerdict;
}

interface Rule {
  readonly negative: boolean;
  readonly regex: RegExp;
  readonly _basenameOnly: boolean;
}

function rulesOf(ig: Ignore): readonly Rule[] | undefined {
  const rules = (ig as unknown as { _rules?: { _rules?: unknown } })._rules?._rules;
  if (!Array.isArray(rules)) return undefined;
  for (const r of rules as Partial<Rule>[]) {
    if (typeof r.negative !== 'boolean' || !(r.regex instanceof RegExp) || typeof r._basenameOnly !== 'boolean') return undefined;
    if (r.regex.global || r.regex.sticky || /\\[1-9]|\\k</.test(r.regex.source)) return undefined; // would not survive joining
  }
  return rules as Rule[];
}

interface Tester {
  test(text: string): boolean;
}

/** One alternation of the rules' expressions; undefined when there are none. */
function union(rules: readonly Rule[], flags: string): Tester | undefined {
  return rules.length === 0 ? undefined : new RegExp(rules.map((r) => `(?:${r.regex.source})`).join('|'), flags);
}

const SEGMENT_START = '(?:^|\\/)';

/**
 * The same for rules tested on a base name. A base name holds no `/` but a
 * directory's trailing one, so a rule starting "at the start or after a /"
 * matches either at the start or after that last `/`, on the empty rest:
 * anchored, the engine tries one position instead of every one.
 */
function baseNameUnion(rules: readonly Rule[], flags: string): Tester | undefined {
  const anchored = rules.filter((r) => r.regex.source.startsWith(SEGMENT_START));
  const other = union(rules.filter((r) => !r.regex.source.startsWith(SEGMENT_START)), flags);
  if (anchored.length === 0) return other;
  const alternatives = anchored.map((r) => `(?:${r.regex.source.slice(SEGMENT_START.length)})`);
  const start = new RegExp(`^(?:${alternatives.join('|')})`, flags);
  const afterSlash = start.test(''); // e.g. `**/` matches any directory right after its trailing slash
  const anchoredTest = (text: string): boolean => start.test(text) || (afterSlash && text.endsWith('/'));
  return other ? { test: (text) => anchoredTest(text) || other.test(text) } : { test: anchoredTest };
}

export function compileGitignore(text: string, ignorecase: boolean): GitignoreMatcher {
  const ig = ignore({ ignorecase }).add(text);
  const rules = rulesOf(ig);
  if (!rules) {
    return {
      test(rel) {
        const v = ig.test(rel);
        return v.ignored ? 'ignored' : v.unignored ? 'unignored' : undefined;
      },
    };
  }
  const flags = ignorecase ? 'i' : '';
  // Rules without a slash match the last segment only (as in git): they are tested on the short base name.
  const matches = (subset: readonly Rule[]) => {
    const onBase = baseNameUnion(subset.filter((r) => r._basenameOnly), flags);
    const onPath = union(subset.filter((r) => !r._basenameOnly), flags);
    return (rel: string, base: string): boolean => (onBase?.test(base) ?? false) || (onPath?.test(rel) ?? false);
  };
  const ignores = matches(rules.filter((r) => !r.negative));
  const unignores = matches(rules.filter((r) => r.negative));
  return {
    test(rel, base) {
      const ignored = ignores(rel, base);
      const unignored = unignores(rel, base);
      if (ignored !== unignored) return ignored ? 'ignored' : 'unignored';
      if (!ignored) return undefined;
      for (let i = rules.length - 1; i >= 0; i--) {
        const r = rules[i];
        if (r.regex.test(r._basenameOnly ? base : rel)) return r.negative ? 'unignored' : 'ignored';
      }
      return undefined;
    },
  };
}
