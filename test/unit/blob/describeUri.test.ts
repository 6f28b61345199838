// Hover data: what a flagged URI grants, in words, without its signature.

import assert from 'node:assert/strict';
import { describeStorageUri, renderStorageUriHover } from '../../../src/core/blob/describeUri';
import { KEY, SIG, leaksSecret } from './samples';

const NOW = new Date('2025-06-01T00:00:00Z');

describe('describeStorageUri', () => {
  it('describes an account SAS on a blob', () => {
    const uri = `https://contosodata.blob.core.windows.net/exports/2024/orders.csv?sv=2022-11-02&ss=bf&srt=sco&sp=rwdlacup&se=2030-01-01T00%3A00%3A00Z&st=2024-01-01T00%3A00%3A00Z&spr=https&sig=${SIG}`;
    const info = describeStorageUri(uri, NOW);
    assert.deepEqual(info, {
      account: 'contosodata',
      service: 'blob',
      cloudSuffix: 'core.windows.net',
      container: 'exports',
      path: '2024/orders.csv',
      authentication: 'sas',
      credential: 'sas',
      permissions: ['read', 'write', 'delete', 'list', 'add', 'create', 'update', 'process'],
      expiry: { iso: '2030-01-01T00:00:00.000Z', expired: false },
      start: '2024-01-01T00:00:00.000Z',
      resourceTypes: ['service', 'container', 'object'],
      services: ['blob', 'file'],
      signedResource: undefined,
      version: '2022-11-02',
      protocol: 'https',
      ipRange: undefined,
      storedPolicy: undefined,
      userDelegation: false,
      otherParameters: [],
      managedIdentityUri: 'https://contosodata.blob.core.windows.net/exports/2024/orders.csv;managed_identity=system',
    });
    assert.ok(!JSON.stringify(info).includes(SIG.slice(0, 10)));
  });

  it('reads p as "change permissions" in a service SAS and flags an expired one', () => {
    const info = describeStorageUri(`abfss://raw@a1.dfs.core.windows.net/events/x.parquet?sv=2022-11-02&sr=d&sp=rlmeop&se=2024-01-01&sig=${SIG}`, NOW);
    assert.ok(info);
    assert.deepEqual(
      [info.service, info.container, info.path, info.signedResource],
      ['dfs', 'raw', 'events/x.parquet', 'directory'],
    );
    assert.deepEqual(info.permissions, ['read', 'list', 'move', 'execute', 'change ownership', 'change permissions']);
    assert.deepEqual(info.expiry, { iso: '2024-01-01T00:00:00.000Z', expired: true });
  });

  it('keeps an unparsable expiry as written, without a verdict', () => {
    const info = describeStorageUri(`https://a1.blob.core.windows.net/c/f?sv=1&se=someday&sig=${SIG}`, NOW);
    assert.deepEqual(info?.expiry, { iso: 'someday' });
  });

  it('lists parameters that are not part of the SAS and offers no rewrite', () => {
    const info = describeStorageUri(`https://a1.blob.core.windows.net/c/f?snapshot=2024&sv=1&sig=${SIG}`, NOW);
    assert.deepEqual(info?.otherParameters, ['snapshot']);
    assert.equal(info?.managedIdentityUri, undefined);
  });

  it('describes the ;<key> and managed-identity forms', () => {
    assert.equal(describeStorageUri(`https://a1.blob.core.windows.net/c/f.csv;${KEY}`)?.authentication, 'account-key');
    assert.equal(describeStorageUri('https://a1.blob.core.windows.net/c/f.csv;managed_identity=system')?.authentication, 'managed-identity');
  });

  it('returns undefined for anything that is not one whole storage URI', () => {
    assert.equal(describeStorageUri('https://example.com/c/f?sv=1&sig=x'), undefined);
    assert.equal(describeStorageUri(' https://a1.blob.core.windows.net/c/f'), undefined);
  });
});

describe('renderStorageUriHover', () => {
  it('renders Markdown without the signature, with the managed-identity form', () => {
    const info = describeStorageUri(`https://contosodata.blob.core.windows.net/exports/orders.csv?sv=2022-11-02&sp=rl&se=2024-01-01&sig=${SIG}`, NOW);
    assert.ok(info);
    const md = renderStorageUriHover(info, { usage: 'NativeIngestion' });
    assert.ok(!leaksSecret(md));
    // What matters leads: where, what it allows, until when, the fix; details after a rule.
    const [head, details] = md.split('\n---\n');
    assert.match(head, /^\*\*Blob URI\*\* `contosodata` \/ `exports` \/ `orders\.csv` — SAS token\n/);
    assert.match(head, /- Permissions: read, list\n- Expires: 2024-01-01T00:00:00\.000Z — \*\*expired\*\*\n- Fix: `https:\/\/contosodata\.blob\.core\.windows\.net\/exports\/orders\.csv;managed_identity=system` \(allow `NativeIngestion`; grant Storage Blob Data Reader\)/);
    assert.ok(head.split('\n').filter((l) => l.trim() !== '').length <= 4, head);
    assert.match(details, /- Cloud: `core\.windows\.net`/);
    assert.match(details, /`sig=\*\*\*`/);
    assert.match(details, /- SAS version: 2022-11-02/);
  });

  it('names the ADLS ;sharedkey= form and a write flow', () => {
    const info = describeStorageUri(`abfss://fs@contosodata.dfs.core.windows.net/out;sharedkey=${KEY}`, NOW);
    assert.ok(info);
    assert.equal(info.credential, 'shared-key');
    const md = renderStorageUriHover(info, { usage: 'ExportRequest', write: true });
    assert.ok(!leaksSecret(md));
    assert.match(md, /storage account key \(;sharedkey=\)/);
    assert.match(md, /;managed_identity=system` \(allow `ExportRequest`; grant Storage Blob Data Contributor\)/);
  });

  it('shows an interpolated account as written', () => {
    const info = describeStorageUri(`https://{account}.blob.core.windows.net/c/f?sv=1&sig=${SIG}`, NOW);
    assert.ok(info);
    assert.match(renderStorageUriHover(info), /^\*\*Blob URI\*\* `\{account\}` \//);
  });
});
