// Step 3: does the database's or the cluster's managed_identity policy allow
// NativeIngestion for the identity? The database policy is read first; the
// cluster's applies to every database (allowsUsage / effectiveUsage).
import { alterMergePolicyCommand } from '../../core/kql/commands';
import { effectiveUsage, matchesIdentity, type IdentityMatchOptions } from '../../core/policy/evaluate';
import { databaseTarget, type PolicyEntry } from '../../core/policy/model';
import { step, unknownStep, type Evidence, type StepResult } from './model';

export const NATIVE_INGESTION = 'NativeIngestion';

export type Policies =
  | { readonly kind: 'ok'; readonly cluster: readonly PolicyEntry[] | null; readonly database: readonly PolicyEntry[] | null }
  | { readonly kind: 'unavailable'; readonly reason: string };

function entryText(e: PolicyEntry): string {
  return JSON.stringify({ ObjectId: e.ObjectId, ...(e.DisplayName ? { DisplayName: e.DisplayName } : {}), AllowedUsages: e.AllowedUsages.join(', ') });
}

export function policyStep(ref: string, label: string, database: string, policies: Policies, options: IdentityMatchOptions): StepResult {
  if (policies.kind === 'unavailable') {
    return unknownStep('policy', `Could not read the managed_identity policies of database '${database}' and the cluster.`, policies.reason);
  }
  const evidence: Evidence[] = [];
  const dbEntry = (policies.database ?? []).find((e) => matchesIdentity(e, ref, options));
  const clusterEntry = (policies.cluster ?? []).find((e) => matchesIdentity(e, ref, options));
  evidence.push({ label: `Database '${database}' policy`, value: dbEntry ? entryText(dbEntry) : policies.database === null ? 'no policy' : 'no entry for this identity' });
  evidence.push({ label: 'Cluster policy', value: clusterEntry ? entryText(clusterEntry) : policies.cluster === null ? 'no policy' : 'no entry for this identity' });
  const level = effectiveUsage(policies, ref, NATIVE_INGESTION, options);
  if (level === 'database') return step('policy', 'pass', `Database '${database}'s own managed_identity policy allows ${NATIVE_INGESTION} for ${label}.`, evidence);
  if (level === 'cluster') return step('policy', 'pass', `The cluster's managed_identity policy allows ${NATIVE_INGESTION} for ${label}; database '${database}' inherits it.`, evidence);
  const target = databaseTarget(database);
  const objectId = ref.toLowerCase() === 'system' ? 'system' : ref.toLowerCase();
  const entries = [{ ObjectId: objectId, AllowedUsages: [NATIVE_INGESTION] }];
  const partly = dbEntry ?? clusterEntry;
  return step('policy', 'fail',
    `Neither database '${database}' nor the cluster allows ${NATIVE_INGESTION} for ${label}${partly ? ` (its entry allows only ${partly.AllowedUsages.join(', ') || 'nothing'})` : ''}.`,
    evidence, {
      fix: {
        kind: 'grantUsage', title: `Allow ${NATIVE_INGESTION} on database '${database}'`, target, objectId, identityLabel: label, usage: NATIVE_INGESTION,
        command: alterMergePolicyCommand(target, entries),
      },
    });
}
