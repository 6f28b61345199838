// A cluster's managed identities from its ARM `identity` block. The
// principalId is the object id that goes into managed_identity policies and
// into `;managed_identity=<object id>`.
import type { KnownIdentity } from '../../core/identity';

export interface ArmIdentityBlock {
  readonly type?: string;
  readonly principalId?: string;
  readonly tenantId?: string;
  readonly userAssignedIdentities?: Readonly<Record<string, { readonly principalId?: string; readonly clientId?: string }>>;
}

export interface ClusterIdentity extends KnownIdentity {
  readonly kind: 'system' | 'userAssigned';
  /** ARM resource id of a user-assigned identity. */
  readonly resourceId?: string;
  readonly tenantId?: string;
}

export function clusterIdentities(identity: ArmIdentityBlock | undefined | null, clusterName: string, clusterUri?: string): ClusterIdentity[] {
  if (!identity) return [];
  const out: ClusterIdentity[] = [];
  const cluster = clusterUri ? { cluster: clusterUri } : {};
  const type = (identity.type ?? '').toLowerCase();
  if (type.includes('systemassigned') && identity.principalId) {
    out.push({
      kind: 'system', objectId: identity.principalId, displayName: `${clusterName} (system-assigned)`,
      ...(identity.tenantId ? { tenantId: identity.tenantId } : {}), ...cluster,
    });
  }
  for (const [resourceId, ua] of Object.entries(identity.userAssignedIdentities ?? {})) {
    if (!ua.principalId) continue;
    out.push({
      kind: 'userAssigned', objectId: ua.principalId, resourceId,
      displayName: resourceId.split('/').filter(Boolean).pop() ?? resourceId,
      ...(ua.clientId ? { clientId: ua.clientId } : {}), ...cluster,
    });
  }
  return out;
}
