import * as vscode from 'vscode';
import { managedIdentitySuffix, nodeIdentity } from '../views/clusterTree/model/nodes/nodeIdentity';
import type { Command } from './commandManager';
import { CommandIds } from './ids';
import { asNode } from './nodeArgs';

/** Copies `;managed_identity=<object id>` (or `=system`), to append to a blob URI for ingestion. */
export class CopyManagedIdentitySuffixCommand implements Command {
  readonly id = CommandIds.copyManagedIdentitySuffix;

  async execute(node?: unknown): Promise<string | undefined> {
    const identity = nodeIdentity(asNode(node));
    if (!identity) return undefined;
    const suffix = managedIdentitySuffix(identity);
    await vscode.env.clipboard.writeText(suffix);
    vscode.window.setStatusBarMessage(`Copied ${suffix}`, 3000);
    return suffix;
  }
}
