// An error about a database name says which database, shown safely: control
// characters and escape sequences written out, long names cut.
import assert from 'node:assert/strict';
import { PolicyCommandError, showPolicyCommand } from '../../../src/core/kql/commands';

function messageFor(database: string): string {
  try {
    showPolicyCommand({ kind: 'database', database });
  } catch (e) {
    assert.ok(e instanceof PolicyCommandError);
    return e.message;
  }
  assert.fail(`no error for ${JSON.stringify(database)}`);
}

describe('errors about a database name', () => {
  it('name the database, with control characters and ANSI escapes written out', () => {
    const message = messageFor('Sales\u001b[31m\nProd');
    assert.match(message, /^Invalid database name 'Sales\\u\{1b\}\[31m\\u\{a\}Prod': /);
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(message, /[\u0000-\u001f\u007f-\u009f]/);
  });

  it('cut a very long name, and still say why', () => {
    const message = messageFor('x'.repeat(5000));
    assert.match(message, /^Invalid database name 'x{64}…': An entity name cannot be longer than 1024 characters\.$/);
  });

  it('an empty name', () => {
    assert.equal(messageFor(''), 'Invalid database name \'\': An entity name cannot be empty.');
  });
});
