// Role assignments of one principal that touch a scope, and creating one.
//
// Listing uses `$filter=principalId eq '<id>'`, which the API documents as
// "at, above or below the scope for the specified principal": one call finds
// the assignments the principal inherits from the resource group and the
// subscription. (`atScope()` returns at-or-above assignments of every
// principal, and combining it with a principal filter is not documented.)
// Callers keep the ones that apply: see readiness/core/scopes.ts. Group
// memberships (`assignedTo`) are not expanded: managed identities are rarely
// granted storage roles through groups.
import { randomUUID } from 'node:crypto';
import type { TokenCredential } from '@azure/core-auth';
import { isGuid } from '../../core/identity';
import { defaultSleep } from '../../core/retry';
import { deadlineSignal } from '../deadline';
import { TrackingCredential } from '../trackingCredential';
import { armEndpointSettings } from './endpoint';
import { ArmRequestError, toArmRequestError } from './errors';
import { createAuthorizationClient, sdkScope, subscriptionOf, type ArmCallOptions } from './sdkClients';

export interface RoleAssignmentInfo {
  readonly id: string;
  readonly name: string;
  readonly scope: string;
  /** Full id: `/subscriptions/<id>/providers/Microsoft.Authorization/roleDefinitions/<guid>`. */
  readonly roleDefinitionId: string;
  readonly principalId: string;
  readonly principalType?: string;
  /** An ABAC condition limits what the assignment grants. */
  readonly condition?: string;
  /** When it was created (ISO): a fresh assignment may not apply yet. */
  readonly createdOn?: string;
}

/** Every assignment of `principalId` at, above or below `scope`. */
export async function listRoleAssignmentsForPrincipal(
  credential: TokenCredential, scope: string, principalId: string, options: ArmCallOptions = {},
): Promise<RoleAssignmentInfo[]> {
  if (!isGuid(principalId)) throw new ArmRequestError('unknown', `'${principalId}' is not an object (principal) id.`);
  const settings = armEndpointSettings(options.endpoint);
  const tracking = new TrackingCredential(credential);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = deadlineSignal(options.signal, timeoutMs);
  try {
    const client = await createAuthorizationClient(tracking, settings, subscriptionOf(scope) ?? '', options);
    const out: RoleAssignmentInfo[] = [];
    const pages = client.roleAssignments.listForScope(sdkScope(scope), { filter: `principalId eq '${principalId.toLowerCase()}'`, abortSignal: deadline.signal });
    for await (const a of pages) {
      if (!a.id || !a.scope || !a.roleDefinitionId || !a.principalId) continue;
      out.push({
        id: a.id, name: a.name ?? a.id.split('/').pop() ?? a.id, scope: a.scope, roleDefinitionId: a.roleDefinitionId, principalId: a.principalId,
        ...(a.principalType ? { principalType: a.principalType } : {}),
        ...(a.condition ? { condition: a.condition } : {}),
        ...(a.createdOn ? { createdOn: new Date(a.createdOn).toISOString() } : {}),
      });
    }
    return out;
  } catch (e) {
    const error = toArmRequestError(e, {
      what: 'list the role assignments of the identity on', endpoint: `${scope} at ${settings.endpoint}`,
      timedOut: deadline.timedOut(), cancelled: deadline.cancelled(), timeoutMs, secrets: tracking.tokens,
    });
    if (error.kind !== 'forbidden') throw error;
    throw new ArmRequestError('forbidden',
      `The signed-in account may not read the role assignments on ${scope} (HTTP 403): that needs Microsoft.Authorization/roleAssignments/read, which Reader includes.`,
      error.status, error.armCode);
  }
}

export interface NewRoleAssignment {
  readonly scope: string;
  readonly principalId: string;
  /** The role definition's GUID, or its full id. */
  readonly roleDefinition: string;
  /** Default ServicePrincipal: managed identities are service principals. */
  readonly principalType?: 'ServicePrincipal' | 'User' | 'Group';
}

export interface CreatedRoleAssignment {
  readonly assignment?: RoleAssignmentInfo;
  /** ARM answered 409: the same role was already assigned at that scope. */
  readonly alreadyExisted: boolean;
}

/** The full role definition id of a GUID, in the subscription of `scope`. */
export function roleDefinitionIdFor(scope: string, roleDefinition: string): string {
  if (!isGuid(roleDefinition)) return roleDefinition;
  const sub = subscriptionOf(scope);
  return `${sub ? `/subscriptions/${sub}` : ''}/providers/Microsoft.Authorization/roleDefinitions/${roleDefinition.toLowerCase()}`;
}

export interface CreateRoleOptions extends ArmCallOptions {
  /**
   * Waits between attempts while ARM answers PrincipalNotFound (a new identity
   * not yet replicated to the directory ARM reads), as the Azure CLI and the
   * portal retry; default 2, 4, 8, 16, 30 seconds.
   */
  readonly principalNotFoundDelaysMs?: readonly number[];
}

const PRINCIPAL_NOT_FOUND_DELAYS = [2_000, 4_000, 8_000, 16_000, 30_000];


export async function createRoleAssignment(credential: TokenCredential, request: NewRoleAssignment, options: CreateRoleOptions = {}): Promise<CreatedRoleAssignment> {
  const delays = options.principalNotFoundDelaysMs ?? PRINCIPAL_NOT_FOUND_DELAYS;
  for (let attempt = 0; ; attempt++) {
    try {
      return await createOnce(credential, request, options);
    } catch (e) {
      if (!(e instanceof ArmRequestError) || e.armCode !== 'PrincipalNotFound' || attempt >= delays.length) throw e;
      await defaultSleep(delays[attempt], options.signal);
    }
  }
}

async function createOnce(credential: TokenCredential, request: NewRoleAssignment, options: ArmCallOptions): Promise<CreatedRoleAssignment> {
  const settings = armEndpointSettings(options.endpoint);
  const tracking = new TrackingCredential(credential);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = deadlineSignal(options.signal, timeoutMs);
  try {
    const client = await createAuthorizationClient(tracking, settings, subscriptionOf(request.scope) ?? '', options);
    const a = await client.roleAssignments.create(sdkScope(request.scope), randomUUID(), {
      roleDefinitionId: roleDefinitionIdFor(request.scope, request.roleDefinition),
      principalId: request.principalId,
      principalType: request.principalType ?? 'ServicePrincipal',
    }, { abortSignal: deadline.signal });
    return {
      alreadyExisted: false,
      ...(a.id && a.scope && a.roleDefinitionId && a.principalId ? {
        assignment: { id: a.id, name: a.name ?? '', scope: a.scope, roleDefinitionId: a.roleDefinitionId, principalId: a.principalId, ...(a.principalType ? { principalType: a.principalType } : {}) },
      } : {}),
    };
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode === 409 && (e as { code?: string }).code === 'RoleAssignmentExists') return { alreadyExisted: true };
    const error = toArmRequestError(e, {
      what: 'assign the role on', endpoint: `${request.scope} at ${settings.endpoint}`,
      timedOut: deadline.timedOut(), cancelled: deadline.cancelled(), timeoutMs, secrets: tracking.tokens,
    });
    if (error.kind !== 'forbidden') throw error;
    throw new ArmRequestError('forbidden',
      `You may not assign roles on ${request.scope} (HTTP 403): that needs Microsoft.Authorization/roleAssignments/write, which Owner, ` +
      'User Access Administrator and Role Based Access Control Administrator include. Ask someone with one of those roles to assign it.',
      error.status, error.armCode);
  }
}
