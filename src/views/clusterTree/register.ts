import * as vscode from 'vscode';
import { AuthService } from '../../auth/authService';
import { AzureAccount } from '../../auth/azureAccount';
import { RESTRICTED_VIEW_MESSAGE, restrictedModeLogLine } from '../../config/trust';
import type { Ctx } from '../../ctx';
import type { IdentityRegistry } from '../../identities/identityRegistry';
import { ClusterConnections } from './clusterServices';
import { CLUSTER_VIEW_ID, ClusterTreeProvider } from './clusterTreeProvider';
import { POLICY_SCHEME, PolicyDocumentProvider } from './policyDocument';

export function registerClusterTree(ctx: Ctx, identities: IdentityRegistry): ClusterTreeProvider {
  const account = new AzureAccount();
  ctx.pushExtCleanup(account);
  const connections = new ClusterConnections(ctx, new AuthService(ctx.config, account.getSession, account), identities);
  const provider = new ClusterTreeProvider(ctx, connections, identities);
  ctx.pushExtCleanup(provider);
  // Signed in or out (in any extension, or another tenant): new sessions, the tree reloads; no window reload.
  ctx.pushExtCleanup(account.onDidChange(() => provider.reconnect()));
  const view = vscode.window.createTreeView(CLUSTER_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  ctx.pushExtCleanup(view);
  ctx.pushExtCleanup(view.onDidCollapseElement((e) => provider.cancel(e.element)));
  // Say when Restricted Mode limits what the extension does, and stop saying it once the workspace is trusted.
  if (!vscode.workspace.isTrusted) {
    view.message = RESTRICTED_VIEW_MESSAGE;
    ctx.log.info(restrictedModeLogLine());
  }
  ctx.pushExtCleanup(vscode.workspace.onDidGrantWorkspaceTrust(() => {
    view.message = undefined;
    ctx.log.info('The workspace is now trusted: its Kusto MI settings apply.');
  }));
  const documents = new PolicyDocumentProvider(provider.model, provider.onDidChangeTreeData);
  ctx.pushExtCleanup(documents);
  ctx.pushExtCleanup(vscode.workspace.registerTextDocumentContentProvider(POLICY_SCHEME, documents));
  return provider;
}
