// "Allow usages": which identity, which usages (NativeIngestion preselected),
// then the exact `.alter-merge` command in a modal confirmation.
import type * as vscode from 'vscode';
import { isGuid } from '../core/identity';
import { alterMergePolicyCommand } from '../core/kql/commands';
import { usagesForLevel } from '../core/kql/usages';
import { CLUSTER_TARGET, databaseTarget, describeTarget, type PolicyEntryInput, type PolicyTarget } from '../core/policy/model';
import type { Ctx } from '../ctx';
import type { Prompts } from '../ui/prompts';
import type { ClusterTreeProvider } from '../views/clusterTree/clusterTreeProvider';
import type { ClusterModel } from '../views/clusterTree/model/clusterModel';
import { describeLoadError } from '../views/clusterTree/model/describeError';
import { NATIVE_INGESTION } from '../views/clusterTree/model/nativeIngestion';
import { nodeIdentity, type NodeIdentity } from '../views/clusterTree/model/nodes/nodeIdentity';
import { policyOwnerOf } from '../views/clusterTree/model/nodes/policyOwner';
import type { TreeNode } from '../views/clusterTree/model/nodes/treeNode';
import type { IdentityInfo } from '../views/clusterTree/model/types';
import type { Command } from './commandManager';
import { CommandIds } from './ids';
import { asNode } from './nodeArgs';
import { confirmAndRun, type PolicyChangeOutcome } from './policyChange';

interface ClusterPick extends vscode.QuickPickItem { readonly cluster: ClusterModel }
interface TargetPick extends vscode.QuickPickItem { readonly target: PolicyTarget }
interface IdentityPick extends vscode.QuickPickItem { readonly identity?: NodeIdentity }
interface UsagePick extends vscode.QuickPickItem { readonly usage: string }

export class AllowUsagesCommand implements Command {
  readonly id = CommandIds.allowUsages;
  constructor(private readonly ctx: Ctx, private readonly tree: ClusterTreeProvider, private readonly prompts: Prompts) {}

  async execute(arg?: unknown): Promise<PolicyChangeOutcome> {
    try {
      const node = asNode(arg);
      const cluster = node?.cluster ?? await this.pickCluster();
      if (!cluster) return 'cancelled';
      const target = policyOwnerOf(node)?.target ?? await this.pickTarget(cluster);
      if (!target) return 'cancelled';
      const identity = nodeIdentity(node) ?? await this.pickIdentity(cluster, target);
      if (!identity) return 'cancelled';
      const usages = await this.pickUsages(target, identity);
      if (!usages || usages.length === 0) return 'cancelled';
      const entries: PolicyEntryInput[] = [{ ObjectId: identity.isSystem ? 'system' : identity.objectId, AllowedUsages: usages }];
      return await confirmAndRun({
        cluster, target,
        question: `Allow ${usages.join(', ')} for ${identity.label} in the managed_identity policy of ${describeTarget(target)}?`,
        command: alterMergePolicyCommand(target, entries), // validates; throws PolicyCommandError in words
        done: `Allowed ${usages.join(', ')} for ${identity.label} on ${describeTarget(target)}.`,
        run: (client, signal) => client.alterMergePolicy(target, entries, { signal }),
      }, { prompts: this.prompts, tree: this.tree, log: this.ctx.log });
    } catch (e) {
      this.prompts.error(describeLoadError(e).message);
      return 'failed';
    }
  }

  private async pickCluster(): Promise<ClusterModel | undefined> {
    const clusters = this.tree.model.roots().map((n: TreeNode) => n.cluster);
    if (clusters.length <= 1) return clusters[0];
    const pick = await this.prompts.pickOne<ClusterPick>(clusters.map((cluster) => ({
      label: cluster.label, description: cluster.source.name ? cluster.url : undefined, cluster,
    })), { title: 'Allow usages: which cluster?' });
    return pick?.cluster;
  }

  private async pickTarget(cluster: ClusterModel): Promise<PolicyTarget | undefined> {
    const databases = await cluster.databases.get().catch(() => []);
    const items: TargetPick[] = [
      { label: '$(shield) Cluster policy', description: 'applies to every database', target: CLUSTER_TARGET },
      ...databases.map((d) => ({ label: `$(database) ${d.name}`, description: d.prettyName, target: databaseTarget(d.name) })),
    ];
    return (await this.prompts.pickOne(items, { title: 'Allow usages: in which policy?' }))?.target;
  }

  private async pickIdentity(cluster: ClusterModel, target: PolicyTarget): Promise<NodeIdentity | undefined> {
    const known: readonly IdentityInfo[] = (await cluster.identities.get().catch(() => undefined))?.identities ?? [];
    const items: IdentityPick[] = known.map((i) => ({
      label: i.kind === 'system' ? '$(server-process) System-assigned' : `$(account) ${i.displayName ?? i.objectId}`,
      description: i.objectId,
      detail: i.clientId ? `client id ${i.clientId}` : undefined,
      identity: { objectId: i.objectId, isSystem: i.kind === 'system', label: i.kind === 'system' ? 'the system-assigned identity' : i.displayName ?? i.objectId },
    }));
    if (!known.some((i) => i.kind === 'system')) {
      items.unshift({ label: '$(server-process) System-assigned', description: 'system', identity: { objectId: 'system', isSystem: true, label: 'the system-assigned identity' } });
    }
    items.push({ label: '$(edit) Enter an object id…', description: 'a user-assigned identity not listed here' });
    const pick = await this.prompts.pickOne(items, { title: `Allow usages on ${describeTarget(target)}: for which managed identity?` });
    if (!pick) return undefined;
    if (pick.identity) return pick.identity;
    const typed = await this.prompts.input({
      title: 'Managed identity object (principal) id',
      placeHolder: '00000000-0000-0000-0000-000000000000',
      validateInput: (v) => (isGuid(v.trim()) ? undefined : 'Enter the identity\'s object (principal) id, a GUID.'),
    });
    return typed && isGuid(typed.trim()) ? { objectId: typed.trim().toLowerCase(), isSystem: false, label: typed.trim().toLowerCase() } : undefined;
  }

  private async pickUsages(target: PolicyTarget, identity: NodeIdentity): Promise<string[] | undefined> {
    const items: UsagePick[] = usagesForLevel(target.kind).map((u) => ({
      label: u.name, description: u.description, picked: u.name === NATIVE_INGESTION, usage: u.name,
    }));
    const picks = await this.prompts.pickMany(items, { title: `Usages to allow for ${identity.label} on ${describeTarget(target)}` });
    return picks?.map((p) => p.usage);
  }
}
