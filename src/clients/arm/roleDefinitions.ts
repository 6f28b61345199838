// A role definition by its full id (as a role assignment names it), with its
// control-plane `actions` and data-plane `dataActions`.
import type { TokenCredential } from '@azure/core-auth';
import { deadlineSignal } from '../deadline';
import { TrackingCredential } from '../trackingCredential';
import { armEndpointSettings } from './endpoint';
import { toArmRequestError } from './errors';
import { createAuthorizationClient, sdkScope, subscriptionOf, type ArmCallOptions } from './sdkClients';

export interface PermissionSet {
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly dataActions: readonly string[];
  readonly notDataActions: readonly string[];
}

export interface RoleDefinitionInfo {
  readonly id: string;
  /** The definition's GUID. */
  readonly name: string;
  readonly roleName: string;
  /** BuiltInRole or CustomRole. */
  readonly roleType?: string;
  readonly permissions: readonly PermissionSet[];
}

/** `roleDefinitionId`: `/subscriptions/<id>/providers/Microsoft.Authorization/roleDefinitions/<guid>` (or without the subscription). */
export async function getRoleDefinition(credential: TokenCredential, roleDefinitionId: string, options: ArmCallOptions = {}): Promise<RoleDefinitionInfo> {
  const settings = armEndpointSettings(options.endpoint);
  const tracking = new TrackingCredential(credential);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = deadlineSignal(options.signal, timeoutMs);
  try {
    // The client wants a subscription even for calls that take a full id.
    const client = await createAuthorizationClient(tracking, settings, subscriptionOf(roleDefinitionId) ?? '00000000-0000-0000-0000-000000000000', options);
    const d = await client.roleDefinitions.getById(sdkScope(roleDefinitionId), { abortSignal: deadline.signal });
    return {
      id: d.id ?? roleDefinitionId,
      name: d.name ?? roleDefinitionId.split('/').pop() ?? roleDefinitionId,
      roleName: d.roleName ?? d.name ?? 'unnamed role',
      ...(d.roleType ? { roleType: d.roleType } : {}),
      permissions: (d.permissions ?? []).map((p) => ({
        actions: p.actions ?? [], notActions: p.notActions ?? [], dataActions: p.dataActions ?? [], notDataActions: p.notDataActions ?? [],
      })),
    };
  } catch (e) {
    throw toArmRequestError(e, {
      what: `read role definition ${roleDefinitionId.split('/').pop()} at`, endpoint: settings.endpoint,
      timedOut: deadline.timedOut(), cancelled: deadline.cancelled(), timeoutMs, secrets: tracking.tokens,
    });
  }
}
