// Step 1: the blob URI. Parsed with describeStorageUri (account, container,
// path); passes when it carries `;managed_identity=system|<object id>`. A SAS,
// account-key or bare URI fails with the rewrite the quick fixes would make.
import { describeStorageUri, type StorageUriInfo } from '../../core/blob/describeUri';
import { rewriteToManagedIdentity } from '../../core/blob/rewrite';
import { isManagedIdentityReference } from '../../core/identity';
import { step, type Evidence, type StepResult } from './model';

export interface UriFacts {
  readonly info?: StorageUriInfo;
  /** The value after `;managed_identity=`, when it is `system` or an object id. */
  readonly identity?: string;
}

const MI_VALUE = /;managed_identity=([^;?#\s"'`]*)/i;

export function uriStep(uri: string, fallbackIdentity: string): { readonly step: StepResult; readonly facts: UriFacts } {
  const info = describeStorageUri(uri.trim());
  if (!info) {
    return { facts: {}, step: step('uri', 'fail', 'This is not an Azure Storage blob or ADLS URI (https://<account>.blob.core.windows.net/<container>/<path>).') };
  }
  const evidence: Evidence[] = [
    { label: 'Storage account', value: `${info.account} (${info.service}.${info.cloudSuffix})` },
    { label: info.service === 'dfs' ? 'File system' : 'Container', value: info.container || '(none)' },
    { label: 'Path', value: info.path || '(none)' },
  ];
  if (info.authentication === 'managed-identity') {
    const value = MI_VALUE.exec(uri)?.[1] ?? '';
    if (!isManagedIdentityReference(value)) {
      return {
        facts: { info },
        step: step('uri', 'fail', `";managed_identity=${value}" names neither "system" nor an object id (GUID): the ingestion would fail.`, evidence),
      };
    }
    const who = value.toLowerCase() === 'system' ? "the cluster's system-assigned identity" : `the identity with object id ${value.toLowerCase()}`;
    return {
      facts: { info, identity: value.toLowerCase() },
      step: step('uri', 'pass', `The URI asks Kusto to read the blob with ${who} (;managed_identity=${value.toLowerCase()}).`,
        [...evidence, { label: 'Authorization', value: `;managed_identity=${value.toLowerCase()}` }]),
    };
  }
  const what = {
    'sas': 'carries a SAS token (sig=***): a secret in code, and Kusto does not use the managed identity',
    'account-key': 'carries the storage account key: a secret in code, and Kusto does not use the managed identity',
    'none': 'has no ";managed_identity=" suffix, so Kusto does not use a managed identity to read it',
  }[info.authentication];
  const rewrite = rewriteToManagedIdentity(uri.trim(), fallbackIdentity);
  const summary = `The URI ${what}.`;
  if (!rewrite.ok) return { facts: { info }, step: step('uri', 'fail', `${summary} It cannot be rewritten automatically: ${rewrite.reason}`, evidence) };
  const suffix = `;managed_identity=${fallbackIdentity.toLowerCase()}`;
  return {
    facts: { info },
    step: step('uri', 'fail', `${summary} Use "${suffix}" instead.`, [...evidence, { label: 'Authorization', value: info.authentication }], {
      fix: { kind: 'rewriteUri', title: `Rewrite the URI to ${suffix}`, identity: fallbackIdentity.toLowerCase(), newUri: rewrite.uri },
    }),
  };
}
