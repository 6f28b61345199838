import assert from 'node:assert/strict';
import { applyAnswer, decideLanguageService, readRememberedChoice } from '../../../src/core/kql/languageServiceChoice';

describe('KQL language service next to another Kusto extension', () => {
  const kuskus = ['rosshamish.kuskus-kusto-language-server'];

  it('runs ours when no other extension serves KQL files, or when the setting says on', () => {
    assert.deepEqual(decideLanguageService('auto', [], undefined), { action: 'start' });
    assert.deepEqual(decideLanguageService('on', kuskus, undefined), { action: 'start' });
  });

  it('never runs with the setting off, and never asks', () => {
    assert.equal(decideLanguageService('off', [], undefined).action, 'stepAside');
    assert.equal(decideLanguageService('off', kuskus, undefined).action, 'stepAside');
  });

  it('asks, naming the other extension, instead of stepping aside silently', () => {
    assert.deepEqual(decideLanguageService('auto', kuskus, undefined), { action: 'ask', others: kuskus });
  });

  it('"Use Kusto MI" starts ours now and in later sessions, without asking again', () => {
    const answer = applyAnswer('ours', kuskus);
    assert.equal(answer.start, true);
    assert.deepEqual(decideLanguageService('auto', kuskus, answer.remember), { action: 'start' });
  });

  it('"Leave to It" steps aside for this session only: the next session asks again', () => {
    const answer = applyAnswer('leave', kuskus);
    assert.deepEqual(answer, { start: false });
    assert.equal(decideLanguageService('auto', kuskus, answer.remember).action, 'ask');
  });

  it('"Don\'t Ask Again" steps aside from now on, with a note in the log instead of a question', () => {
    const answer = applyAnswer('neverAsk', kuskus);
    assert.equal(answer.start, false);
    const later = decideLanguageService('auto', kuskus, answer.remember);
    assert.equal(later.action, 'stepAside');
    assert.match(later.action === 'stepAside' ? later.note ?? '' : '', /kuskus.*managed-identity features stay on/);
  });

  it('a dismissed question steps aside without remembering anything', () => {
    assert.deepEqual(applyAnswer(undefined, kuskus), { start: false });
  });

  it('asks again when another extension appears after the answer', () => {
    const remember = applyAnswer('neverAsk', kuskus).remember;
    assert.equal(decideLanguageService('auto', [...kuskus, 'someone.kusto-tools'], remember).action, 'ask');
  });

  it('the setting wins over a remembered answer', () => {
    assert.equal(decideLanguageService('off', kuskus, applyAnswer('ours', kuskus).remember).action, 'stepAside');
    assert.equal(decideLanguageService('on', kuskus, applyAnswer('neverAsk', kuskus).remember).action, 'start');
  });

  it('reads back only what it stored', () => {
    assert.deepEqual(readRememberedChoice({ choice: 'ours', others: kuskus }), { choice: 'ours', others: kuskus });
    assert.equal(readRememberedChoice({ choice: 'maybe', others: [] }), undefined);
    assert.equal(readRememberedChoice({ choice: 'ours', others: [1] }), undefined);
    assert.equal(readRememberedChoice('ours'), undefined);
  });
});
