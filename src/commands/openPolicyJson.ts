import * as vscode from 'vscode';
import { policyOwnerOf } from '../views/clusterTree/model/nodes/policyOwner';
import { policyDocumentUri } from '../views/clusterTree/policyDocument';
import type { Command } from './commandManager';
import { CommandIds } from './ids';
import { asNode } from './nodeArgs';

/** Opens the cluster's or a database's policy as read-only JSON (a `kusto-mi-policy:` document). */
export class OpenPolicyJsonCommand implements Command {
  readonly id = CommandIds.openPolicyJson;

  async execute(node?: unknown): Promise<vscode.TextDocument | undefined> {
    const owner = policyOwnerOf(asNode(node));
    if (!owner) return undefined;
    const document = await vscode.workspace.openTextDocument(policyDocumentUri(owner.cluster.url, owner.target));
    await vscode.window.showTextDocument(document, { preview: true });
    return document;
  }
}
