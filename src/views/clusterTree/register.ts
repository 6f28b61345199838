import * as vscode from 'vscode';
import type { Ctx } from '../../ctx';
import { CLUSTER_VIEW_ID, ClusterTreeProvider } from './clusterTreeProvider';

export function registerClusterTree(ctx: Ctx): ClusterTreeProvider {
  const provider = new ClusterTreeProvider(ctx);
  ctx.pushExtCleanup(provider);
  ctx.pushExtCleanup(vscode.window.createTreeView(CLUSTER_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true }));
  return provider;
}
