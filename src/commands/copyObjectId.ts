import * as vscode from 'vscode';
import { nodeIdentity } from '../views/clusterTree/model/nodes/nodeIdentity';
import type { Command } from './commandManager';
import { CommandIds } from './ids';
import { asNode } from './nodeArgs';

/** Copies the object (principal) id of an identity or policy entry. */
export class CopyObjectIdCommand implements Command {
  readonly id = CommandIds.copyObjectId;

  async execute(node?: unknown): Promise<string | undefined> {
    const identity = nodeIdentity(asNode(node));
    if (!identity) return undefined;
    await vscode.env.clipboard.writeText(identity.objectId);
    vscode.window.setStatusBarMessage(`Copied the object id of ${identity.label}`, 3000);
    return identity.objectId;
  }
}
