// A workspace cannot redirect tokens: every setting that decides where tokens
// go or how the user signs in is read from user settings only, and every
// other setting an untrusted workspace must not set is restricted.
import assert from 'node:assert/strict';
import { capabilities, contributes } from '../../../package.json';
import { RESTRICTED_SETTINGS, restrictedModeLogLine } from '../../../src/config/trust';

type Property = { scope?: string };
const properties = contributes.configuration.properties as Record<string, Property>;
const userOnly = (key: string) => ['application', 'machine'].includes(properties[key]?.scope ?? 'window');

describe('settings trust', () => {
  it('token-routing and sign-in settings are application (or machine) scope', () => {
    for (const key of ['kustoMi.armEndpoint', 'kustoMi.auth.method', 'kustoMi.auth.tenant', 'kustoMi.cloud', 'kustoMi.clusters']) {
      assert.ok(userOnly(key), `${key} can be set by a workspace (scope ${properties[key]?.scope ?? 'window'})`);
    }
  });

  it('limited untrusted-workspace support, restricting every other setting a workspace must not set', () => {
    const untrusted = capabilities.untrustedWorkspaces as { supported: unknown; restrictedConfigurations?: string[] };
    assert.equal(untrusted.supported, 'limited');
    assert.ok(untrusted.restrictedConfigurations?.includes('kustoMi.identities'), 'identities offered by quick fixes');
    // Harmless in any workspace: how loud the diagnostics are, how soon they come, and which
    // extension's parser serves KQL files (the language server parses text; it runs no workspace code).
    const harmless = new Set(['kustoMi.diagnostics.severity', 'kustoMi.diagnostics.debounceMs', 'kustoMi.kql.languageService']);
    for (const key of Object.keys(properties)) {
      if (userOnly(key) || harmless.has(key)) continue;
      assert.ok(untrusted.restrictedConfigurations?.includes(key), `${key} is neither user-only nor restricted`);
    }
    for (const key of untrusted.restrictedConfigurations ?? []) assert.ok(key in properties, `${key} is not a setting`);
  });

  it('the Restricted Mode log line names what is ignored', () => {
    assert.deepEqual(RESTRICTED_SETTINGS, capabilities.untrustedWorkspaces.restrictedConfigurations);
    assert.match(restrictedModeLogLine(), /kustoMi\.identities/);
    assert.match(restrictedModeLogLine(), /kustoMi\.armEndpoint are only ever read from user settings/);
  });
});
