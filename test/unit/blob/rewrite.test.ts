// rewriteToManagedIdentity / rewriteAllToManagedIdentity: examples, then
// properties over generated storage URIs (fast-check).

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describeStorageUri } from '../../../src/core/blob/describeUri';
import { rewriteAllToManagedIdentity, rewriteToManagedIdentity } from '../../../src/core/blob/rewrite';
import { CLOUD_SUFFIXES } from '../../../src/core/blob/storageHosts';
import { analyzeText } from '../../../src/core/scan/analyzeText';
import { KEY, OBJECT_ID, SAS } from './samples';

const BLOB = 'https://contosodata.blob.core.windows.net/exports/orders.csv';

describe('rewriteToManagedIdentity', () => {
  const ok: Array<[string, string, string, string]> = [
    ['drops a SAS query', `${BLOB}?${SAS}`, 'system', `${BLOB};managed_identity=system`],
    ['uses an object id', `${BLOB}?${SAS}`, OBJECT_ID, `${BLOB};managed_identity=${OBJECT_ID}`],
    ['lower-cases an upper-case object id and SYSTEM', `${BLOB}?${SAS}`, 'SYSTEM', `${BLOB};managed_identity=system`],
    ['replaces a ;<key> suffix', `${BLOB};${KEY}`, 'system', `${BLOB};managed_identity=system`],
    ['appends to a plain URI', BLOB, 'system', `${BLOB};managed_identity=system`],
    ['leaves a managed-identity URI alone', `${BLOB};managed_identity=${OBJECT_ID}`, 'system', `${BLOB};managed_identity=${OBJECT_ID}`],
    ['keeps abfss file system and path', `abfss://fs@a1.dfs.core.windows.net/d/e%20f.parquet?${SAS}`, 'system', 'abfss://fs@a1.dfs.core.windows.net/d/e%20f.parquet;managed_identity=system'],
  ];
  for (const [name, uri, identity, expected] of ok) {
    it(name, () => assert.deepEqual(rewriteToManagedIdentity(uri, identity), { ok: true, uri: expected }));
  }

  const refused: Array<[string, string, string, RegExp]> = [
    ['an identity that is neither system nor a GUID', `${BLOB}?${SAS}`, 'my-identity', /GUID/],
    ['a non-storage URI', `https://example.com/f?${SAS}`, 'system', /not an Azure Storage/],
    ['a query with snapshot=', `${BLOB}?snapshot=2024&${SAS}`, 'system', /"snapshot"/],
    ['an unknown ; suffix', `${BLOB};token=abc`, 'system', /suffix/],
    ['text around the URI', ` ${BLOB}?${SAS}`, 'system', /not an Azure Storage/],
  ];
  for (const [name, uri, identity, reason] of refused) {
    it(`refuses ${name}`, () => {
      const r = rewriteToManagedIdentity(uri, identity);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.reason, reason);
    });
  }
});

describe('rewriteAllToManagedIdentity', () => {
  it('rewrites every fixable credential and nothing else', () => {
    const text = [
      `a = "${BLOB}?${SAS}"`,
      `b = "${BLOB}?snapshot=1&${SAS}"`,
      `c = "${BLOB}?sv=2022-11-02&sig={sig}"`,
      `d = "${BLOB};${KEY}"`,
      `e = "https://example.com/x?${SAS}"`,
    ].join('\n');
    assert.equal(rewriteAllToManagedIdentity(text, 'system'), [
      `a = "${BLOB};managed_identity=system"`,
      `b = "${BLOB}?snapshot=1&${SAS}"`,
      `c = "${BLOB}?sv=2022-11-02&sig={sig}"`,
      `d = "${BLOB};managed_identity=system"`,
      `e = "https://example.com/x?${SAS}"`,
    ].join('\n'));
  });
});

// ----------------------------------------------------------- properties ----

const lower = 'abcdefghijklmnopqrstuvwxyz0123456789';
const chars = (alphabet: string, min: number, max: number) =>
  fc.array(fc.constantFrom(...alphabet), { minLength: min, maxLength: max }).map((a) => a.join(''));

const account = chars(lower, 3, 24);
const container = chars(`${lower}-`, 3, 20).filter((c) => !c.startsWith('-'));
// Path segments with the characters blob names really use, including escapes.
const segment = fc.oneof(chars(`${lower}ABCXYZ._-`, 1, 12), fc.constantFrom('a%20b', '%E2%82%AC', 'x+y', 'd=1', 'year=2024'));
const blobPath = fc.array(segment, { minLength: 0, maxLength: 4 }).map((s) => s.map((x) => `/${x}`).join(''));
const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const signature = fc.tuple(chars(base64, 20, 43), fc.constantFrom('%3D', '=', '%2B%3D', '')).map(([a, b]) => a + b);
const sasParams = fc.record({
  sig: signature,
  others: fc.subarray(['sp=rl', 'se=2030-01-01T00%3A00%3A00Z', 'st=2024-01-01', 'spr=https', 'sr=b', 'ss=b', 'srt=sco', 'skoid=x', 'rscd=file.csv', 'si=policy']),
  order: fc.nat(),
}).map(({ sig, others, order }) => {
  const params = ['sv=2022-11-02', ...others];
  params.splice(order % (params.length + 1), 0, `sig=${sig}`);
  return params;
});
const separator = fc.constantFrom('&', '&amp;', '%26');
const storageHost = fc.record({
  account,
  service: fc.constantFrom('blob', 'dfs'),
  suffix: fc.constantFrom(...CLOUD_SUFFIXES),
  zone: fc.option(fc.integer({ min: 1, max: 99 }), { nil: undefined }),
}).map(({ account: a, service, suffix, zone }) => zone === undefined
  ? `${a}.${service}.${suffix}`
  : `${a}.z${String(zone).padStart(2, '0')}.${service}.storage.azure.net`);

