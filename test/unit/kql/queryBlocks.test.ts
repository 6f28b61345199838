import assert from 'node:assert/strict';
import { queryBlocks } from '../../../src/core/kql/queryBlocks';

describe('queryBlocks', () => {
  it('folds each multi-line query between blank lines, not single lines', () => {
    const text = [
      'StormEvents', // 0
      '| where State == "TEXAS"', // 1
      '| take 10', // 2
      '', // 3
      '.show databases', // 4
      '', // 5
      '', // 6
      '.alter-merge database Sales policy managed_identity ```[', // 7
      '', // 8: inside the literal
      '  { "ObjectId": "system", "AllowedUsages": "NativeIngestion" }', // 9
      ']```', // 10
      '', // 11
    ].join('\n');
    assert.deepEqual(queryBlocks(text), [{ startLine: 0, endLine: 2 }, { startLine: 7, endLine: 10 }]);
  });

  it('handles CRLF, whitespace-only separators and a last block without a newline', () => {
    assert.deepEqual(queryBlocks('a\r\nb\r\n  \t\r\nc\r\nd'), [{ startLine: 0, endLine: 1 }, { startLine: 3, endLine: 4 }]);
    assert.deepEqual(queryBlocks(''), []);
    assert.deepEqual(queryBlocks('\n\n'), []);
  });
});
