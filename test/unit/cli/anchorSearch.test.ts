// The scanner looks for each anchor from its rarest byte on and compares the
// bytes before the hit afterwards; it must find exactly what indexOf finds.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { anchorSearch, indexOfAnchor } from '../../../src/cli/scan/anchorSearch';
import { ANALYZER_ANCHORS } from '../../../src/core/scan/analyzeText';

const ANCHORS = ANALYZER_ANCHORS ?? [];

describe('anchor search from the rarest byte', () => {
  it('starts each anchor from a byte rarer than its first where there is one', () => {
    assert.equal(anchorSearch('AccountKey=').key.toString(), 'Key=');
    assert.equal(anchorSearch('kind=sql').key.toString(), 'ql');
    assert.equal(anchorSearch('.blob.').key.toString(), 'blob.');
  });

  it('finds what indexOf finds, from any start, in text made of the anchors\' own pieces', () => {
    assert.ok(ANCHORS.length >= 5);
    // Pieces of anchors, so near-misses (`Key=` without `Account`, `ql` without `kind=s`) are common.
    const pieces = [...ANCHORS, ...ANCHORS.flatMap((a) => [a.slice(1), a.slice(0, -1), a.slice(a.length >> 1)]), 'x', ' ', '\n', '.', '='];
    fc.assert(fc.property(
      fc.array(fc.constantFrom(...pieces), { maxLength: 40 }),
      fc.constantFrom(...ANCHORS),
      fc.nat(400),
      (parts, anchor, from) => {
        const bytes = Buffer.from(parts.join(''), 'utf8');
        const search = anchorSearch(anchor);
        assert.equal(indexOfAnchor(bytes, search, from), bytes.indexOf(Buffer.from(anchor), from));
      },
    ), { numRuns: 2000 });
  });

  it('finds an anchor at the very start and the very end of the bytes', () => {
    for (const anchor of ANCHORS) {
      const search = anchorSearch(anchor);
      assert.equal(indexOfAnchor(Buffer.from(anchor), search), 0);
      assert.equal(indexOfAnchor(Buffer.from(`abc ${anchor}`), search), 4);
      assert.equal(indexOfAnchor(Buffer.from(anchor.slice(1)), search), -1);
    }
  });
});
