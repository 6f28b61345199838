import assert from 'node:assert/strict';
import { blockAt, codeBlocks } from '../../../src/core/kql/codeBlocks';

describe('codeBlocks', () => {
  it('splits statements at blank lines, one-line blocks included, with their offsets', () => {
    const text = 'StormEvents\n| take 10\n\n.show databases\n\n\nT';
    const blocks = codeBlocks(text);
    assert.deepEqual(blocks.map((b) => b.text), ['StormEvents\n| take 10', '.show databases', 'T']);
    for (const b of blocks) assert.equal(text.slice(b.start, b.end), b.text);
    assert.deepEqual(blocks.map((b) => [b.startLine, b.endLine]), [[0, 1], [3, 3], [6, 6]]);
  });

  it('keeps a blank line inside a ``` literal in its block', () => {
    const text = '.alter-merge database Sales policy managed_identity ```[\n\n  { "ObjectId": "system" }\n]```\n\nT';
    assert.deepEqual(codeBlocks(text).map((b) => b.text), [text.slice(0, text.indexOf('\n\nT')), 'T']);
  });

  it('handles CRLF, whitespace-only separators, empty text and a trailing newline', () => {
    assert.deepEqual(codeBlocks('a\r\nb\r\n  \t\r\nc\r\n').map((b) => b.text), ['a\r\nb', 'c']);
    assert.deepEqual(codeBlocks(''), []);
    assert.deepEqual(codeBlocks('\n\n'), []);
  });

  it('finds the block at an offset, its end included (the caret after typing)', () => {
    const blocks = codeBlocks('ab\n\ncd');
    assert.equal(blockAt(blocks, 2)?.text, 'ab');
    assert.equal(blockAt(blocks, 3), undefined);
    assert.equal(blockAt(blocks, 6)?.text, 'cd');
  });
});
