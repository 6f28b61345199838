// redactSecrets: what the output channel and error messages may show.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { redactSecrets } from '../../../src/core/secrets/redact';
import { KEY, SAS, SIG, leaksSecret } from './samples';

const JWT = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwczovL2t1c3RvIiwib2lkIjoiMTIzIn0.c2lnbmF0dXJlLW5vdC1yZWFs';

describe('redactSecrets', () => {
  const cases: Array<[string, string, string]> = [
    ['a SAS signature', `GET https://a1.blob.core.windows.net/c/f?${SAS} 403`, 'GET https://a1.blob.core.windows.net/c/f?sv=2022-11-02&ss=b&srt=o&sp=rl&se=2030-01-01T00%3A00%3A00Z&spr=https&sig=*** 403'],
    ['an URL-encoded signature', `u=https%3A%2F%2Fa1.blob.core.windows.net%2Fc%3Fsv%3D1%26sig%3D${SIG}%26x%3D1`, 'u=https%3A%2F%2Fa1.blob.core.windows.net%2Fc%3Fsv%3D1%26sig%3D***%26x%3D1'],
    ['sig= in XML', `<a href="x?sv=1&amp;sig=${SIG}&amp;sp=r">`, '<a href="x?sv=1&amp;sig=***&amp;sp=r">'],
    ['an account key', `DefaultEndpointsProtocol=https;AccountName=a1;AccountKey=${KEY};EndpointSuffix=core.windows.net`, 'DefaultEndpointsProtocol=https;AccountName=a1;AccountKey=***;EndpointSuffix=core.windows.net'],
    ['an account key at the end', `"AccountKey=${KEY}"`, '"AccountKey=***"'],
    ['a ;<key> suffix', `failed: https://a1.blob.core.windows.net/c/f.csv;${KEY} (403)`, 'failed: https://a1.blob.core.windows.net/c/f.csv;*** (403)'],
    ['a ;token= suffix', 'https://a1.blob.core.windows.net/c/f.csv;token=abc.def', 'https://a1.blob.core.windows.net/c/f.csv;***'],
    ['a bearer token', `Authorization: Bearer ${JWT}`, 'Authorization: ***'],
    ['an authorization header in JSON', `{"authorization":"Bearer ${JWT}","x":1}`, '{"authorization":"***","x":1}'],
    ['a lower-case bearer in prose', `sent bearer ${JWT} to the cluster`, 'sent bearer *** to the cluster'],
    ['a bare JWT', `token=${JWT};`, 'token=***;'],
    ['a bare account key', `key ${KEY} leaked`, 'key *** leaked'],
  ];
  for (const [name, input, expected] of cases) {
    it(`masks ${name}`, () => assert.equal(redactSecrets(input), expected));
  }

  it('leaves ordinary text, managed-identity URIs and placeholders alone', () => {
    const text = [
      'Ingestion of https://a1.blob.core.windows.net/c/f.csv;managed_identity=system succeeded',
      'https://a1.blob.core.windows.net/c/f.csv?sv=2022-11-02&sig=***',
      'Use AccountKey=*** only in tests; the signature sig=*** is masked.',
      'authorized with the storage account key (;***)',
    ].join('\n');
    assert.equal(redactSecrets(text), text);
  });

  it('is idempotent and never lets a generated signature or key through', () => {
    const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const secret = fc.array(fc.constantFrom(...b64), { minLength: 16, maxLength: 60 }).map((a) => a.join(''));
    const shape = fc.constantFrom(
      (s: string) => `https://a1.blob.core.windows.net/c/f?sv=1&sig=${encodeURIComponent(s)}&sp=r`,
      (s: string) => `https://a1.blob.core.windows.net/c/f?sv%3D1%26sig%3D${encodeURIComponent(encodeURIComponent(s))}`,
      (s: string) => `AccountName=a;AccountKey=${s}==;EndpointSuffix=core.windows.net`,
      (s: string) => `Authorization: Bearer ${s}`,
    );
    fc.assert(fc.property(secret, shape, fc.string(), (s, make, noise) => {
      const text = `${noise} ${make(s)} ${noise}`;
      const once = redactSecrets(text);
      assert.ok(!once.includes(s) && !once.includes(encodeURIComponent(s)), once);
      assert.equal(redactSecrets(once), once);
    }));
  });

  it('stays linear on long adversarial lines', () => {
    for (const text of ['.blob.'.repeat(100_000), 'sig='.repeat(100_000), `${'.blob.x'.repeat(1000)};${'A'.repeat(40)}`.repeat(50), 'eyJ'.repeat(100_000)]) {
      const t0 = process.hrtime.bigint();
      redactSecrets(text);
      assert.ok(Number(process.hrtime.bigint() - t0) / 1e6 < 1000);
    }
  });

  it('masks everything the finders consider secret', () => {
    assert.ok(!leaksSecret(redactSecrets(`${SAS} AccountKey=${KEY} https://a.blob.core.windows.net/c;${KEY}`)));
  });
});
