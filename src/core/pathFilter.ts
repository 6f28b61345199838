// Glob excludes shared by the editor (`kustoMi.diagnostics.exclude`) and the
// CLI (`--exclude`): the same pattern excludes the same files in both.
import picomatch from 'picomatch';

export type PathMatcher = (relativePath: string) => boolean;

/** Matches forward-slash paths relative to the workspace folder or scan root. A glob without `/` matches the base name. */
export function excludeMatcher(globs: readonly string[]): PathMatcher {
  if (globs.length === 0) return () => false;
  const matchers = globs.map((g) => picomatch(g, { dot: true, basename: !g.includes('/') }));
  return (rel) => matchers.some((m) => m(rel));
}
