// Step 4: may the identity read the blob? Finds the storage account's resource
// id by name, lists the identity's role assignments that apply to it (on the
// account, above it, or on the blob's container), resolves their role
// definitions and decides by data actions (permissions.ts). Anything it cannot
// read is "unknown" with the reason, never "pass".
import { roleDefinitionIdFor, type RoleAssignmentInfo } from '../../clients/arm/roleAssignments';
import type { RoleDefinitionInfo } from '../../clients/arm/roleDefinitions';
import type { StorageAccountInfo } from '../../clients/arm/storageAccounts';
import { step, unknownStep, type Evidence, type StepResult } from './model';
import { grantsBlobRead, isControlPlaneOnly, roleGuid, ROLES, TRAP_ROLE_IDS } from './permissions';
import { appliesToBlob, describeScope, isAtOrAbove } from './scopes';
import type { ArmReadiness } from './services';

export interface RoleStepInput {
  readonly accountName?: string;
  readonly container?: string;
  /** The identity's principal id; undefined when it could not be resolved (`why`). */
  readonly principalId?: string;
  readonly principalLabel: string;
  readonly why?: string;
}

interface Evaluated {
  readonly assignment: RoleAssignmentInfo;
  readonly definition?: RoleDefinitionInfo;
  readonly error?: string;
  readonly where: string;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function roleStep(input: RoleStepInput, arm: ArmReadiness | undefined, armUnavailable: string | undefined, signal?: AbortSignal): Promise<StepResult> {
  const summary = `Could not check the role assignments of ${input.principalLabel} on the storage account.`;
  if (!input.accountName) return unknownStep('role', summary, 'The URI names no storage account.');
  if (!arm) return unknownStep('role', summary, armUnavailable ?? 'Azure Resource Manager is not available.');
  if (!input.principalId) return unknownStep('role', summary, input.why ?? 'The identity\'s object id is not known.');

  let account: StorageAccountInfo | undefined;
  let names: Map<string, string>;
  try {
    const search = await arm.findStorageAccount(input.accountName, signal);
    names = new Map(search.subscriptions.map((s) => [s.subscriptionId.toLowerCase(), s.displayName]));
    account = search.account;
    if (!account) {
      const failed = search.failures.length > 0
        ? ` ${search.failures.length} subscription(s) could not be read: ${search.failures[0].error.message}`
        : ' It may be in a subscription or tenant the signed-in account cannot see.';
      return unknownStep('role', summary, `No storage account named '${input.accountName}' was found in the ${search.subscriptions.length} subscription(s) searched.${failed}`);
    }
  } catch (e) {
    return unknownStep('role', summary, message(e));
  }

  const evidence: Evidence[] = [{ label: 'Storage account', value: account.id }];
  let assignments: RoleAssignmentInfo[];
  try {
    assignments = (await arm.roleAssignments(account.id, input.principalId, signal)).filter((a) => appliesToBlob(a.scope, account.id, input.container));
  } catch (e) {
    return unknownStep('role', summary, message(e), evidence);
  }
  const evaluated: Evaluated[] = await Promise.all(assignments.map(async (assignment) => {
    const where = describeScope(assignment.scope, names);
    try {
      return { assignment, definition: await arm.roleDefinition(assignment.roleDefinitionId, signal), where };
    } catch (e) {
      return { assignment, error: message(e), where };
    }
  }));
  for (const e of evaluated) {
    const name = e.definition?.roleName ?? roleGuid(e.assignment.roleDefinitionId);
    const verdict = e.error ? `role definition unreadable: ${e.error}`
      : grantsBlobRead(e.definition!.permissions) ? 'grants blob read (data action)'
        : isControlPlaneOnly(e.definition!.permissions) ? 'control plane only: no dataActions, cannot read blobs' : 'no blob read data action';
    evidence.push({ label: `${name} on ${e.where}`, value: `${verdict}${e.assignment.condition ? `; condition: ${e.assignment.condition}` : ''} (${e.assignment.id})` });
  }

  const granting = evaluated.filter((e) => e.definition && grantsBlobRead(e.definition.permissions));
  const unconditional = granting.find((e) => !e.assignment.condition);
  if (unconditional) {
    const scope = unconditional.assignment.scope;
    const inherited = scope.toLowerCase() !== account.id.toLowerCase() && isAtOrAbove(scope, account.id) ? ' (inherited by the account)' : '';
    return step('role', 'pass', `${unconditional.definition!.roleName} on ${unconditional.where}${inherited} lets ${input.principalLabel} read blobs in ${account.name}.`, evidence);
  }
  if (granting.length > 0) {
    return unknownStep('role', `The ${granting[0].definition!.roleName} assignment of ${input.principalLabel} on ${granting[0].where} has a condition that may exclude this blob.`,
      'Role assignment conditions (ABAC) are not evaluated here.', evidence);
  }
  const unreadable = evaluated.filter((e) => e.error);
  if (unreadable.length > 0) {
    return unknownStep('role', summary, `The role definition of ${unreadable.length} assignment(s) could not be read: ${unreadable[0].error}`, evidence);
  }
  const traps = evaluated.filter((e) => TRAP_ROLE_IDS.has(roleGuid(e.assignment.roleDefinitionId)) || /^(Owner|Contributor)$/i.test(e.definition?.roleName ?? ''));
  const reader = ROLES.storageBlobDataReader;
  const fix = {
    kind: 'assignRole' as const, title: `Assign ${reader.name} on storage account ${account.name}`, scope: account.id, scopeLabel: `storage account ${account.name}`,
    principalId: input.principalId, principalLabel: input.principalLabel, roleDefinitionId: roleDefinitionIdFor(account.id, reader.id), roleName: reader.name,
  };
  if (traps.length > 0) {
    const held = traps.map((t) => `${t.definition?.roleName ?? 'Owner/Contributor'} on ${t.where}`).join(' and ');
    return step('role', 'fail',
      `The only role assignments of ${input.principalLabel} here are ${held}. Owner and Contributor are not enough: they grant control-plane actions only, no dataActions, so the identity cannot read blob data. Assign ${reader.name} (or Storage Blob Data Contributor/Owner) on the storage account.`,
      evidence, { fix });
  }
  const other = evaluated.length > 0 ? ` Its ${evaluated.length} role assignment(s) there give no blob read access.` : '';
  return step('role', 'fail', `No role assignment lets ${input.principalLabel} read blobs in storage account ${account.name}.${other} Assign ${reader.name} on the account.`, evidence, { fix });
}
