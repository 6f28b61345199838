// The input of the policy tools (which identity may do what, where), checked
// and turned into the exact `.alter-merge` command the UI would run.
import { alterMergePolicyCommand, PolicyCommandError } from '../core/kql/commands';
import { describeTarget, type PolicyEntryInput, type PolicyTarget } from '../core/policy/model';
import type { ClusterTreeProvider } from '../views/clusterTree/clusterTreeProvider';
import type { ClusterModel } from '../views/clusterTree/model/clusterModel';
import { resolveCluster } from './resolveCluster';
import { ToolInputError } from './toolResult';

export interface PolicyChangeInput {
  readonly cluster?: string;
  /** The database whose policy changes; the cluster policy when absent. */
  readonly database?: string;
  /** `system` or a managed identity's object (principal) id. */
  readonly identity: string;
  readonly usages: readonly string[];
}

export interface CheckedChange {
  readonly cluster: ClusterModel;
  readonly target: PolicyTarget;
  readonly entries: readonly PolicyEntryInput[];
  readonly command: string;
  readonly where: string;
}

export function checkPolicyChange(tree: ClusterTreeProvider, input: PolicyChangeInput): CheckedChange {
  if (!input.identity || !Array.isArray(input.usages) || input.usages.length === 0) throw new ToolInputError('Give identity ("system" or an object id) and at least one usage.');
  const cluster = resolveCluster(tree, input.cluster);
  const target: PolicyTarget = input.database ? { kind: 'database', database: input.database } : { kind: 'cluster' };
  const entries = [{ ObjectId: input.identity, AllowedUsages: input.usages }];
  try {
    return { cluster, target, entries, command: alterMergePolicyCommand(target, entries), where: `${describeTarget(target)} on ${cluster.label}` };
  } catch (e) {
    if (e instanceof PolicyCommandError) throw new ToolInputError(e.message);
    throw e;
  }
}
