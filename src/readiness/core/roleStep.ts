// Step 4: may the identity read (or write) the blob? Takes the storage account
// looked up by name, lists the identity's role assignments that apply to it
// (on the account, above it, including management groups, or on the blob's
// container), resolves their role definitions and decides by data actions
// (permissions.ts): reads need blobs/read; .export and continuous export need
// blobs/write; DeleteSourceOnSuccess needs blobs/delete. An account that is
// disabled or in another tenant fails as such, not as a missing role. A role
// assigned in the last minutes passes with a warning and a re-check time: role
// assignments take up to ~10 minutes to apply. Anything it cannot read is
// "unknown" with the reason, never "pass".
import { roleDefinitionIdFor, type RoleAssignmentInfo } from '../../clients/arm/roleAssignments';
import type { RoleDefinitionInfo } from '../../clients/arm/roleDefinitions';
import { step, stepTitle, unknownStep, type Evidence, type StepResult } from './model';
import { BLOB_DELETE_ACTION, BLOB_READ_ACTION, BLOB_WRITE_ACTION, grantsDataAction, isControlPlaneOnly, roleGuid, ROLES, TRAP_ROLE_IDS } from './permissions';
import { appliesToBlob, describeScope, isAtOrAbove, isManagementGroupScope } from './scopes';
import type { ArmReadiness } from './services';
import { plural } from './words';
import { accountOutOfService, lookupAccount, otherTenant, type AccountLookup } from './storageAccount';

/** How long a new role assignment may take to apply. */
export const ROLE_PROPAGATION_MS = 10 * 60_000;

export interface RoleStepInput {
  readonly accountName?: string;
  readonly container?: string;
  /** The identity's principal id; undefined when it could not be resolved (`why`). */
  readonly principalId?: string;
  readonly principalLabel: string;
  readonly why?: string;
  /** `write`: .export, continuous export; default read. */
  readonly access?: 'read' | 'write';
  /** The code deletes the blob after ingesting it (needs blobs/delete too). */
  readonly deletesSource?: boolean;
  /** The tenant of the cluster's identities, to tell an account in another tenant. */
  readonly identityTenantId?: string;
  /** The account, when the caller looked it up already. */
  readonly account?: AccountLookup;
  /** For tests: the time "now" is. */
  readonly now?: Date;
}

export type RoleStepResult = StepResult & { readonly recheckAfter?: string };

interface Evaluated {
  readonly assignment: RoleAssignmentInfo;
  readonly definition?: RoleDefinitionInfo;
  readonly error?: string;
  readonly where: string;
}

const ACTION_WORDS: Readonly<Record<string, string>> = { [BLOB_READ_ACTION]: 'read', [BLOB_WRITE_ACTION]: 'write', [BLOB_DELETE_ACTION]: 'delete' };

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The data actions the flow needs. */
export function requiredActions(access: 'read' | 'write', deletesSource: boolean): string[] {
  if (deletesSource) return access === 'write' ? [BLOB_READ_ACTION, BLOB_WRITE_ACTION, BLOB_DELETE_ACTION] : [BLOB_READ_ACTION, BLOB_DELETE_ACTION];
  return access === 'write' ? [BLOB_WRITE_ACTION] : [BLOB_READ_ACTION];
}

function minutesAgo(iso: string, now: Date): number {
  return Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 60_000));
}

