// kustoMi_proposePolicyChange: the exact `.alter-merge` command that allows
// usages for an identity, with the policy before and after; nothing is run.
import type * as vscode from 'vscode';
import { mergeUsages } from '../../core/policy/edit';
import { samePolicy } from '../../core/policyAsCode/state';
import { toServiceJson } from '../../views/clusterTree/model/policyJson';
import type { ClusterTreeProvider } from '../../views/clusterTree/clusterTreeProvider';
import { checkPolicyChange, type PolicyChangeInput } from '../policyChangeInput';
import { toolResult } from '../toolResult';

export class ProposePolicyChangeTool implements vscode.LanguageModelTool<PolicyChangeInput> {
  static readonly id = 'kustoMi_proposePolicyChange';
  constructor(private readonly tree: ClusterTreeProvider) {}

  prepareInvocation(): vscode.PreparedToolInvocation {
    return { invocationMessage: 'Proposing a managed_identity policy change' };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<PolicyChangeInput>): Promise<vscode.LanguageModelToolResult> {
    const change = checkPolicyChange(this.tree, options.input);
    const client = change.cluster.client();
    const before = change.target.kind === 'cluster' ? await client.getClusterPolicy() : await client.getDatabasePolicy(change.target.database);
    const system = change.cluster.systemObjectId();
    const matchOptions = system ? { systemObjectId: system } : {};
    const after = change.entries.reduce((p, e) => mergeUsages(p, e.ObjectId, e.AllowedUsages, matchOptions), before ?? []);
    if (samePolicy(before, after, matchOptions)) {
      return toolResult(`No change needed: the managed_identity policy of ${change.where} already allows that.`, { policy: toServiceJson(before) });
    }
    return toolResult(
      `Proposed (not run): this command changes the managed_identity policy of ${change.where}. ` +
      'kustoMi_applyPolicyChange runs it after the user confirms; it needs the All Database Admin role.',
      { command: change.command, before: toServiceJson(before), after: toServiceJson(after) });
  }
}
