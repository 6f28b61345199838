// A database: its NativeIngestion state at a glance (icon and description).
import * as vscode from 'vscode';
import { describeLoadError } from '../model/describeError';
import type { DatabaseNode } from '../model/nodes/databaseNode';
import { code, icons, nativeIngestionIcon, text } from './icons';

const STATE_TEXT = {
  database: 'NativeIngestion allowed',
  cluster: 'inherited',
  none: 'NativeIngestion not allowed',
  unknown: '',
} as const;

export class DatabaseItem extends vscode.TreeItem {
  /** `withTooltip: false`: the view asks for it on hover (resolveTreeItem), so 5,000 databases carry no Markdown each. */
  constructor(node: DatabaseNode, withTooltip = true) {
    super(node.name, vscode.TreeItemCollapsibleState.Collapsed);
    this.contextValue = 'database';
    const summary = node.nativeIngestion;
    const names = (ids: readonly string[]) => ids.map((id) => code(node.cluster.identity(id)?.displayName ?? id)).join(', ');
    const paragraphs = [`**Database ${text(node.name)}**${node.row.prettyName ? ` (${text(node.row.prettyName)})` : ''}`];
    if (node.failed !== undefined) {
      this.iconPath = icons.error();
      this.description = 'policy could not be read';
      paragraphs.push(`$(error) ${text(describeLoadError(node.failed).message)}`);
    } else if (summary.state === 'unknown' && node.cluster.databasePolicyPending(node.name)) {
      this.iconPath = nativeIngestionIcon(summary.state);
      this.description = 'reading policy…';
    } else if (summary.state === 'cluster') {
      // Whose permission is inherited: the cluster policy may allow only some identities.
      this.iconPath = nativeIngestionIcon(summary.state);
      // One name and a count, so the description is never cut off; the tooltip names them all.
      const [first, ...more] = summary.clusterIdentities.map((id) => node.cluster.identity(id)?.displayName ?? id);
      this.description = `inherited: ${first}${more.length > 0 ? ` +${more.length}` : ''}`;
    } else {
      this.iconPath = nativeIngestionIcon(summary.state);
      this.description = STATE_TEXT[summary.state] || undefined;
    }
    if (summary.databaseIdentities.length > 0) paragraphs.push(`$(pass) NativeIngestion allowed in this database's policy for ${names(summary.databaseIdentities)}`);
    if (summary.clusterIdentities.length > 0) paragraphs.push(`$(pass) NativeIngestion inherited from the cluster policy for ${names(summary.clusterIdentities)}`);
    if (summary.state === 'none') paragraphs.push('$(circle-slash) No managed identity may ingest into this database: blob URIs ending in `;managed_identity=...` are refused.');
    if (withTooltip) this.tooltip = new vscode.MarkdownString(paragraphs.join('\n\n'), true);
  }
}
