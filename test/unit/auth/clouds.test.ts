import assert from 'node:assert/strict';
import { armScope, resolveCloud } from '../../../src/auth/clouds';
import { isLoopbackUrl } from '../../../src/auth/loopback';

describe('auth/clouds', () => {
  it('defaults to the public cloud and VS Code\'s microsoft provider', () => {
    const cloud = resolveCloud({});
    assert.equal(cloud.name, 'AzureCloud');
    assert.equal(cloud.armEndpoint, 'https://management.azure.com');
    assert.equal(cloud.authorityHost, 'https://login.microsoftonline.com');
    assert.equal(cloud.kustoScope, 'https://kusto.kusto.windows.net/.default');
    assert.equal(cloud.vscodeProviderId, 'microsoft');
  });

  it('maps kustoMi.cloud to authority, ARM endpoint and the sovereign provider', () => {
    const gov = resolveCloud({ cloud: 'AzureUSGovernment' });
    assert.deepEqual([gov.authorityHost, gov.armEndpoint, gov.vscodeProviderId], ['https://login.microsoftonline.us', 'https://management.usgovcloudapi.net', 'microsoft-sovereign-cloud']);
    const china = resolveCloud({ cloud: 'AzureChinaCloud' });
    assert.deepEqual([china.authorityHost, china.armEndpoint], ['https://login.chinacloudapi.cn', 'https://management.chinacloudapi.cn']);
    assert.equal(resolveCloud({ cloud: 'Mars' }).name, 'AzureCloud');
  });

  it('microsoft-sovereign-cloud.environment wins, as in the Azure extensions', () => {
    assert.equal(resolveCloud({ cloud: 'AzureCloud', sovereignEnvironment: 'USGovernment' }).name, 'AzureUSGovernment');
    assert.equal(resolveCloud({ cloud: 'AzureUSGovernment', sovereignEnvironment: 'ChinaCloud' }).name, 'AzureChinaCloud');
    assert.equal(resolveCloud({ cloud: 'AzureChinaCloud', sovereignEnvironment: '' }).name, 'AzureChinaCloud');
    const custom = resolveCloud({ sovereignEnvironment: 'custom', customEnvironment: { activeDirectoryEndpointUrl: 'https://login.contoso.example/', resourceManagerEndpointUrl: 'https://arm.contoso.example/' } });
    assert.deepEqual([custom.name, custom.authorityHost, custom.armEndpoint, custom.vscodeProviderId], ['custom', 'https://login.contoso.example', 'https://arm.contoso.example', 'microsoft-sovereign-cloud']);
  });

  it('armScope is the endpoint origin plus /.default', () => {
    assert.equal(armScope('https://management.usgovcloudapi.net/'), 'https://management.usgovcloudapi.net/.default');
  });

  it('isLoopbackUrl accepts only this machine', () => {
    for (const url of ['http://127.0.0.1:8080', 'http://localhost', 'https://[::1]:443']) assert.equal(isLoopbackUrl(url), true, url);
    for (const url of ['https://help.kusto.windows.net', 'http://127.0.0.2', 'http://localhost.example.com', 'file:///x', 'nope']) assert.equal(isLoopbackUrl(url), false, url);
  });
});
