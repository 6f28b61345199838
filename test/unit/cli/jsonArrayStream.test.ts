// A report written an item at a time must be the very bytes JSON.stringify
// prints for the whole document: tools that diff or hash reports see no change.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { jsonArrayStream, STREAMED_ITEMS } from '../../../src/cli/scan/jsonArrayStream';

function streamed(document: (items: unknown) => unknown, items: readonly unknown[]): string {
  let out = '';
  const stream = jsonArrayStream(document(STREAMED_ITEMS), (chunk) => { out += chunk; });
  for (const item of items) stream.add(item);
  stream.end();
  return out;
}

describe('jsonArrayStream', () => {
  const shapes: Record<string, (items: unknown) => unknown> = {
    'a bare array': (items) => items,
    'an array deep in a document': (items) => ({ version: '2.1.0', runs: [{ tool: { driver: { rules: [{ id: 'r' }] } }, results: items, after: { x: 1 } }] }),
  };
  for (const [name, document] of Object.entries(shapes)) {
    it(`prints what JSON.stringify prints, for ${name}`, () => {
      fc.assert(fc.property(fc.array(fc.jsonValue(), { maxLength: 6 }), (items) => {
        assert.equal(streamed(document, items), `${JSON.stringify(document(items), null, 2)}\n`);
      }), { numRuns: 500 });
    });
  }

  it('refuses a document without the marker, instead of printing a report without findings', () => {
    assert.throws(() => jsonArrayStream({ results: [] }, () => undefined), /STREAMED_ITEMS/);
  });
});
