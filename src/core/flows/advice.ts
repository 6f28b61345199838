// The words every credential finding uses for "what to do instead", from the
// flow it sits in: which policy usage to allow and which storage role to grant.
import type { ManagedIdentityFlow } from './flowForCommand';

/** `allow NativeIngestion in the managed_identity policy` (or a generic phrase when the flow is unknown). */
export function allowUsagePhrase(flow: ManagedIdentityFlow | undefined): string {
  if (!flow) return 'allow the usage the command needs in the managed_identity policy';
  const where = flow.clusterOnly ? 'the cluster-level managed_identity policy' : 'the managed_identity policy';
  return `allow ${flow.usage} in ${where}`;
}

/** The storage data role the identity needs for the flow. */
export function storageRole(flow: ManagedIdentityFlow | undefined): string {
  return flow?.access === 'write' ? 'Storage Blob Data Contributor' : 'Storage Blob Data Reader';
}

/** The advice of the storage rules: grant a role, allow the usage, use the managed-identity suffix. */
export function storageAdvice(flow: ManagedIdentityFlow | undefined, instead: string): string {
  return `Let Kusto reach the storage with its managed identity: grant the identity "${storageRole(flow)}" on the account, `
    + `${allowUsagePhrase(flow)}, and use ";managed_identity=system" (or the identity's object id) instead of ${instead}`;
}
