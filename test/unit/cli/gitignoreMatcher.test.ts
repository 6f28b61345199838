// The precompiled .gitignore matcher gives the verdict `ignore` gives, rule
// for rule, on random rule sets and paths (both case modes).

import assert from 'node:assert/strict';
import fc from 'fast-check';
import ignore from 'ignore';
import { compileGitignore } from '../../../src/cli/scan/gitignoreMatcher';

const RUNS = 1000;
const SEGMENTS = ['a', 'b', 'A', 'x.log', 'y.LOG', 'ab', 'bin', 'Bin', '.env'];
const PATTERN_SEGMENTS = [...SEGMENTS, '*.log', '*', '**', '[ab]', '?', '[Bb]in', 'a*', '*.[lL]og', '.*', '*a', '\\!a', 'a?b'];

const patternArb = fc.record({
  negate: fc.boolean(),
  anchored: fc.boolean(),
  dirOnly: fc.boolean(),
  segments: fc.array(fc.constantFrom(...PATTERN_SEGMENTS), { minLength: 1, maxLength: 3 }),
}).map(({ negate, anchored, dirOnly, segments }) => `${negate ? '!' : ''}${anchored ? '/' : ''}${segments.join('/')}${dirOnly ? '/' : ''}`);

const pathArb = fc.record({
  segments: fc.array(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 4 }),
  isDir: fc.boolean(),
});

describe('compileGitignore (property)', () => {
  it(`decides like the ignore package for random rules and paths (${RUNS} runs)`, () => {
    fc.assert(fc.property(fc.array(patternArb, { maxLength: 8 }), fc.array(pathArb, { minLength: 1, maxLength: 10 }), fc.boolean(), (patterns, paths, ignorecase) => {
      const text = patterns.join('\n');
      const reference = ignore({ ignorecase }).add(text);
      const matcher = compileGitignore(text, ignorecase);
      for (const { segments, isDir } of paths) {
        // The walk never enters an ignored folder, so only paths whose parents are not ignored are compared.
        const parents = segments.slice(0, -1).map((_, i) => `${segments.slice(0, i + 1).join('/')}/`);
        if (parents.some((p) => reference.test(p).ignored)) continue;
        const rel = segments.join('/') + (isDir ? '/' : '');
        const base = segments[segments.length - 1] + (isDir ? '/' : '');
        const expected = reference.test(rel);
        const verdict = matcher.test(rel, base);
        assert.equal(verdict, expected.ignored ? 'ignored' : expected.unignored ? 'unignored' : undefined, `${JSON.stringify(text)} on ${rel}`);
      }
    }), { numRuns: RUNS });
  });
});
