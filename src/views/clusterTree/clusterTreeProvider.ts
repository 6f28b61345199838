// The sidebar tree of configured clusters.
import * as vscode from 'vscode';
import type { Ctx } from '../../ctx';
import { Disposable } from '../../util/dispose';

export const CLUSTER_VIEW_ID = 'kustoMi.clusters';

export class ClusterNode extends vscode.TreeItem {
  constructor(readonly clusterUrl: string, name?: string) {
    super(name ?? clusterUrl, vscode.TreeItemCollapsibleState.None);
    this.id = `cluster:${clusterUrl}`;
    this.description = name ? clusterUrl : undefined;
    this.contextValue = 'cluster';
    this.iconPath = new vscode.ThemeIcon('server-environment');
  }
}

export class ClusterTreeProvider extends Disposable implements vscode.TreeDataProvider<vscode.TreeItem> {
  private readonly changed = this._register(new vscode.EventEmitter<vscode.TreeItem | undefined>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly ctx: Ctx) {
    super();
    this._register(ctx.config.onDidChange((keys) => {
      if (keys.has('clusters')) this.refresh();
    }));
  }

  refresh(node?: vscode.TreeItem): void {
    this.changed.fire(node);
  }

  getTreeItem(element: vscode.TreeItem): vscode.TreeItem {
    return element;
  }

  getChildren(element?: vscode.TreeItem): vscode.TreeItem[] {
    if (element) return [];
    return this.ctx.config.clusters.map((c) => new ClusterNode(c.url, c.name));
  }
}
