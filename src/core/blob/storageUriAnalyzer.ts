// Rules `sas-blob-uri`, `storage-account-key` (the `;<key>` and ADLS
// `;sharedkey=<key>` suffixes) and `storage-access-token` (`;token=`) for storage
// URIs found anywhere in a text. One scan serves all three; each finding names
// the policy usage of the flow it sits in.

import type { Finding, RuleId } from '../findings';
import { storageAdvice } from '../flows/advice';
import { flowAt } from '../flows/flowAt';
import type { ManagedIdentityFlow } from '../flows/flowForCommand';
import type { AnalyzeOptions, TextAnalyzer } from '../scan/analyzer';
import { managedIdentityFixes } from './managedIdentityFixes';
import { scanStorageUris, type StorageUriMatch } from './scanStorageUris';
import { STORAGE_HOST_ANCHORS } from './storageHosts';
import { authOf, planRewrite } from './storageUriAuth';
import { plausibleSignature } from '../secrets/sasTokens';

function sigOf(text: string, m: StorageUriMatch): string {
  const sig = m.params.find((p) => p.name === 'sig');
  return sig ? text.slice(sig.valueStart, sig.valueEnd) : '';
}

interface Problem {
  readonly ruleId: RuleId;
  /** What the URI carries, in words (never the secret). */
  readonly problem: string;
  /** What goes away, for the advice. */
  readonly instead: string;
  readonly afterwards: string;
}

const SAS: Problem = {
  ruleId: 'sas-blob-uri', problem: 'carries a SAS token (sig=***), a secret anyone who can read the code can use', instead: 'the query', afterwards: 'revoke the SAS',
};
const KEY: Problem = {
  ruleId: 'storage-account-key', problem: 'is authorized with the storage account key (;***), which grants full access to the account', instead: 'the key', afterwards: 'rotate the key',
};
const SHARED_KEY: Problem = {
  ruleId: 'storage-account-key', problem: 'is authorized with the storage account key (;sharedkey=***), which grants full access to the account', instead: '";sharedkey="', afterwards: 'rotate the key',
};
const TOKEN: Problem = {
  ruleId: 'storage-access-token', problem: 'carries a Microsoft Entra access token (;token=***) that anyone who reads it can use until it expires', instead: '";token="', afterwards: 'stop issuing tokens for it',
};

export function findStorageUriCredentials(text: string, options: AnalyzeOptions = {}): Finding[] {
  const findings: Finding[] = [];
  for (const m of scanStorageUris(text)) {
    const auth = authOf(text, m);
    if (auth.kind === 'sas' && !plausibleSignature(sigOf(text, m))) continue;
    const problem = auth.kind === 'sas' ? SAS
      : auth.kind === 'account-key' ? (auth.sharedKey ? SHARED_KEY : KEY)
        : auth.kind === 'token' ? TOKEN : undefined;
    if (problem) findings.push(credentialFinding(text, m, options, problem, flowAt(text, m.start, options.fileName)));
  }
  return findings;
}

function credentialFinding(text: string, m: StorageUriMatch, options: AnalyzeOptions, p: Problem, flow: ManagedIdentityFlow | undefined): Finding {
  const what = `${m.service === 'dfs' ? 'ADLS' : 'Blob'} URI for storage account '${m.account}' ${p.problem}.`;
  const plan = planRewrite(text, m);
  const usage = flow?.usage;
  const advice = storageAdvice(flow, p.instead);
  if ('reason' in plan) {
    return { ruleId: p.ruleId, start: m.start, end: m.end, usage, fixes: [], message: `${what} ${advice}, then ${p.afterwards}. No automatic rewrite: ${plan.reason}` };
  }
  return {
    ruleId: p.ruleId, start: m.start, end: m.end, usage,
    message: `${what} ${advice}, then ${p.afterwards}.`,
    fixes: managedIdentityFixes(m.start, m.end, plan.base, options.identities),
  };
}

export const storageUriAnalyzer: TextAnalyzer = {
  id: 'storage-uri',
  anchors: STORAGE_HOST_ANCHORS,
  // The usage comes from the command around the URI, which may span lines.
  lineLocal: false,
  analyze: findStorageUriCredentials,
};
