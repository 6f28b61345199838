// "Sign in to another tenant": the tenants of the signed-in accounts that
// have no session yet (multi-tenant accounts are common among ADX users); the
// picked one is signed in through the Azure sign-in library, and the tree
// reloads through its sign-in event.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { describeError } from '../log';
import type { Prompts } from '../ui/prompts';
import type { ClusterTreeProvider } from '../views/clusterTree/clusterTreeProvider';
import type { Command } from './commandManager';
import { CommandIds } from './ids';

export class SignInToTenantCommand implements Command {
  readonly id = CommandIds.signInToTenant;
  constructor(private readonly ctx: Ctx, private readonly tree: ClusterTreeProvider, private readonly prompts: Prompts) {}

  /** Resolves to the tenant signed in to, undefined when none was. */
  async execute(): Promise<string | undefined> {
    const account = this.tree.auth.account;
    if (this.tree.auth.method !== 'vscode' || !account) {
      this.prompts.error('Signing in to another tenant needs kustoMi.auth.method "vscode" (VS Code\'s Microsoft sign-in).');
      return undefined;
    }
    try {
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
}
