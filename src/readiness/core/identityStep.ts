// Step 2: is the identity assigned to the cluster? Only the cluster's ARM
// resource can say (its `identity` block). A managed_identity policy naming
// the identity is evidence, not proof: a policy can name any object id.
import type { ClusterIdentity } from '../../clients/arm/identities';
import type { PolicyEntry } from '../../core/policy/model';
import { step, unknownStep, type Evidence, type StepResult } from './model';

export type ClusterIdentities =
  | { readonly kind: 'ok'; readonly resourceId: string; readonly identities: readonly ClusterIdentity[] }
  | { readonly kind: 'unavailable'; readonly reason: string };

function describeIdentity(i: ClusterIdentity): string {
  return i.kind === 'system' ? `system-assigned (${i.objectId})` : `${i.displayName ?? i.resourceId ?? 'user-assigned'} (${i.objectId})`;
}

/** The URI with `;managed_identity=<client id>` replaced by the object id. */
function withObjectId(blobUri: string, clientId: string, objectId: string): string | undefined {
  const re = new RegExp(`(;managed_identity=)${clientId.replace(/[-]/g, '\\-')}`, 'i');
  return re.test(blobUri) ? blobUri.replace(re, `$1${objectId.toLowerCase()}`) : undefined;
}

/** `system` or an object id; `policyEntry` is the policy entry naming it, if any; `blobUri` for the client-id fix. */
export function identityStep(ref: string, arm: ClusterIdentities, policyEntry: PolicyEntry | undefined, blobUri?: string): StepResult {
  const policyEvidence: Evidence[] = policyEntry
    ? [{ label: 'Named in a managed_identity policy', value: `${policyEntry.DisplayName ?? policyEntry.ObjectId} (${policyEntry.ObjectId}), which suggests but does not prove that it is assigned` }]
    : [];
  if (arm.kind === 'unavailable') {
    return unknownStep('identity', 'Could not check which identities are assigned to the cluster.', arm.reason, policyEvidence);
  }
  const evidence: Evidence[] = [{ label: 'Cluster resource', value: arm.resourceId }];
  const assigned = arm.identities.map(describeIdentity).join('; ') || 'none';
  evidence.push({ label: 'Identities on the cluster', value: assigned });
  const system = arm.identities.find((i) => i.kind === 'system');
  if (ref.toLowerCase() === 'system') {
    if (system) return step('identity', 'pass', `The cluster has a system-assigned identity (object id ${system.objectId}).`, evidence);
    return step('identity', 'fail', 'The cluster has no system-assigned identity. Turn it on in the cluster\'s Identity settings in the Azure portal, or name a user-assigned identity in the URI.', [...evidence, ...policyEvidence]);
  }
  const match = arm.identities.find((i) => i.objectId.toLowerCase() === ref.toLowerCase());
  if (match) {
    const what = match.kind === 'system' ? 'the cluster\'s system-assigned identity' : `user-assigned identity ${match.displayName ?? match.objectId}`;
    return step('identity', 'pass', `${ref} is ${what}, assigned to the cluster.`,
      [...evidence, ...(match.resourceId ? [{ label: 'Identity resource', value: match.resourceId }] : [])]);
  }
  const byClient = arm.identities.find((i) => i.clientId?.toLowerCase() === ref.toLowerCase());
  if (byClient) {
    const name = byClient.displayName ?? byClient.objectId;
    const newUri = blobUri ? withObjectId(blobUri, ref, byClient.objectId) : undefined;
    return step('identity', 'fail',
      `${ref} is the client id of ${name}, not its object id: ";managed_identity=" takes the object (principal) id, ${byClient.objectId.toLowerCase()}. (The client id is what SDK sign-in takes.)`,
      [...evidence, { label: `${name}`, value: `object id ${byClient.objectId.toLowerCase()}, client id ${byClient.clientId!.toLowerCase()}` }],
      newUri ? { fix: { kind: 'rewriteUri', title: `Use the object id of ${name}`, identity: byClient.objectId.toLowerCase(), newUri } } : {});
  }
  return step('identity', 'fail',
    `No identity with object id ${ref} is assigned to the cluster. Add the user-assigned identity to the cluster (Identity settings in the Azure portal), or use one it has.`,
    [...evidence, ...policyEvidence]);
}
