// Composition root: build the context, then register each feature. Anything
// expensive (Kusto clients, tree-sitter grammars) is created on first use.
import type * as vscode from 'vscode';
import { registerCommands } from './commands';
import { Ctx } from './ctx';
import { IdentityRegistry } from './identities/identityRegistry';
import { registerEditorFeatures } from './providers/register';
import { registerClusterTree } from './views/clusterTree/register';

export interface ExtensionApi {
  /** How long activate() took, in milliseconds (read by the activation benchmark). */
  readonly activationMs: number;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  const ctx = new Ctx(context);
  const identities = new IdentityRegistry(ctx.config);
  ctx.pushExtCleanup(identities);
  registerEditorFeatures(ctx, identities);
  const tree = registerClusterTree(ctx);
  registerCommands(ctx, { tree, identities });
  return { activationMs: performance.now() - started };
}

export function deactivate(): void {
  // Everything is disposed through the extension context's subscriptions.
}
