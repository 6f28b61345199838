import assert from 'node:assert/strict';
import { bindingFromHeader, bindingLabel } from '../../../src/core/kql/bindingHeader';

describe('bindingFromHeader', () => {
  it('reads cluster and database from the leading comments, on one line or two', () => {
    assert.deepEqual(bindingFromHeader('// cluster: https://help.kusto.windows.net database: Samples\nStormEvents'),
      { cluster: 'https://help.kusto.windows.net', database: 'Samples' });
    assert.deepEqual(bindingFromHeader('\n// Sales queries\n// Cluster: https://c.westeurope.kusto.windows.net\n// Database: [\'Sales\']\n\nOrders'),
      { cluster: 'https://c.westeurope.kusto.windows.net', database: 'Sales' });
  });

  it('ignores comments after the first statement, and half headers', () => {
    assert.equal(bindingFromHeader('T\n// cluster: https://x database: y'), undefined);
    assert.equal(bindingFromHeader('// cluster: https://x'), undefined);
    assert.equal(bindingFromHeader(''), undefined);
  });

  it('labels a binding with the cluster short name', () => {
    assert.equal(bindingLabel({ cluster: 'https://help.kusto.windows.net', database: 'Samples' }), 'help/Samples');
    assert.equal(bindingLabel({ cluster: 'http://127.0.0.1:8080', database: 'Sales' }), '127.0.0.1:8080/Sales');
  });
});