export async function roleStep(input: RoleStepInput, arm: ArmReadiness | undefined, armUnavailable: string | undefined, signal?: AbortSignal): Promise<RoleStepResult> {
  const access = input.access ?? 'read';
  const deletes = input.deletesSource === true;
  const title = stepTitle('role', '', access === 'write' || deletes ? 'write' : 'read');
  const actions = requiredActions(access, deletes);
  const words = actions.map((a) => ACTION_WORDS[a]);
  const doing = words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}` : words[0];
  const summary = `Could not check the role assignments of ${input.principalLabel} on the storage account.`;
  const unknown = (reason: string, evidence: Evidence[] = []) => ({ ...unknownStep('role', summary, reason, evidence), title });
  if (!input.accountName) return unknown('The URI names no storage account.');
  if (!arm) return unknown(armUnavailable ?? 'Azure Resource Manager is not available.');
  if (!input.principalId) return unknown(input.why ?? 'The identity\'s object id is not known.');

  const lookup = input.account ?? await lookupAccount(input.accountName, arm, armUnavailable, signal);
  if (lookup.kind === 'unavailable') return unknown(lookup.reason);
  const { account, subscriptionNames: names } = lookup;
  const evidence: Evidence[] = [{ label: 'Storage account', value: account.id }];
  const outOfService = accountOutOfService(account) ?? otherTenant(account, input.identityTenantId);
  if (outOfService) {
    return step('role', 'fail', outOfService, [...evidence,
      ...(account.subscriptionState ? [{ label: 'Subscription state', value: account.subscriptionState }] : []),
      ...(account.tenantId ? [{ label: 'Account tenant', value: account.tenantId }] : [])], { title });
  }

  let assignments: RoleAssignmentInfo[];
  try {
    assignments = (await arm.roleAssignments(account.id, input.principalId, signal)).filter((a) => appliesToBlob(a.scope, account.id, input.container));
  } catch (e) {
    return unknown(message(e), evidence);
  }
  const evaluated: Evaluated[] = await Promise.all(assignments.map(async (assignment) => {
    const where = describeScope(assignment.scope, names);
    try {
      return { assignment, definition: await arm.roleDefinition(assignment.roleDefinitionId, signal), where };
    } catch (e) {
      return { assignment, error: message(e), where };
    }
  }));
  const grants = (e: Evaluated, action: string) => e.definition !== undefined && grantsDataAction(e.definition.permissions, action);
  for (const e of evaluated) {
    const name = e.definition?.roleName ?? roleGuid(e.assignment.roleDefinitionId);
    const granted = actions.filter((a) => grants(e, a)).map((a) => ACTION_WORDS[a]);
    const verdict = e.error ? `role definition unreadable: ${e.error}`
      : granted.length > 0 ? `grants blob ${granted.join(' and ')} (data action${granted.length > 1 ? 's' : ''})`
        : isControlPlaneOnly(e.definition!.permissions) ? `control plane only: no dataActions, cannot ${doing} blobs` : `no blob ${doing} data action`;
    const mg = isManagementGroupScope(e.assignment.scope) ? '; a management group above the account (returned by ARM for this account\'s scope)' : '';
    const created = e.assignment.createdOn ? `; assigned ${e.assignment.createdOn}` : '';
    evidence.push({ label: `${name} on ${e.where}`, value: `${verdict}${e.assignment.condition ? `; condition: ${e.assignment.condition}` : ''}${mg}${created} (${e.assignment.id})` });
  }

  const unconditional = evaluated.filter((e) => !e.assignment.condition && e.definition);
  const covering = actions.map((a) => unconditional.find((e) => grants(e, a)));
  if (covering.every((e) => e !== undefined)) {
    const used = [...new Set(covering as Evaluated[])];
    const described = used.map((e) => {
      const scope = e.assignment.scope;
      const inherited = scope.toLowerCase() !== account.id.toLowerCase() && (isAtOrAbove(scope, account.id) || isManagementGroupScope(scope)) ? ' (inherited by the account)' : '';
      return `${e.definition!.roleName} on ${e.where}${inherited}`;
    }).join(' and ');
    const now = input.now ?? new Date();
    const fresh = used.map((e) => e.assignment.createdOn).filter((c): c is string => c !== undefined && now.getTime() - Date.parse(c) < ROLE_PROPAGATION_MS)
      .sort().pop();
    const base = `${described} ${used.length > 1 ? 'let' : 'lets'} ${input.principalLabel} ${doing} blobs in ${account.name}.`;
    if (!fresh) return step('role', 'pass', base, evidence, { title });
    const recheckAfter = new Date(Date.parse(fresh) + ROLE_PROPAGATION_MS).toISOString();
    const ago = minutesAgo(fresh, now);
    return {
      ...step('role', 'pass', `${base} It was assigned ${ago === 0 ? 'less than a minute' : ago === 1 ? '1 minute' : `${ago} minutes`} ago: role assignments can take up to 10 minutes to apply, so Kusto may still be refused (Download_Forbidden) until then. The check runs again after that.`,
        evidence, { title }),
      recheckAfter,
    };
  }
  const conditional = evaluated.find((e) => e.assignment.condition && actions.some((a) => grants(e, a)));
  if (conditional) {
    return {
      ...unknownStep('role', `The ${conditional.definition!.roleName} assignment of ${input.principalLabel} on ${conditional.where} has a condition that may exclude this blob.`,
        'Role assignment conditions (ABAC) are not evaluated here.', evidence), title,
    };
  }
  const unreadable = evaluated.filter((e) => e.error);
  if (unreadable.length > 0) {
    return unknown(`The role definition of ${plural(unreadable.length, 'assignment')} could not be read: ${unreadable[0].error}`, evidence);
  }
  const role = actions.length === 1 && actions[0] === BLOB_READ_ACTION ? ROLES.storageBlobDataReader : ROLES.storageBlobDataContributor;
  const fix = {
    kind: 'assignRole' as const, title: `Assign ${role.name} on storage account ${account.name}`, scope: account.id, scopeLabel: `storage account ${account.name}`,
    principalId: input.principalId, principalLabel: input.principalLabel, roleDefinitionId: roleDefinitionIdFor(account.id, role.id), roleName: role.name,
  };
  const why = deletes ? ' (the code deletes the blob after ingesting it: DeleteSourceOnSuccess)' : access === 'write' ? ' (the command writes to storage)' : '';
  const traps = evaluated.filter((e) => TRAP_ROLE_IDS.has(roleGuid(e.assignment.roleDefinitionId)) || /^(Owner|Contributor)$/i.test(e.definition?.roleName ?? ''));
  if (traps.length > 0 && !evaluated.some((e) => actions.some((a) => grants(e, a)))) {
    const held = traps.map((t) => `${t.definition?.roleName ?? 'Owner/Contributor'} on ${t.where}`).join(' and ');
    return step('role', 'fail',
      `The only role assignments of ${input.principalLabel} here are ${held}. Owner and Contributor are not enough: they grant control-plane actions only, no dataActions, so the identity cannot ${doing} blob data${why}. Assign ${role.name} on the storage account.`,
      evidence, { fix, title });
  }
  const partial = evaluated.filter((e) => actions.some((a) => grants(e, a)));
  const other = partial.length > 0
    ? ` Its role assignments there allow only part of it (${partial.map((e) => e.definition!.roleName).join(', ')}).`
    : evaluated.length > 0 ? ` Its ${evaluated.length === 1 ? 'role assignment' : `${evaluated.length} role assignments`} there give no blob ${doing} access.` : '';
  return step('role', 'fail', `No role assignment lets ${input.principalLabel} ${doing} blobs in storage account ${account.name}${why}.${other} Assign ${role.name} on the account.`, evidence, { fix, title });
}
