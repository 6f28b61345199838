import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { sameClusterUrl } from '../core/clusterUrl';
import type { Command } from './commandManager';
import { CommandIds } from './ids';

/** Removes a cluster from `kustoMi.clusters`: the tree node's, or one picked from a list. */
export class RemoveClusterCommand implements Command {
  readonly id = CommandIds.removeCluster;
  constructor(private readonly ctx: Ctx) {}

  async execute(node?: { clusterUrl?: string }): Promise<void> {
    const clusters = this.ctx.config.clusters;
    let url = node?.clusterUrl;
    if (!url) {
      const pick = await vscode.window.showQuickPick(
        clusters.map((c) => ({ label: c.name ?? c.url, description: c.name ? c.url : undefined, url: c.url })),
        { title: 'Remove Kusto cluster', placeHolder: clusters.length ? 'Cluster to remove' : 'No clusters are configured' });
      url = pick?.url;
    }
    if (!url) return;
    const remaining = clusters.filter((c) => !sameClusterUrl(c.url, url));
    if (remaining.length === clusters.length) {
      void vscode.window.showWarningMessage(`${url} is not in the kustoMi.clusters setting.`);
      return;
    }
    await this.ctx.config.setClusters(remaining);
    this.ctx.log.info(`Removed cluster ${url}`);
  }
}
