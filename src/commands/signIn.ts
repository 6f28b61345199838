import * as vscode from 'vscode';
import { describeError } from '../log';
import type { Ctx } from '../ctx';
import type { Prompts } from '../ui/prompts';
import type { ClusterTreeProvider } from '../views/clusterTree/clusterTreeProvider';
import type { ErrorNode } from '../views/clusterTree/model/nodes/errorNode';
import type { Command } from './commandManager';
import { CommandIds } from './ids';
import { asNode } from './nodeArgs';

/** Signs in interactively with `kustoMi.auth.method`, then reloads the tree with the new session. */
export class SignInCommand implements Command {
  readonly id = CommandIds.signIn;
  constructor(private readonly ctx: Ctx, private readonly tree: ClusterTreeProvider, private readonly prompts: Prompts) {}

  async execute(arg?: unknown): Promise<boolean> {
    // On a "not signed in to the cluster's tenant" node: that tenant, not the default one.
    const node = asNode(arg);
    if (node?.kind === 'error' && (node as ErrorNode).signInTenant && this.tree.auth.method === 'vscode') {
      return (await vscode.commands.executeCommand<string | undefined>(CommandIds.signInToTenant, node)) !== undefined;
    }
    try {
      const message = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Signing in' },
        () => this.tree.auth.signIn());
      this.ctx.log.info(message);
      this.prompts.info(message);
      this.tree.reconnect();
      return true;
    } catch (e) {
      this.ctx.log.error('Sign-in failed', e);
      this.prompts.error(`Sign-in failed: ${describeError(e)}`);
      return false;
    }
  }
}
