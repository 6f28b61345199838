import assert from 'node:assert/strict';
import {
  MANAGED_IDENTITY_USAGES,
  USAGE_NAMES,
  getUsage,
  getUsageIgnoreCase,
  isKnownUsage,
  isUsageValidAt,
  parseUsageList,
  suggestUsage,
  usagesForLevel,
} from '../../../src/core/kql/usages';

describe('kql/usages', () => {
  it('lists the documented usages, each once, with a description', () => {
    assert.deepEqual([...USAGE_NAMES], [
      'All', 'AutomatedFlows', 'AzureAI', 'DataConnection', 'ExportRequest', 'ExternalDataRequest',
      'ExternalTable', 'NativeIngestion', 'SandboxArtifacts', 'SqlRequest',
    ]);
    for (const u of MANAGED_IDENTITY_USAGES) {
      assert.ok(u.description.length > 10, u.name);
      assert.ok(u.levels.length > 0, u.name);
    }
  });

  it('describes NativeIngestion as ingestion from storage with the SDKs and .ingest', () => {
    const d = getUsage('NativeIngestion')?.description ?? '';
    assert.match(d, /SDK/);
    assert.match(d, /\.ingest/);
  });

  it('allows SandboxArtifacts at cluster level only, everything else at both levels', () => {
    assert.equal(isUsageValidAt('SandboxArtifacts', 'cluster'), true);
    assert.equal(isUsageValidAt('SandboxArtifacts', 'database'), false);
    for (const name of USAGE_NAMES.filter((n) => n !== 'SandboxArtifacts')) {
      assert.equal(isUsageValidAt(name, 'database'), true, name);
      assert.equal(isUsageValidAt(name, 'cluster'), true, name);
    }
    assert.equal(usagesForLevel('database').some((u) => u.name === 'SandboxArtifacts'), false);
    assert.equal(usagesForLevel('cluster').length, USAGE_NAMES.length);
  });

  it('rejects unknown names at every level', () => {
    assert.equal(isUsageValidAt('Ingestion', 'cluster'), false);
    assert.equal(isUsageValidAt('', 'database'), false);
  });

  it('looks names up exactly or ignoring case', () => {
    assert.equal(getUsage('nativeingestion'), undefined);
    assert.equal(getUsageIgnoreCase('nativeingestion')?.name, 'NativeIngestion');
    assert.equal(isKnownUsage('ExternalTable'), true);
    assert.equal(isKnownUsage('ExternalTables'), false);
  });

  describe('suggestUsage', () => {
    const cases: [string, string | undefined][] = [
      ['nativeingestion', 'NativeIngestion'],
      ['NativeIngest', 'NativeIngestion'],
      ['NativeIngestoin', 'NativeIngestion'],
      ['ExternalTables', 'ExternalTable'],
      ['external_table', 'ExternalTable'],
      ['DataConection', 'DataConnection'],
      ['sandbox', 'SandboxArtifacts'],
      ['all', 'All'],
      ['SqlRequests', 'SqlRequest'],
      ['Telemetry', undefined],
      ['x', undefined],
      ['', undefined],
    ];
    for (const [input, expected] of cases) {
      it(`"${input}" → ${expected ?? 'nothing'}`, () => assert.equal(suggestUsage(input), expected));
    }
  });

  describe('parseUsageList', () => {
    it('splits on commas and trims each item, with offsets', () => {
      const text = 'NativeIngestion, ExternalTable ,SqlRequest';
      const items = parseUsageList(text);
      assert.deepEqual(items.map((i) => i.name), ['NativeIngestion', 'ExternalTable', 'SqlRequest']);
      for (const i of items) assert.equal(text.slice(i.start, i.end), i.name);
    });

    it('keeps empty items where they are', () => {
      assert.deepEqual(parseUsageList('A,,B, '), [
        { name: 'A', start: 0, end: 1 },
        { name: '', start: 2, end: 2 },
        { name: 'B', start: 3, end: 4 },
        { name: '', start: 6, end: 6 },
      ]);
      assert.deepEqual(parseUsageList(''), [{ name: '', start: 0, end: 0 }]);
    });
  });
});