interface GeneratedUri {
  readonly uri: string;
  readonly base: string;
  readonly account: string;
  readonly container: string;
  readonly path: string;
}

const sasUri: fc.Arbitrary<GeneratedUri> = fc.record({ host: storageHost, container, path: blobPath, params: sasParams, sep: separator })
  .map(({ host, container: c, path, params, sep }) => {
    const base = `https://${host}/${c}${path}`;
    return { uri: `${base}?${params.join(sep)}`, base, account: host.slice(0, host.indexOf('.')), container: c, path: path.slice(1) };
  });

const NO_SIG = /sig(=|%3d)/i;

describe('rewrite properties', () => {
  it('never emits sig=, keeps scheme/host/container/path exactly and appends the identity', () => {
    fc.assert(fc.property(sasUri, fc.constantFrom('system', OBJECT_ID), (g, id) => {
      const r = rewriteToManagedIdentity(g.uri, id);
      assert.ok(r.ok, `${g.uri}: ${!r.ok && r.reason}`);
      assert.doesNotMatch(r.uri, NO_SIG);
      assert.equal(r.uri, `${g.base};managed_identity=${id}`);
    }));
  });

  it('is idempotent', () => {
    fc.assert(fc.property(sasUri, (g) => {
      const once = rewriteToManagedIdentity(g.uri, 'system');
      assert.ok(once.ok);
      assert.deepEqual(rewriteToManagedIdentity(once.uri, 'system'), once);
      const text = `x = "${g.uri}"`;
      const fixed = rewriteAllToManagedIdentity(text, 'system');
      assert.equal(rewriteAllToManagedIdentity(fixed, 'system'), fixed);
    }));
  });

  it('preserves account, container and path as the hover reads them', () => {
    fc.assert(fc.property(sasUri, (g) => {
      const r = rewriteToManagedIdentity(g.uri, 'system');
      assert.ok(r.ok);
      const before = describeStorageUri(g.uri);
      const after = describeStorageUri(r.uri);
      assert.ok(before && after);
      assert.deepEqual([after.account, after.container, after.path], [g.account, g.container, g.path]);
      assert.deepEqual([before.account, before.container, before.path], [g.account, g.container, g.path]);
      assert.equal(after.authentication, 'managed-identity');
    }));
  });

  it('is found in any language\'s quotes, and the fix replaces exactly the URI', () => {
    const quotes = fc.constantFrom(['"', '"'], ["'", "'"], ['`', '`'], ['@"', '"'], ["h'", "'"], ['h@"', '"'], ['(', ')'], ['<', '>'], ['= ', '\n']);
    fc.assert(fc.property(sasUri, quotes, fc.string({ maxLength: 20 }), (g, [open, close], noise) => {
      const prefix = `${noise.replace(/[a-z0-9.%/:]/gi, ' ')} ${open}`;
      const text = `${prefix}${g.uri}${close} tail`;
      const findings = analyzeText(text);
      assert.equal(findings.length, 1);
      assert.equal(text.slice(findings[0].start, findings[0].end), g.uri);
      const fix = findings[0].fixes[0].edits[0];
      assert.equal(fix.newText, `${g.base};managed_identity=system`);
    }));
  });

  it('never changes a string without an Azure Storage host', () => {
    const nonAzureHost = fc.oneof(
      fc.constantFrom('example.com', 'blob.example.org', 'a.blob.core.windows.net.evil.io', '127.0.0.1:10000/devstoreaccount1', 'localhost:10000', 'devstoreaccount1.blob.localhost:10000'),
      chars(lower, 1, 10).map((s) => `${s}.example.net`),
    );
    const lookalike = fc.record({ host: nonAzureHost, params: sasParams, sep: separator, c: container })
      .map(({ host, params, sep, c }) => `"https://${host}/${c}/f.csv?${params.join(sep)}"`);
    fc.assert(fc.property(fc.oneof(lookalike, fc.string(), fc.string({ unit: 'grapheme' })), (text) => {
      assert.equal(rewriteAllToManagedIdentity(text, 'system'), text);
      assert.deepEqual(analyzeText(text).filter((f) => f.ruleId === 'sas-blob-uri'), []);
    }));
  });
});
