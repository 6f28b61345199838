import assert from 'node:assert/strict';
import { parseDatabaseSchema } from '../../../src/core/kql/databaseSchema';

// The shape `.show database Samples schema as json` returns (trimmed).
const SHOW_SCHEMA = JSON.stringify({
  Plugins: [],
  Databases: {
    Samples: {
      Name: 'Samples',
      Tables: {
        StormEvents: {
          Name: 'StormEvents',
          OrderedColumns: [
            { Name: 'StartTime', Type: 'System.DateTime', CslType: 'datetime' },
            { Name: 'State', Type: 'System.String', CslType: 'string' },
            { Name: 'Damage Property', Type: 'System.Int64', CslType: 'long' },
          ],
        },
      },
      MaterializedViews: { DailyEvents: { Name: 'DailyEvents', OrderedColumns: [{ Name: 'Day', CslType: 'datetime' }] } },
      ExternalTables: {},
      Functions: {
        TopStates: {
          Name: 'TopStates',
          InputParameters: [{ Name: 'n', CslType: 'long' }, { Name: 'since', CslType: 'datetime', CslDefaultValue: 'datetime(2020-01-01)' }],
          Body: '{ StormEvents | where StartTime > since | take n }',
        },
      },
    },
  },
});

describe('parseDatabaseSchema', () => {
  it('reads tables (materialized views too), columns with their KQL types, and functions', () => {
    const schema = parseDatabaseSchema(SHOW_SCHEMA, 'samples');
    assert.deepEqual(schema, {
      name: 'Samples',
      tables: [
        { name: 'StormEvents', columns: [{ name: 'StartTime', type: 'datetime' }, { name: 'State', type: 'string' }, { name: 'Damage Property', type: 'long' }] },
        { name: 'DailyEvents', columns: [{ name: 'Day', type: 'datetime' }] },
      ],
      functions: [{ name: 'TopStates', parameters: '(n:long, since:datetime = datetime(2020-01-01))', body: '{ StormEvents | where StartTime > since | take n }' }],
    });
  });

  it('takes the only database when none is named, and is undefined for anything else', () => {
    assert.equal(parseDatabaseSchema(SHOW_SCHEMA)?.name, 'Samples');
    assert.equal(parseDatabaseSchema(SHOW_SCHEMA, 'Other'), undefined);
    assert.equal(parseDatabaseSchema('not json'), undefined);
    assert.equal(parseDatabaseSchema('{"Tables":{}}'), undefined);
  });
});
