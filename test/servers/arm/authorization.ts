// Microsoft.Authorization on the local ARM server: role definitions by id at
// any scope, role assignments listed for a scope with the real API's filters,
// and role assignment creation (PUT), which can be refused with the 403 ARM
// gives a caller without `Microsoft.Authorization/roleAssignments/write`.
//
// Filters, as the REST reference describes them:
//   (none)                  assignments at, above and below the scope
//   atScope()               at or above the scope (every principal)
//   principalId eq '<id>'   at, above or below the scope, for that principal
//   assignedTo('<id>')      like principalId eq (no group expansion here)
// Clauses may be joined with `and`.
import { armError } from './resources';
import { builtInRoleDefinitions } from './roles';
import type { ArmRoleAssignmentState, ArmRoleDefinitionState, ArmState } from './state';

export const ROLE_ASSIGNMENTS = /^(.*)\/providers\/Microsoft\.Authorization\/roleAssignments\/?$/i;
export const ROLE_ASSIGNMENT = /^(.*)\/providers\/Microsoft\.Authorization\/roleAssignments\/([^/]+)\/?$/i;
export const ROLE_DEFINITION = /^(.*)\/providers\/Microsoft\.Authorization\/roleDefinitions\/([^/]+)\/?$/i;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AuthorizationSettings {
  /** The caller lacks Microsoft.Authorization/roleAssignments/write: PUT answers 403. */
  denyRoleAssignmentWrite: boolean;
  /**
   * The next N role-assignment PUTs answer 400 PrincipalNotFound, as ARM does
   * while a new principal has not replicated yet.
   */
  principalNotFoundFor?: number;
}

export interface Reply {
  (status: number, body: unknown): void;
}

/** A scope ARM accepts: `` (tenant root, role definitions only) or `/subscriptions/<id>[/...]`, no empty segments. */
export function validScope(scope: string, allowRoot: boolean): boolean {
  if (scope === '') return allowRoot;
  return /^\/subscriptions\/[^/]+(\/[^/]+)*$/i.test(scope);
}

function segments(scope: string): string[] {
  return scope.split('/').filter(Boolean).map((s) => s.toLowerCase());
}

/** `outer` is `inner` or one of its parents. */
function isAtOrAbove(outer: string, inner: string): boolean {
  const a = segments(outer);
  const b = segments(inner);
  return a.length <= b.length && a.every((s, i) => s === b[i]);
}

function subscriptionOf(scope: string): string | undefined {
  return /^\/subscriptions\/([^/]+)/i.exec(scope)?.[1];
}

export function roleDefinitions(state: ArmState): ArmRoleDefinitionState[] {
  state.roleDefinitions ??= builtInRoleDefinitions();
  return state.roleDefinitions;
}

export function roleAssignments(state: ArmState): ArmRoleAssignmentState[] {
  state.roleAssignments ??= [];
  return state.roleAssignments;
}

function roleDefinitionId(scope: string, name: string): string {
  const sub = subscriptionOf(scope);
  return `${sub ? `/subscriptions/${sub}` : ''}/providers/Microsoft.Authorization/roleDefinitions/${name}`;
}

export function roleDefinitionResource(scope: string, d: ArmRoleDefinitionState): unknown {
  return {
    id: roleDefinitionId(scope, d.name),
    name: d.name,
    type: 'Microsoft.Authorization/roleDefinitions',
    properties: {
      roleName: d.roleName,
      type: d.roleType,
      description: d.description,
      assignableScopes: d.assignableScopes,
      permissions: d.permissions,
      createdOn: '2015-02-02T21:55:09.8806423Z',
      updatedOn: '2024-01-10T18:20:44.6573131Z',
      createdBy: null,
      updatedBy: null,
    },
  };
}

export function roleAssignmentResource(a: ArmRoleAssignmentState): unknown {
  const created = a.createdOn ?? '2024-03-01T09:00:00.0000000Z';
  return {
    id: `${a.scope}/providers/Microsoft.Authorization/roleAssignments/${a.name}`,
    name: a.name,
    type: 'Microsoft.Authorization/roleAssignments',
    properties: {
      roleDefinitionId: roleDefinitionId(a.scope, a.roleDefinitionName),
      principalId: a.principalId,
      principalType: a.principalType,
      scope: a.scope,
      condition: a.condition ?? null,
      conditionVersion: a.condition ? '2.0' : null,
      createdOn: created,
      updatedOn: created,
      createdBy: null,
      updatedBy: null,
      delegatedManagedIdentityResourceId: null,
      description: null,
    },
  };
}

type Filter = { readonly atScope: boolean; readonly principalId?: string };

