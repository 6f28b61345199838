import type * as vscode from 'vscode';
import type { ClusterTreeProvider } from '../views/clusterTree/clusterTreeProvider';
import type { Command } from './commandManager';
import { CommandIds } from './ids';

/** Refreshes one tree node (from its context menu) or the whole tree. */
export class RefreshCommand implements Command {
  readonly id = CommandIds.refresh;
  constructor(private readonly tree: ClusterTreeProvider) {}
  execute(node?: vscode.TreeItem): void {
    this.tree.refresh(node);
  }
}
