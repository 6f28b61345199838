// "Discover clusters in Azure": lists the Kusto clusters the signed-in account
// can see (ARM), and adds the chosen ones to `kustoMi.clusters` with their
// resource id, so the tree reads their identities from ARM. Adding, rather than
// showing every discovered cluster in a group of its own, keeps the view to the
// clusters the user works with and stops the tree from calling ARM on its own.
import * as vscode from 'vscode';
import { discoverInTenants, groupByTenant, type TenantGroup } from '../auth/accountDiscovery';
import { SignInRequiredError } from '../auth/errors';
import { discoverKustoClusters, type DiscoveredCluster, type DiscoveryResult } from '../clients/arm/discovery';
import { sameClusterUrl } from '../core/clusterUrl';
import type { Ctx } from '../ctx';
import type { IdentityRegistry } from '../identities/identityRegistry';
import { describeError } from '../log';
import type { Prompts } from '../ui/prompts';
import type { ClusterTreeProvider } from '../views/clusterTree/clusterTreeProvider';
import type { Command } from './commandManager';
import { CommandIds } from './ids';

interface DiscoveredPick extends vscode.QuickPickItem {
  readonly cluster: DiscoveredCluster;
}

export class DiscoverClustersCommand implements Command {
  readonly id = CommandIds.discoverClusters;

  constructor(private readonly ctx: Ctx, private readonly tree: ClusterTreeProvider, private readonly registry: IdentityRegistry, private readonly prompts: Prompts) {}

  /** Resolves to the URLs added. */
  async execute(): Promise<string[]> {
    const auth = this.tree.auth;
    let found: Awaited<ReturnType<typeof discoverKustoClusters>> | undefined;
    try {
      // Signed in the way the Azure extensions are: the subscriptions Azure Resources shows, tenant by tenant.
      const tenants = auth.method === 'vscode' && auth.account ? await this.pickTenants() : undefined;
      if (tenants?.length === 0) return [];
      const credential = tenants ? undefined : auth.credentialFor(auth.armEndpoint, true);
      found = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Looking for Kusto clusters in Azure', cancellable: true },
        (_progress, token): Promise<DiscoveryResult> => {
          const controller = new AbortController();
          token.onCancellationRequested(() => controller.abort());
          const options = { endpoint: auth.armEndpoint, signal: controller.signal, timeoutMs: this.ctx.config.requestTimeoutMs };
          return tenants ? discoverInTenants(tenants, options) : discoverKustoClusters(credential!, options);
        });
    } catch (e) {
      this.ctx.log.error('Cluster discovery failed', e);
      this.prompts.error(`Could not list Kusto clusters: ${describeError(e)}`);
      return [];
    }
    for (const f of found.failures) this.ctx.log.warn(`Subscription ${f.subscriptionId}: ${f.error.message}`);
    if (found.clusters.length === 0) {
      const failed = found.failures.length ? ` ${found.failures.length} subscription(s) could not be read; see the log.` : '';
      this.prompts.info(`No Kusto cluster found in ${found.subscriptions.length} subscription(s).${failed}`);
      return [];
    }
    const existing = this.ctx.config.clusters;
    const names = new Map(found.subscriptions.map((s) => [s.subscriptionId, s.displayName]));
    const items: DiscoveredPick[] = found.clusters.map((cluster) => {
      const added = existing.some((e) => sameClusterUrl(e.url, cluster.uri));
      return {
        label: cluster.name,
        description: added ? `${cluster.uri} (already added)` : cluster.uri,
        detail: [names.get(cluster.subscriptionId) ?? cluster.subscriptionId, cluster.resourceGroup, cluster.location, cluster.state,
          `${cluster.identities.length} managed identit${cluster.identities.length === 1 ? 'y' : 'ies'}`].filter(Boolean).join(' · '),
        cluster,
      };
    });
    const picks = await this.prompts.pickMany(items, { title: 'Add Kusto clusters to the Clusters view', placeHolder: 'Clusters found in your Azure subscriptions' });
    const chosen = (picks ?? []).map((p) => p.cluster).filter((c) => !existing.some((e) => sameClusterUrl(e.url, c.uri)));
    if (chosen.length === 0) return [];
    // The tenant the cluster was found in: its tokens are asked for there (multi-tenant accounts).
    const tenants = new Map(found.subscriptions.map((s) => [s.subscriptionId.toLowerCase(), s.tenantId]));
    await this.ctx.config.setClusters([...existing, ...chosen.map((c) => {
      const tenantId = tenants.get(c.subscriptionId.toLowerCase());
      return { url: c.uri, name: c.name, resourceId: c.id, ...(tenantId ? { tenantId } : {}) };
    })]);
    for (const c of chosen) this.registry.setClusterIdentities(c.uri, c.identities);
    this.ctx.log.info(`Added ${chosen.map((c) => c.uri).join(', ')}`);
    return chosen.map((c) => c.uri);
  }

  /** The signed-in tenants to look in: all of one, or the ones picked when several hold subscriptions. */
  private async pickTenants(): Promise<TenantGroup[]> {
    const account = this.tree.auth.account!;
    if (!(await account.isSignedIn()) && !(await account.signIn())) throw new SignInRequiredError('Sign-in was cancelled.');
    const groups = groupByTenant(await account.subscriptions());
    if (groups.length === 0) {
      this.prompts.info('The signed-in account has no subscriptions (or Azure Resources filters them all out): no clusters to look for.');
      return [];
    }
    if (groups.length === 1) return groups;
    const names = new Map((await account.tenants().catch(() => [])).map((t) => [t.tenantId, t.displayName]));
    const picks = await this.prompts.pickMany(groups.map((g) => ({
      label: names.get(g.tenantId) ?? g.tenantId,
      description: g.tenantId,
      detail: `${g.subscriptions.length} subscription(s): ${g.subscriptions.map((s) => s.name).join(', ')}`,
      picked: true,
      group: g,
    })), { title: 'Look for Kusto clusters in which tenants?', placeHolder: 'Tenants of the signed-in accounts' });
    return (picks ?? []).map((p) => p.group);
  }
}
