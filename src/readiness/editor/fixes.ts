// The fix behind each failed step's button. Document fixes (URI rewrite, blob
// size) edit the source through a WorkspaceEdit; the policy fix goes through
// the cluster tree's `.alter-merge` flow and its modal confirmation; the role
// fix asks the same way (principal, role, scope) before creating the role
// assignment. Each resolves to the request to check again.
import * as vscode from 'vscode';
import { createRoleAssignment } from '../../clients/arm/roleAssignments';
import { confirmAndRun } from '../../commands/policyChange';
import { databaseTarget, describeTarget } from '../../core/policy/model';
import type { Ctx } from '../../ctx';
import { describeError } from '../../log';
import type { Prompts } from '../../ui/prompts';
import type { ClusterTreeProvider } from '../../views/clusterTree/clusterTreeProvider';
import type { ReadinessFix } from '../core/model';
import { roleGuid } from '../core/permissions';
import { shiftOffset, uriAt, type ReadinessRequest } from './request';

export type FixOutcome = 'applied' | 'cancelled' | 'failed' | 'unavailable';

export interface FixContext {
  readonly ctx: Ctx;
  readonly tree: ClusterTreeProvider;
  readonly prompts: Prompts;
  readonly request: ReadinessRequest;
}

export interface FixResult {
  readonly outcome: FixOutcome;
  /** The request to check next (the URI may have changed or moved). */
  readonly request: ReadinessRequest;
}

export const ASSIGN_ROLE = 'Assign Role';

export async function applyFix(fix: ReadinessFix, fc: FixContext): Promise<FixResult> {
  switch (fix.kind) {
    case 'rewriteUri': return rewriteUri(fix, fc);
    case 'addSize': return addSize(fix, fc);
    case 'grantUsage': return grantUsage(fix, fc);
    case 'assignRole': return assignRole(fix, fc);
    case 'addPrincipal': return addPrincipal(fix, fc);
    case 'manual': return { outcome: 'unavailable', request: fc.request };
  }
}

/** `.add database ... viewers (...)` through the tree's confirmation (Run / Open as KQL). */
async function addPrincipal(fix: Extract<ReadinessFix, { kind: 'addPrincipal' }>, fc: FixContext): Promise<FixResult> {
  const { cluster } = fc.request;
  const target = databaseTarget(fix.database);
  const outcome = await confirmAndRun({
    cluster, target,
    question: `Add ${fix.fqn} as viewer of database '${fix.database}'? Continuous export runs on behalf of the managed identity and needs a database role.`,
    command: fix.command,
    done: `Added ${fix.fqn} as viewer of database '${fix.database}'.`,
    run: async (client, signal) => {
      await client.runCommand(fix.database, fix.command, { signal, writes: true, what: `add a viewer to database '${fix.database}' on` });
      return client.getDatabasePolicy(fix.database, { signal });
    },
  }, { prompts: fc.prompts, tree: fc.tree, log: fc.ctx.log });
  return { outcome: outcome === 'ran' ? 'applied' : outcome === 'failed' ? 'failed' : 'cancelled', request: fc.request };
}

async function rewriteUri(fix: Extract<ReadinessFix, { kind: 'rewriteUri' }>, fc: FixContext): Promise<FixResult> {
  const { request } = fc;
  if (!request.location) {
    // A URI typed into the prompt: nothing to edit; check the rewritten one and hand it over.
    await vscode.env.clipboard.writeText(fix.newUri);
    fc.prompts.info('The managed-identity URI is on the clipboard.');
    return { outcome: 'applied', request: { ...request, blobUri: fix.newUri } };
  }
  const document = await vscode.workspace.openTextDocument(request.location.document);
  const at = uriAt(document.getText(), request.location.start);
  if (!at) {
    fc.prompts.error('The URI is no longer where it was checked; run the check again.');
    return { outcome: 'failed', request };
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(at.start), document.positionAt(at.end)), fix.newUri);
  if (!(await vscode.workspace.applyEdit(edit))) return { outcome: 'failed', request };
  return { outcome: 'applied', request: { ...request, blobUri: fix.newUri } };
}

async function addSize(fix: Extract<ReadinessFix, { kind: 'addSize' }>, fc: FixContext): Promise<FixResult> {
  const { request } = fc;
  if (!request.location) return { outcome: 'unavailable', request };
  const document = await vscode.workspace.openTextDocument(request.location.document);
  const edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
  if (!(await vscode.workspace.applyEdit(edit))) return { outcome: 'failed', request };
  return { outcome: 'applied', request: { ...request, location: { ...request.location, start: shiftOffset(request.location.start, fix.edits) } } };
}

async function grantUsage(fix: Extract<ReadinessFix, { kind: 'grantUsage' }>, fc: FixContext): Promise<FixResult> {
  const { cluster } = fc.request;
  const entries = [{ ObjectId: fix.objectId, AllowedUsages: [fix.usage] }];
  const outcome = await confirmAndRun({
    cluster, target: fix.target,
    question: `Allow ${fix.usage} for ${fix.identityLabel} in the managed_identity policy of ${describeTarget(fix.target)}?`,
    command: fix.command,
    done: `Allowed ${fix.usage} for ${fix.identityLabel} on ${describeTarget(fix.target)}.`,
    run: (client, signal) => client.alterMergePolicy(fix.target, entries, { signal }),
  }, { prompts: fc.prompts, tree: fc.tree, log: fc.ctx.log });
  return { outcome: outcome === 'ran' ? 'applied' : outcome === 'failed' ? 'failed' : 'cancelled', request: fc.request };
}

async function assignRole(fix: Extract<ReadinessFix, { kind: 'assignRole' }>, fc: FixContext): Promise<FixResult> {
  const detail = [
    `Principal: ${fix.principalLabel}`,
    `Role: ${fix.roleName} (${roleGuid(fix.roleDefinitionId)})`,
    `Scope: ${fix.scope}`,
    '',
    'Creating a role assignment needs Microsoft.Authorization/roleAssignments/write (Owner, User Access Administrator or Role Based Access Control Administrator). It can take a few minutes to take effect.',
  ].join('\n');
  const choice = await fc.prompts.confirm(`Assign ${fix.roleName} to ${fix.principalLabel} on ${fix.scopeLabel}?`, detail, [ASSIGN_ROLE]);
  if (choice !== ASSIGN_ROLE) return { outcome: 'cancelled', request: fc.request };
  const auth = fc.tree.auth;
  try {
    const created = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Assigning ${fix.roleName}` }, () =>
      createRoleAssignment(auth.credentialFor(auth.armEndpoint, true), { scope: fix.scope, principalId: fix.principalId, roleDefinition: fix.roleDefinitionId },
        { endpoint: auth.armEndpoint, timeoutMs: fc.ctx.config.requestTimeoutMs }));
    fc.ctx.log.info(`Assigned ${fix.roleName} to ${fix.principalId} on ${fix.scope}${created.alreadyExisted ? ' (it already existed)' : ''}`);
    fc.prompts.info(created.alreadyExisted
      ? `${fix.principalLabel} already had ${fix.roleName} on ${fix.scopeLabel}.`
      : `Assigned ${fix.roleName} to ${fix.principalLabel} on ${fix.scopeLabel}. It can take a few minutes to take effect.`);
    return { outcome: 'applied', request: fc.request };
  } catch (e) {
    // A 403 names the permission the signed-in account lacks (roleAssignments.ts).
    const message = describeError(e);
    fc.ctx.log.error(`Assigning ${fix.roleName} on ${fix.scope} failed: ${message}`);
    fc.prompts.error(message);
    return { outcome: 'failed', request: fc.request };
  }
}
