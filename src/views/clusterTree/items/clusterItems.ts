// Tree items of the cluster node and its three groups.
import * as vscode from 'vscode';
import { allowsUsage } from '../../../core/policy/evaluate';
import type { ClusterNode } from '../model/nodes/clusterNode';
import type { ClusterPolicyNode } from '../model/nodes/clusterPolicyNode';
import type { DatabasesNode } from '../model/nodes/databasesNode';
import type { IdentitiesNode } from '../model/nodes/identitiesNode';
import { NATIVE_INGESTION } from '../model/nativeIngestion';
import { code, icons, text } from './icons';

const COLLAPSED = vscode.TreeItemCollapsibleState.Collapsed;

export class ClusterItem extends vscode.TreeItem {
  constructor(node: ClusterNode) {
    super(node.cluster.label, node.urlProblem === undefined ? COLLAPSED : vscode.TreeItemCollapsibleState.None);
    const { source } = node.cluster;
    this.description = source.name ? source.url : undefined;
    this.iconPath = new vscode.ThemeIcon('server-environment');
    this.contextValue = 'cluster';
    if (node.urlProblem !== undefined) {
      // Only Remove Cluster applies: nothing is ever sent to it.
      this.description = 'not a valid cluster URL';
      this.iconPath = icons.error();
      this.contextValue = 'cluster.invalidUrl';
      this.tooltip = new vscode.MarkdownString(`**Not a valid cluster URL:** ${code(source.url)}\n\n${text(node.urlProblem)}\n\nFix or remove it in the setting \`kustoMi.clusters\`.`);
      return;
    }
    const lines = [`**Kusto cluster ${text(node.cluster.label)}**`, '', `- URL: ${code(source.url)}`];
    if (source.resourceId) lines.push(`- Azure resource: ${code(source.resourceId)}`);
    this.tooltip = new vscode.MarkdownString(lines.join('\n'));
  }
}

export class IdentitiesItem extends vscode.TreeItem {
  constructor(node: IdentitiesNode) {
    super('Identities', COLLAPSED);
    this.iconPath = new vscode.ThemeIcon('organization');
    this.contextValue = 'identities';
    const result = node.result;
    if (result) this.description = `${result.identities.length} · from ${result.source === 'arm' ? 'Azure' : 'policies'}`;
    this.tooltip = new vscode.MarkdownString(result?.source === 'policies'
      ? 'Managed identities named in the cluster\'s policies. Azure Resource Manager lists every identity assigned to the cluster when the cluster\'s resource id is known.'
      : 'Managed identities assigned to the cluster (system-assigned and user-assigned), from Azure Resource Manager.');
  }
}

export class ClusterPolicyItem extends vscode.TreeItem {
  constructor(node: ClusterPolicyNode) {
    super('Cluster policy', COLLAPSED);
    this.contextValue = 'policy.cluster';
    const policy = node.policy.peek();
    const failed = node.policy.error !== undefined;
    const names = (policy ?? []).filter((e) => allowsUsage([e], e.ObjectId, NATIVE_INGESTION)).map((e) => node.cluster.identity(e.ObjectId)?.displayName ?? e.DisplayName ?? e.ObjectId);
    if (failed) {
      this.iconPath = icons.error();
      this.description = 'could not be read';
    } else if (policy === undefined) {
      this.iconPath = new vscode.ThemeIcon('shield');
    } else if (names.length > 0) {
      this.iconPath = icons.allowed();
      // One name and a count, so the description is never cut off; the tooltip names them all.
      this.description = `NativeIngestion: ${names[0]}${names.length > 1 ? ` +${names.length - 1}` : ''}`;
    } else {
      this.iconPath = icons.notAllowed();
      this.description = policy === null ? 'no policy' : 'NativeIngestion not allowed';
    }
    this.tooltip = new vscode.MarkdownString([
      '**Cluster-level managed\\_identity policy**',
      '',
      'Usages allowed here apply to every database of the cluster.',
      ...(names.length > 0 ? ['', `$(pass) NativeIngestion allowed for: ${names.map(text).join(', ')}`] : []),
    ].join('\n'), true);
  }
}

export class DatabasesItem extends vscode.TreeItem {
  constructor(node: DatabasesNode) {
    super('Databases', COLLAPSED);
    this.iconPath = new vscode.ThemeIcon('database');
    this.contextValue = 'databases';
    const rows = node.cluster.databases.peek();
    if (rows) {
      const counts = { database: 0, cluster: 0, none: 0, unknown: 0, reading: 0 };
      for (const row of rows) {
        const state = node.cluster.nativeIngestion(row.name).state;
        counts[state === 'unknown' && node.cluster.databasePolicyPending(row.name) ? 'reading' : state]++;
      }
      const parts = [`${rows.length}`];
      if (counts.database) parts.push(`${counts.database} allowed`);
      if (counts.cluster) parts.push(`${counts.cluster} inherited`);
      if (counts.none) parts.push(`${counts.none} not allowed`);
      if (counts.unknown) parts.push(`${counts.unknown} unknown`);
      if (counts.reading) parts.push(`${counts.reading} being read`);
      this.description = parts.join(' · ');
    }
    this.tooltip = new vscode.MarkdownString('Databases and whether each allows ingestion with a managed identity (`NativeIngestion`): in its own policy, inherited from the cluster policy, or not at all.');
  }
}
