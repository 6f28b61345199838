// Step 3: does the database's or the cluster's managed_identity policy allow
// the flow's usage (NativeIngestion for ingestion, ExportRequest for .export,
// ...) for the identity? The database policy is read first; the cluster's
// applies to every database (allowsUsage / effectiveUsage). A cluster-only
// usage (SandboxArtifacts) counts only in the cluster policy, and its fix
// targets the cluster.
import { alterMergePolicyCommand } from '../../core/kql/commands';
import { allowsUsage, effectiveUsage, matchesIdentity, type IdentityMatchOptions } from '../../core/policy/evaluate';
import { CLUSTER_TARGET, databaseTarget, type PolicyEntry } from '../../core/policy/model';
import { step, stepTitle, unknownStep, type Evidence, type StepResult } from './model';

export const NATIVE_INGESTION = 'NativeIngestion';

export type Policies =
  | { readonly kind: 'ok'; readonly cluster: readonly PolicyEntry[] | null; readonly database: readonly PolicyEntry[] | null }
  | { readonly kind: 'unavailable'; readonly reason: string };

export interface PolicyFlow {
  readonly usage: string;
  /** The usage may only be allowed in the cluster-level policy. */
  readonly clusterOnly?: boolean;
}

function entryText(e: PolicyEntry): string {
  return JSON.stringify({ ObjectId: e.ObjectId, ...(e.DisplayName ? { DisplayName: e.DisplayName } : {}), AllowedUsages: e.AllowedUsages.join(', ') });
}

export function policyStep(
  ref: string, label: string, database: string, policies: Policies, options: IdentityMatchOptions, flow: PolicyFlow = { usage: NATIVE_INGESTION },
): StepResult {
  const { usage } = flow;
  const title = stepTitle('policy', usage, 'read');
  if (policies.kind === 'unavailable') {
    return { ...unknownStep('policy', `Could not read the managed_identity policies of database '${database}' and the cluster.`, policies.reason), title };
  }
  const evidence: Evidence[] = [];
  const dbEntry = (policies.database ?? []).find((e) => matchesIdentity(e, ref, options));
  const clusterEntry = (policies.cluster ?? []).find((e) => matchesIdentity(e, ref, options));
  evidence.push({ label: `Database '${database}' policy`, value: dbEntry ? entryText(dbEntry) : policies.database === null ? 'no policy' : 'no entry for this identity' });
  evidence.push({ label: 'Cluster policy', value: clusterEntry ? entryText(clusterEntry) : policies.cluster === null ? 'no policy' : 'no entry for this identity' });
  const objectId = ref.toLowerCase() === 'system' ? 'system' : ref.toLowerCase();
  const entries = [{ ObjectId: objectId, AllowedUsages: [usage] }];

  if (flow.clusterOnly) {
    if (allowsUsage(policies.cluster, ref, usage, options)) {
      return step('policy', 'pass', `The cluster's managed_identity policy allows ${usage} for ${label}.`, evidence, { title });
    }
    const inDatabase = allowsUsage(policies.database, ref, usage, options) ? ` Database '${database}' names it, but ${usage} counts only at cluster level.` : '';
    return step('policy', 'fail', `The cluster's managed_identity policy does not allow ${usage} for ${label}.${inDatabase}`, evidence, {
      title,
      fix: {
        kind: 'grantUsage', title: `Allow ${usage} on the cluster`, target: CLUSTER_TARGET, objectId, identityLabel: label, usage,
        command: alterMergePolicyCommand(CLUSTER_TARGET, entries),
      },
    });
  }
  const level = effectiveUsage(policies, ref, usage, options);
  if (level === 'database') return step('policy', 'pass', `The managed_identity policy of database '${database}' allows ${usage} for ${label}.`, evidence, { title });
  if (level === 'cluster') return step('policy', 'pass', `The cluster's managed_identity policy allows ${usage} for ${label}; database '${database}' inherits it.`, evidence, { title });
  const target = databaseTarget(database);
  const partly = dbEntry ?? clusterEntry;
  return step('policy', 'fail',
    `Neither database '${database}' nor the cluster allows ${usage} for ${label}${partly ? ` (its entry allows only ${partly.AllowedUsages.join(', ') || 'nothing'})` : ''}.`,
    evidence, {
      title,
      fix: {
        kind: 'grantUsage', title: `Allow ${usage} on database '${database}'`, target, objectId, identityLabel: label, usage,
        command: alterMergePolicyCommand(target, entries),
      },
    });
}
