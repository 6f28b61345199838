// Error and empty-state nodes: shown in the tree, not as pop-ups.
import * as vscode from 'vscode';
import type { ErrorNode } from '../model/nodes/errorNode';
import type { InfoNode } from '../model/nodes/infoNode';
import { icons, text } from './icons';

export class ErrorItem extends vscode.TreeItem {
  constructor(node: ErrorNode) {
    super(node.message, vscode.TreeItemCollapsibleState.None);
    this.iconPath = icons.error();
    // `error.auth` also offers Sign In; both offer Retry.
    this.contextValue = node.category === 'auth' ? 'error.auth' : 'error';
    const fix = node.signInTenant
      ? `Use **Sign In to Another Tenant** (or **Sign In**) on this node to sign in to tenant ${text(node.signInTenant)}.`
      : 'Use **Retry** to try again.';
    this.tooltip = new vscode.MarkdownString(`${text(node.message)}\n\n${fix}`);
  }
}

export class InfoItem extends vscode.TreeItem {
  constructor(node: InfoNode) {
    super(node.message, vscode.TreeItemCollapsibleState.None);
    this.iconPath = new vscode.ThemeIcon('info');
    this.contextValue = 'info';
    if (node.detail) this.tooltip = node.detail;
  }
}
