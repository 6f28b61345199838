import assert from 'node:assert/strict';
import { toCsv, toJson } from '../../../src/core/kql/resultFormat';

const TABLE = {
  columns: [{ name: 'Name', type: 'string' }, { name: 'Value', type: 'real' }, { name: 'Props', type: 'dynamic' }],
  rows: [['a, "quoted"', 1.5, { k: 1 }], ['line\nbreak', null, null]],
};

describe('result formats', () => {
  it('writes RFC 4180 CSV with a header row', () => {
    assert.equal(toCsv(TABLE), 'Name,Value,Props\r\n"a, ""quoted""",1.5,"{""k"":1}"\r\n"line\nbreak",,\r\n');
  });

  it('writes JSON objects keyed by column name', () => {
    assert.deepEqual(JSON.parse(toJson(TABLE)), [{ Name: 'a, "quoted"', Value: 1.5, Props: { k: 1 } }, { Name: 'line\nbreak', Value: null, Props: null }]);
  });
});
