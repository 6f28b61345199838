import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './textmate';

interface LanguageConfiguration {
  comments: { lineComment: string; blockComment?: unknown };
  brackets: [string, string][];
  autoClosingPairs: { open: string; close: string; notIn?: string[] }[];
  surroundingPairs: [string, string][];
  folding: { offSide: boolean; markers: { start: string; end: string } };
  wordPattern: string;
}

const config = (): LanguageConfiguration =>
  JSON.parse(fs.readFileSync(path.join(repoRoot(), 'language-configuration.json'), 'utf8')) as LanguageConfiguration;

/** The words VS Code would see in `text` with the configured wordPattern. */
function words(text: string): string[] {
  return [...text.matchAll(new RegExp(config().wordPattern, 'g'))].map((m) => m[0]);
}

describe('language-configuration.json', () => {
  it('has // comments and the three bracket pairs', () => {
    const c = config();
    assert.equal(c.comments.lineComment, '//');
    assert.equal(c.comments.blockComment, undefined);
    assert.deepEqual(c.brackets, [['{', '}'], ['[', ']'], ['(', ')']]);
  });

  it("auto-closes quotes and ``` outside strings and comments", () => {
    const pairs = config().autoClosingPairs;
    for (const q of ["'", '"', '```']) {
      const pair = pairs.find((p) => p.open === q);
      assert.ok(pair, q);
      assert.equal(pair.close, q);
      assert.deepEqual(pair.notIn, ['string', 'comment']);
    }
  });

  it('surrounds with brackets and quotes', () => {
    const opens = config().surroundingPairs.map(([o]) => o);
    for (const o of ['{', '[', '(', "'", '"']) assert.ok(opens.includes(o), o);
  });

  it('folds // #region ... // #endregion', () => {
    const { markers } = config().folding;
    assert.match('// #region setup', new RegExp(markers.start));
    assert.match('  //region', new RegExp(markers.start));
    assert.match('// #endregion', new RegExp(markers.end));
    assert.doesNotMatch('// #endregion', new RegExp(markers.start));
    assert.doesNotMatch('T | take 1 // region', new RegExp(markers.start));
  });

  it('splits .alter-merge into words without the dash or the dot', () => {
    assert.deepEqual(words('.alter-merge'), ['alter', 'merge']);
    assert.deepEqual(words('mv-expand'), ['mv', 'expand']);
  });

  it('keeps KQL identifiers whole', () => {
    assert.deepEqual(words('policy managed_identity'), ['policy', 'managed_identity']);
    assert.deepEqual(words('T | project Col1, _x'), ['T', 'project', 'Col1', '_x']);
    assert.deepEqual(words('on $left.Id == $right.Id'), ['on', '$left', 'Id', '$right', 'Id']);
    assert.deepEqual(words("['my-db']"), ['my', 'db']);
    assert.deepEqual(words('bin(ts, 1.5d)'), ['bin', 'ts', '1.5d']);
    assert.deepEqual(words('Größe'), ['Größe']);
  });
});
