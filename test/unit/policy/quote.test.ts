import assert from 'node:assert/strict';
import fc from 'fast-check';
import { showPolicyCommand } from '../../../src/core/kql/commands';
import { KqlQuoteError, quoteName, quoteString } from '../../../src/core/kql/quote';
import { databaseTarget } from '../../../src/core/policy/model';
import { parseCommand } from '../../servers/kusto/commands';
import { tokenize } from '../../servers/kusto/kqlLexer';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** Any Unicode text a name could be, without the characters quoteName refuses. */
const nameArb = fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }).filter((s) => !CONTROL.test(s));
const trickyArb = fc.array(fc.constantFrom('\'', '\\', ']', '[', '"', '`', ' ', 'a', '|', ';', '.', '-'), { minLength: 1, maxLength: 20 }).map((a) => a.join(''));

describe('kql/quote', () => {
  it('brackets and escapes names', () => {
    assert.equal(quoteName('Ops-Archive'), "['Ops-Archive']");
    assert.equal(quoteName("O'Brien"), "['O\\'Brien']");
    assert.equal(quoteName('back\\slash'), "['back\\\\slash']");
  });

  it('refuses empty, too long and control-character names', () => {
    assert.throws(() => quoteName(''), KqlQuoteError);
    assert.throws(() => quoteName('x'.repeat(1025)), /longer than 1024/);
    for (const bad of ['a\nb', 'a\rb', 'tab\there', 'nul\u0000', 'ls\u2028']) assert.throws(() => quoteName(bad), /control characters/);
  });

  it('property: a quoted name lexes back to exactly the same name, as one token', () => {
    fc.assert(fc.property(fc.oneof(nameArb, trickyArb), (name) => {
      const tokens = tokenize(`x ${quoteName(name)} y`);
      assert.deepEqual(tokens, [{ kind: 'ident', text: 'x' }, { kind: 'name', text: name }, { kind: 'ident', text: 'y' }]);
    }), { numRuns: 500 });
  });

  it('property: a name never changes the command it is put in', () => {
    fc.assert(fc.property(fc.oneof(nameArb, trickyArb), (name) => {
      assert.deepEqual(parseCommand(showPolicyCommand(databaseTarget(name))), { op: 'showPolicy', target: { kind: 'database', name } });
    }), { numRuns: 500 });
  });

  it('property: quoteString round-trips, line breaks included', () => {
    const textArb = fc.string({ unit: 'binary', maxLength: 60 }).map((s) => s.replace(new RegExp(CONTROL.source, 'g'), (c) => ('\n\r\t'.includes(c) ? c : '?')));
    fc.assert(fc.property(textArb, (text) => {
      assert.deepEqual(tokenize(quoteString(text)), [{ kind: 'string', text }]);
    }), { numRuns: 500 });
  });
});
