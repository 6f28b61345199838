// "Sign in to another tenant": the tenants of the signed-in accounts that
// have no session yet (multi-tenant accounts are common among ADX users); the
// picked one is signed in through the Azure sign-in library, and the tree
// reloads through its sign-in event. From a cluster's "not signed in to the
// cluster's tenant" error node: that tenant, no picker, then that cluster reloads.
import * as vscode from 'vscode';
import { sameClusterUrl } from '../core/clusterUrl';
import type { Ctx } from '../ctx';
import { describeError } from '../log';
import type { Prompts } from '../ui/prompts';
import type { ClusterTreeProvider } from '../views/clusterTree/clusterTreeProvider';
import type { ErrorNode } from '../views/clusterTree/model/nodes/errorNode';
import type { Command } from './commandManager';
import { CommandIds } from './ids';
import { asNode } from './nodeArgs';

export class SignInToTenantCommand implements Command {
  readonly id = CommandIds.signInToTenant;
  constructor(private readonly ctx: Ctx, private readonly tree: ClusterTreeProvider, private readonly prompts: Prompts) {}

  /** Resolves to the tenant signed in to, undefined when none was. */
  async execute(arg?: unknown): Promise<string | undefined> {
    const account = this.tree.auth.account;
    if (this.tree.auth.method !== 'vscode' || !account) {
      this.prompts.error('Signing in to another tenant needs kustoMi.auth.method "vscode" (VS Code\'s Microsoft sign-in).');
      return undefined;
    }
    const node = asNode(arg);
    const errorNode = node?.kind === 'error' ? node as ErrorNode : undefined;
    try {
      if (errorNode?.signInTenant) return await this.signInForCluster(errorNode, errorNode.signInTenant);
      if (!(await account.isSignedIn())) {
        if (!(await account.signIn())) return undefined;
      }
      const tenants = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Listing your tenants' },
        () => account.unauthenticatedTenants());
      if (tenants.length === 0) {
        this.prompts.info('You are signed in to every tenant of your accounts.');
        return undefined;
      }
      const pick = await this.prompts.pickOne(tenants.map((t) => ({
        label: t.displayName ?? t.tenantId ?? '',
        description: [t.defaultDomain, t.tenantId].filter(Boolean).join(' · '),
        detail: t.account.label,
        tenant: t,
      })), { title: 'Sign in to another tenant', placeHolder: 'Tenants you are not signed in to' });
      const tenantId = pick?.tenant.tenantId;
      if (!pick || !tenantId) return undefined;
      if (!(await account.signIn(tenantId, pick.tenant.account))) return undefined;
      this.ctx.log.info(`Signed in to tenant ${tenantId}`);
      this.prompts.info(`Signed in to ${pick.label}.`);
      return tenantId;
    } catch (e) {
      this.ctx.log.error('Sign-in to another tenant failed', e);
      this.prompts.error(`Sign-in failed: ${describeError(e)}`);
      return undefined;
    }
  }

  /** The cluster's own tenant, as its error node names it; then the cluster loads again with that tenant's token. */
  private async signInForCluster(node: ErrorNode, tenantId: string): Promise<string | undefined> {
    const account = this.tree.auth.account!;
    if (!(await account.signIn(tenantId))) return undefined;
    this.ctx.log.info(`Signed in to tenant ${tenantId} for ${node.cluster.url}`);
    // Signing in reloads the tree (a new model); reload this cluster's node and wait for it.
    const cluster = this.tree.model.roots().find((n) => sameClusterUrl(n.clusterUrl, node.cluster.url));
    if (cluster) await this.tree.refresh(cluster);
    return tenantId;
  }
}
