// Rules `sas-blob-uri` and `storage-account-key` (the `;<key>` suffix form) for
// storage URIs found anywhere in a text. One scan serves both rules.

import type { Finding } from '../findings';
import type { AnalyzeOptions, TextAnalyzer } from '../scan/analyzer';
import { managedIdentityFixes } from './managedIdentityFixes';
import { scanStorageUris, type StorageUriMatch } from './scanStorageUris';
import { STORAGE_HOST_ANCHORS } from './storageHosts';
import { authOf, planRewrite } from './storageUriAuth';

// What to do instead, shared by both rules; `instead` names what goes away.
function advice(instead: string): string {
  return 'Let Kusto read the blob with its managed identity: grant the identity "Storage Blob Data Reader" on the account, '
    + `allow NativeIngestion in the managed_identity policy, and use ";managed_identity=system" (or the identity's object id) instead of ${instead}`;
}

export function findStorageUriCredentials(text: string, options: AnalyzeOptions = {}): Finding[] {
  const findings: Finding[] = [];
  for (const m of scanStorageUris(text)) {
    const auth = authOf(text, m);
    if (auth.kind === 'sas') {
      findings.push(credentialFinding(text, m, options, 'sas-blob-uri',
        'carries a SAS token (sig=***), a secret anyone who can read the code can use', 'the query', 'revoke the SAS'));
    } else if (auth.kind === 'account-key') {
      findings.push(credentialFinding(text, m, options, 'storage-account-key',
        'is authorized with the storage account key (;***), which grants full access to the account', 'the key', 'rotate the key'));
    }
  }
  return findings;
}

function credentialFinding(
  text: string, m: StorageUriMatch, options: AnalyzeOptions,
  ruleId: 'sas-blob-uri' | 'storage-account-key', problem: string, instead: string, afterwards: string,
): Finding {
  const what = `${m.service === 'dfs' ? 'ADLS' : 'Blob'} URI for storage account '${m.account}' ${problem}.`;
  const plan = planRewrite(text, m);
  if ('reason' in plan) {
    return { ruleId, start: m.start, end: m.end, fixes: [], message: `${what} ${advice(instead)}, then ${afterwards}. No automatic rewrite: ${plan.reason}` };
  }
  return {
    ruleId, start: m.start, end: m.end,
    message: `${what} ${advice(instead)}, then ${afterwards}.`,
    fixes: managedIdentityFixes(m.start, m.end, plan.base, options.identities),
  };
}

export const storageUriAnalyzer: TextAnalyzer = {
  id: 'storage-uri',
  anchors: STORAGE_HOST_ANCHORS,
  lineLocal: true,
  analyze: findStorageUriCredentials,
};
