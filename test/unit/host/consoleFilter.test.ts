// The extension host's console, as the test runner prints it: mocha's report
// passes, the host's own errors about features the tests do not use do not.
import assert from 'node:assert/strict';
import { extensionHostLine } from '../../host/browser';

const asLogged = (level: string, ...args: unknown[]) => [`%c ${level}`, 'color: red', ...args];

describe('host console filter', () => {
  it('prints mocha report lines', () => {
    assert.equal(extensionHostLine(asLogged('LOG', '    ✔ %s', 'flags the SAS URI')), '    ✔ flags the SAS URI');
    assert.equal(extensionHostLine(asLogged('LOG', 'extension: 57 passed, 0 failed')), 'extension: 57 passed, 0 failed');
  });

  it('prints real errors', () => {
    assert.equal(extensionHostLine(asLogged('ERR', 'TypeError: x is undefined')), 'TypeError: x is undefined');
  });

  it("drops the host's GitHub sign-in timeout and aborted save participants", () => {
    assert.equal(extensionHostLine(asLogged('ERR', "Error: Timed out waiting for authentication provider 'github' to register.")), undefined);
    assert.equal(extensionHostLine(asLogged('ERR', '[Extension Host] Aborted onWillSaveTextDocument-event after 1750ms')), undefined);
    assert.equal(extensionHostLine(asLogged('WARN', 'Aborted onWillSaveTextDocument-event after 1750ms')), undefined);
  });

  it("drops the refactor preview's lost file and the smoke-test dialog note", () => {
    assert.equal(extensionHostLine(asLogged('ERR', 'Error: Unable to resolve resource vscode-bulkeditpreview-editor://7b0d/tmp/ws/plain.py?x\n    at Fmt.doCreateReferencedObject (workbench.js:1:2)')), undefined);
    assert.equal(extensionHostLine(asLogged('LOG', 'DialogService: Dialog requested during smoke test.')), undefined);
  });
});