export function parseRoleAssignmentFilter(text: string | null): Filter | { readonly error: string } {
  if (text === null || text.trim() === '') return { atScope: false };
  let atScope = false;
  let principalId: string | undefined;
  for (const clause of text.trim().split(/\s+and\s+/i)) {
    const principal = /^principalId\s+eq\s+'?([0-9a-fA-F-]{36})'?$/i.exec(clause) ?? /^assignedTo\('([0-9a-fA-F-]{36})'\)$/i.exec(clause);
    if (/^atScope\(\)$/i.test(clause)) atScope = true;
    else if (principal) principalId = principal[1].toLowerCase();
    else return { error: `The filter '${text}' is not supported. Supported filters are atScope(), principalId eq '{id}' and assignedTo('{id}').` };
  }
  return { atScope, principalId };
}

const MANAGEMENT_GROUP = /^\/providers\/Microsoft\.Management\/managementGroups\/([^/]+)\/?$/i;

/** A management group is above every scope of the subscriptions under it. */
function isManagementGroupAbove(state: ArmState, outer: string, inner: string): boolean {
  const mg = MANAGEMENT_GROUP.exec(outer)?.[1];
  const sub = subscriptionOf(inner);
  if (!mg || !sub) return false;
  return state.subscriptions.some((s) => s.subscriptionId.toLowerCase() === sub.toLowerCase() && s.managementGroup?.toLowerCase() === mg.toLowerCase());
}

export function listRoleAssignments(state: ArmState, scope: string, filter: Filter): ArmRoleAssignmentState[] {
  return roleAssignments(state).filter((a) => {
    if (filter.principalId && a.principalId.toLowerCase() !== filter.principalId) return false;
    if (isAtOrAbove(a.scope, scope) || isManagementGroupAbove(state, a.scope, scope)) return true;
    return !filter.atScope && isAtOrAbove(scope, a.scope); // below the scope
  });
}

export interface CreateRequest {
  readonly scope: string;
  readonly name: string;
  readonly body: string;
}

/** PUT {scope}/providers/Microsoft.Authorization/roleAssignments/{name}. */
export function createRoleAssignment(state: ArmState, settings: AuthorizationSettings, req: CreateRequest, reply: Reply): void {
  if (settings.denyRoleAssignmentWrite) {
    return reply(403, armError('AuthorizationFailed',
      `The client 'kusto-mi-test-user' with object id '00000000-0000-4000-8000-00000000c0de' does not have authorization to perform action ` +
      `'Microsoft.Authorization/roleAssignments/write' over scope '${req.scope}/providers/Microsoft.Authorization/roleAssignments/${req.name}' ` +
      'or the scope is invalid. If access was recently granted, please refresh your credentials.'));
  }
  if ((settings.principalNotFoundFor ?? 0) > 0) {
    settings.principalNotFoundFor = (settings.principalNotFoundFor ?? 0) - 1;
    return reply(400, armError('PrincipalNotFound',
      'Principal 00000000000000000000000000000000 does not exist in the directory 72f988bf-86f1-41af-91ab-2d7cd011db47. Check that you have the correct principal ID. ' +
      'If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay.'));
  }
  if (!GUID.test(req.name)) return reply(400, armError('InvalidRoleAssignmentId', `The role assignment ID '${req.name}' is not valid. The role assignment ID must be a GUID.`));
  let properties: { roleDefinitionId?: unknown; principalId?: unknown; principalType?: unknown; condition?: unknown };
  try {
    properties = ((JSON.parse(req.body) as { properties?: typeof properties }).properties) ?? {};
  } catch {
    return reply(400, armError('InvalidRequestContent', 'The request content was invalid and could not be deserialized.'));
  }
  const definitionName = typeof properties.roleDefinitionId === 'string' ? /\/roleDefinitions\/([^/]+)$/i.exec(properties.roleDefinitionId)?.[1] : undefined;
  const definition = definitionName && roleDefinitions(state).find((d) => d.name.toLowerCase() === definitionName.toLowerCase());
  if (!definition) return reply(400, armError('RoleDefinitionDoesNotExist', `The specified role definition with ID '${definitionName ?? ''}' does not exist.`));
  if (typeof properties.principalId !== 'string' || !GUID.test(properties.principalId)) {
    return reply(400, armError('InvalidPrincipalId', 'A valid principal ID must be provided for role assignment.'));
  }
  const principalId = properties.principalId.toLowerCase();
  const duplicate = roleAssignments(state).find((a) => a.scope.toLowerCase() === req.scope.toLowerCase()
    && a.principalId.toLowerCase() === principalId && a.roleDefinitionName.toLowerCase() === definition.name.toLowerCase());
  if (duplicate) return reply(409, armError('RoleAssignmentExists', 'The role assignment already exists.'));
  const created: ArmRoleAssignmentState = {
    name: req.name.toLowerCase(),
    scope: req.scope,
    roleDefinitionName: definition.name,
    principalId,
    principalType: properties.principalType === 'User' || properties.principalType === 'Group' ? properties.principalType : 'ServicePrincipal',
    ...(typeof properties.condition === 'string' ? { condition: properties.condition } : {}),
    createdOn: new Date().toISOString(),
  };
  roleAssignments(state).push(created);
  reply(201, roleAssignmentResource(created));
}
