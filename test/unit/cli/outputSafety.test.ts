// What the CLI prints is safe for a terminal and bounded: server text with
// escapes, huge clusters, and query-parameter names from scanned files.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatJson as checkJson, formatText as checkText } from '../../../src/cli/check/formatText';
import { formatTable } from '../../../src/cli/policies/formatTable';
import { formatJson } from '../../../src/cli/policies/formatJson';
import type { ClusterPolicies } from '../../../src/cli/policies/readPolicies';
import { printable, terminalSafeJson } from '../../../src/cli/printable';
import { analyzeText } from '../../../src/core/scan/analyzeText';
import { step, unknownStep, type ReadinessReport } from '../../../src/readiness/core/model';

const RUNS = { printable: 500, json: 300 };
// Anything a terminal acts on: C0 (ESC included), DEL, C1 (0x9b is CSI), bidi overrides and isolates.
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/; // eslint-disable-line no-control-regex -- what the test looks for
const SYSTEM = '11111111-1111-1111-1111-111111111111';

function cluster(databases: ClusterPolicies['databases'], displayName = 'demo'): ClusterPolicies {
  return {
    cluster: 'https://c.kusto.windows.net',
    identities: [{ objectId: SYSTEM, displayName, kind: 'system' }],
    clusterPolicy: null,
    databases,
  };
}

describe('CLI output is safe to print', () => {
  it('prints a policies table of 200,000 databases', () => {
    const databases = Array.from({ length: 200_000 }, (_, i) => ({
      name: `db${i}`, policy: [{ ObjectId: SYSTEM, AllowedUsages: ['NativeIngestion'] }],
    }));
    const table = formatTable(cluster(databases));
    assert.match(table, /^ {2}db199999 +allowed +demo +NativeIngestion$/m);
    assert.equal(table.split('\n').filter((l) => /^ {2}db\d+ /.test(l)).length, 200_000);
  });

  it('escapes ANSI escapes and control characters in names, ids and errors from the server', () => {
    const evil = 'Sales\u001b[2J\u001b[31m\u009b0m\u202e\r\n';
    const report = cluster([
      { name: evil, policy: [{ ObjectId: SYSTEM, DisplayName: evil, AllowedUsages: ['NativeIngestion'] }] },
      { name: 'Ops', policy: null, error: `database 'Ops': ${evil}` },
    ], evil);
    const table = formatTable(report);
    assert.doesNotMatch(table, TERMINAL_CONTROL);
    assert.match(table, /Sales\\e\[2J\\e\[31m\\x9b0m\\u202e\\r\\n/);
    const json = formatJson(report);
    assert.doesNotMatch(json, TERMINAL_CONTROL);
    assert.equal((JSON.parse(json) as { databases: { name: string }[] }).databases[0].name, evil, 'the JSON value is unchanged');
  });

  it('escapes server text in the readiness check\'s text and JSON output', () => {
    const evil = 'Ops\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007\u009b2J';
    const report: ReadinessReport = {
      blobUri: 'https://a1.blob.core.windows.net/c/f.csv;managed_identity=system', clusterUrl: 'https://c.kusto.windows.net', database: evil,
      identity: { ref: 'system', label: `system (${evil})`, source: 'uri' },
      steps: [step('uri', 'pass', 'ok'), unknownStep('policy', `database '${evil}' could not be read`, `the server said: ${evil}`)],
      ready: false, checkedAt: '2026-01-01T00:00:00Z',
    };
    const text = checkText(report);
    assert.doesNotMatch(text, TERMINAL_CONTROL);
    assert.match(text, /database 'Ops\\e\]8;;https:\/\/evil\.example\\x07click/);
    const json = checkJson(report);
    assert.doesNotMatch(json, TERMINAL_CONTROL);
    assert.equal((JSON.parse(json) as ReadinessReport).database, evil);
  });

  it(`printable leaves no character a terminal acts on (${RUNS.printable} runs)`, () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
      const out = printable(s);
      assert.doesNotMatch(out, TERMINAL_CONTROL);
      assert.doesNotMatch(out, /[\n\r\t]/);
      if (!/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(s)) assert.equal(out, s); // eslint-disable-line no-control-regex
    }), { numRuns: RUNS.printable });
  });

  it(`terminalSafeJson keeps the JSON value (${RUNS.json} runs)`, () => {
    fc.assert(fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (value, s) => {
      const doc = { value, s };
      const json = terminalSafeJson(JSON.stringify(doc, null, 2));
      assert.doesNotMatch(json, TERMINAL_CONTROL);
      assert.deepEqual(JSON.parse(json), JSON.parse(JSON.stringify(doc)));
    }), { numRuns: RUNS.json });
  });

  describe('the "no automatic rewrite" message', () => {
    const base = 'https://a1.blob.core.windows.net/c/f.csv?sv=2022-11-02&sp=r&sig=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789%2BaBcD%3D';

    it('never echoes an unbounded query-parameter name', () => {
      const long = 'x'.repeat(100_000);
      const [finding] = analyzeText(`u = "${base}&${long}=1&${'y'.repeat(5000)}"`);
      assert.match(finding.message, /No automatic rewrite/);
      assert.ok(finding.message.length < 1200, `message of ${finding.message.length} characters`);
      assert.ok(!finding.message.includes('x'.repeat(30)));
    });

    it('masks a parameter name that looks like a credential', () => {
      const pasted = 'AbCdEfGh0123456789IjKlMnOp';
      const [finding] = analyzeText(`u = "${base}&${pasted}"`);
      assert.match(finding.message, /No automatic rewrite/);
      assert.ok(!finding.message.toLowerCase().includes(pasted.toLowerCase().slice(0, 12)), finding.message);
      assert.match(finding.message, /"\*\*\*"/);
    });

    it('still names ordinary extra parameters', () => {
      const [finding] = analyzeText(`u = "${base}&comp=list&restype=container"`);
      assert.match(finding.message, /"comp", "restype"/);
    });
  });
});
