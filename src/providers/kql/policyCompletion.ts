// Completion inside the JSON literal of a `policy managed_identity` command:
// known identities for ObjectId, usage names (valid at that level) for
// AllowedUsages, and the two property names.
import * as vscode from 'vscode';
import { getPolicyLiteralContext, type PolicyLiteralContext } from '../../core/kql/policyLiteral';
import { usagesForLevel } from '../../core/kql/usages';
import { identityMarkdown, type IdentityRegistry } from '../../identities/identityRegistry';

export class PolicyCompletionProvider implements vscode.CompletionItemProvider {
  static readonly triggerCharacters = ["'", '"', ',', ' ', ':'];

  constructor(private readonly identities: IdentityRegistry) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    const context = getPolicyLiteralContext(document.getText(), document.offsetAt(position));
    if (!context || context.kind === 'other') return undefined;
    const range = new vscode.Range(document.positionAt(context.valueRange.start), document.positionAt(context.valueRange.end));
    const quote = (value: string) => (context.inString ? value : `${context.innerQuote}${value}${context.innerQuote}`);
    switch (context.kind) {
      case 'objectIdValue': return this.objectIds(context, range, quote);
      case 'allowedUsagesValue': return usages(context, range, quote);
      case 'propertyName': return ['ObjectId', 'AllowedUsages'].map((name, i) => {
        const item = new vscode.CompletionItem(name, vscode.CompletionItemKind.Property);
        item.range = range;
        item.insertText = quote(name);
        item.sortText = String(i);
        return item;
      });
    }
  }

  private objectIds(context: PolicyLiteralContext, range: vscode.Range, quote: (v: string) => string): vscode.CompletionItem[] {
    const used = new Set(context.objectIdsInLiteral.map((id) => id.toLowerCase()));
    const items: vscode.CompletionItem[] = [];
    const system = new vscode.CompletionItem({ label: 'system', description: 'system-assigned managed identity' }, vscode.CompletionItemKind.Value);
    system.documentation = new vscode.MarkdownString(identityMarkdown(undefined, 'system'));
    items.push(system);
    for (const identity of this.identities.all()) {
      if (used.has(identity.objectId.toLowerCase())) continue;
      const item = new vscode.CompletionItem({ label: identity.objectId, description: identity.displayName ?? identity.cluster }, vscode.CompletionItemKind.Value);
      item.filterText = `${identity.displayName ?? ''} ${identity.objectId}`;
      item.documentation = new vscode.MarkdownString(identityMarkdown(identity, identity.objectId));
      items.push(item);
    }
    return items.map((item, i) => {
      const label = typeof item.label === 'string' ? item.label : item.label.label;
      item.range = range;
      item.insertText = quote(label);
      item.sortText = String(i).padStart(4, '0');
      return item;
    });
  }
}

function usages(context: PolicyLiteralContext, range: vscode.Range, quote: (v: string) => string): vscode.CompletionItem[] {
  const listed = new Set(context.usagesAlreadyListed.map((u) => u.toLowerCase()));
  return usagesForLevel(context.level).filter((u) => !listed.has(u.name.toLowerCase())).map((usage, i) => {
    const item = new vscode.CompletionItem(usage.name, vscode.CompletionItemKind.EnumMember);
    item.detail = `${context.level}-level usage`;
    item.documentation = usage.description;
    item.range = range;
    item.insertText = quote(usage.name);
    // NativeIngestion is what this extension is about: first.
    item.sortText = usage.name === 'NativeIngestion' ? '0' : `1${String(i).padStart(3, '0')}`;
    item.preselect = usage.name === 'NativeIngestion';
    return item;
  });
}
