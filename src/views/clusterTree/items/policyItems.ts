// Identities, policy entries and their usages.
import * as vscode from 'vscode';
import { getUsageIgnoreCase } from '../../../core/kql/usages';
import type { IdentityNode } from '../model/nodes/identityNode';
import type { PolicyEntryNode } from '../model/nodes/policyEntryNode';
import type { UsageNode } from '../model/nodes/usageNode';
import { code, icons, text } from './icons';

export class IdentityItem extends vscode.TreeItem {
  constructor(node: IdentityNode) {
    const { identity } = node;
    super(node.isSystem ? 'System-assigned' : identity.displayName ?? identity.objectId, vscode.TreeItemCollapsibleState.None);
    // The object id is what policies and blob URIs use; the client id would be cut off here: it is in the tooltip.
    this.description = identity.objectId;
    this.iconPath = new vscode.ThemeIcon(node.isSystem ? 'server-process' : 'account');
    this.contextValue = node.isSystem ? 'identity.system' : 'identity.user';
    const lines = [`**${node.isSystem ? 'System-assigned managed identity' : `User-assigned managed identity ${text(identity.displayName ?? '')}`}**`, '',
      `- Object (principal) id: ${code(identity.objectId)}`];
    if (identity.clientId) lines.push(`- Client id: ${code(identity.clientId)}`);
    if (identity.resourceId) lines.push(`- Resource: ${code(identity.resourceId)}`);
    if (identity.tenantId) lines.push(`- Tenant: ${code(identity.tenantId)}`);
    lines.push('', `Blob URI suffix: ${code(`;managed_identity=${node.isSystem ? 'system' : identity.objectId}`)}`);
    this.tooltip = new vscode.MarkdownString(lines.join('\n'));
  }
}

export class PolicyEntryItem extends vscode.TreeItem {
  constructor(node: PolicyEntryNode) {
    super(node.displayName, node.expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    const { entry } = node;
    this.description = entry.AllowedUsages.join(', ') || 'no usage';
    this.iconPath = node.allowsNativeIngestion ? icons.allowed() : icons.notAllowed();
    this.contextValue = 'policyEntry';
    const clientId = entry.ClientId ?? node.identity?.clientId;
    const lines = [`**${text(node.displayName)}**${node.isSystem ? ' (system-assigned)' : ''}`, '',
      `- Object id: ${code(entry.ObjectId)}`];
    if (clientId) lines.push(`- Client id: ${code(clientId)}`);
    lines.push(`- Allowed usages: ${entry.AllowedUsages.map(code).join(', ') || 'none'}`, '',
      node.allowsNativeIngestion ? '$(pass) May be used for ingestion (`NativeIngestion`).' : '$(circle-slash) Not allowed for ingestion (`NativeIngestion`).');
    this.tooltip = new vscode.MarkdownString(lines.join('\n'), true);
  }
}

export class UsageItem extends vscode.TreeItem {
  constructor(node: UsageNode) {
    super(node.usage, vscode.TreeItemCollapsibleState.None);
    const info = getUsageIgnoreCase(node.usage);
    this.description = node.isNativeIngestion ? 'ingestion with managed identity' : undefined;
    this.iconPath = node.isNativeIngestion ? icons.allowed() : new vscode.ThemeIcon('check');
    this.contextValue = 'usage';
    this.tooltip = new vscode.MarkdownString(`**${text(node.usage)}**\n\n${info ? text(info.description) : 'A usage this extension does not know.'}`);
  }
}
