// Language-model tools for agent mode (Copilot and other chat agents): read
// clusters and policies, check readiness, find credentials, and propose
// rewrites and policy changes. The two tools that change something (a file,
// a cluster) ask the user first through prepareInvocation's confirmation.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { ClusterTreeProvider } from '../views/clusterTree/clusterTreeProvider';
import { ApplyPolicyChangeTool } from './tools/applyPolicyChange';
import { ApplyRewriteTool } from './tools/applyRewrite';
import { CheckReadinessTool } from './tools/checkReadiness';
import { FindSecretsTool } from './tools/findSecrets';
import { ListPoliciesTool } from './tools/listPolicies';
import { ProposePolicyChangeTool } from './tools/proposePolicyChange';
import { ProposeRewriteTool } from './tools/proposeRewrite';

/** The tools by name (the extension-host tests call prepareInvocation through this). */
export type LanguageModelTools = ReadonlyMap<string, vscode.LanguageModelTool<unknown>>;

export function registerLanguageModelTools(ctx: Ctx, tree: ClusterTreeProvider): LanguageModelTools {
  const tools = new Map<string, vscode.LanguageModelTool<never>>([
    [ListPoliciesTool.id, new ListPoliciesTool(ctx, tree)],
    [CheckReadinessTool.id, new CheckReadinessTool(ctx, tree)],
    [FindSecretsTool.id, new FindSecretsTool(ctx)],
    [ProposeRewriteTool.id, new ProposeRewriteTool(ctx)],
    [ApplyRewriteTool.id, new ApplyRewriteTool(ctx)],
    [ProposePolicyChangeTool.id, new ProposePolicyChangeTool(tree)],
    [ApplyPolicyChangeTool.id, new ApplyPolicyChangeTool(ctx, tree)],
  ]);
  // Hosts without the language-model API (older or trimmed builds) simply get no tools.
  if (typeof vscode.lm?.registerTool !== 'function') return new Map();
  for (const [name, tool] of tools) ctx.pushExtCleanup(vscode.lm.registerTool(name, tool));
  return tools as unknown as LanguageModelTools;
}
