// The roots of the cluster tree: one ClusterModel and node per configured
// cluster, kept while the cluster stays configured (same URL, name and
// resource id), so its cached loads survive unrelated setting changes.
import type { ClusterPolicies } from '../../../core/flows/policyAllowance';
import { ClusterModel } from './clusterModel';
import { ClusterNode } from './nodes/clusterNode';
import type { ErrorNode } from './nodes/errorNode';
import type { TreeNode } from './nodes/treeNode';
import type { ClusterServices, ClusterSource } from './types';

interface Entry {
  readonly key: string;
  readonly model: ClusterModel;
  readonly node: ClusterNode;
}

export class ClusterTreeModel {
  private entries: Entry[] = [];

  constructor(private readonly services: ClusterServices, private readonly sources: () => readonly ClusterSource[]) {}

  roots(): ClusterNode[] {
    const previous = new Map(this.entries.map((e) => [e.key, e]));
    const next: Entry[] = [];
    for (const source of this.sources()) {
      const key = sourceKey(source);
      if (next.some((e) => e.key === key)) continue; // listed twice
      const kept = previous.get(key);
      previous.delete(key);
      if (kept) {
        next.push(kept);
      } else {
        const model = new ClusterModel(source, this.services);
        next.push({ key, model, node: new ClusterNode(model) });
      }
    }
    for (const dropped of previous.values()) dropped.model.cancelAll();
    this.entries = next;
    return next.map((e) => e.node);
  }

  /** The model of a configured cluster, by URL (case and trailing slash ignored). */
  cluster(url: string): ClusterModel | undefined {
    const norm = normaliseUrl(url);
    return this.entries.find((e) => normaliseUrl(e.model.url) === norm)?.model;
  }

  /** What each configured cluster's policies allow, as read so far. */
  policySnapshots(): ClusterPolicies[] {
    // Only clusters still configured: the tree may not have been shown since the setting changed.
    const configured = new Set(this.sources().map(sourceKey));
    return this.entries.filter((e) => configured.has(e.key)).map((e) => e.model.policySnapshot());
  }

  clusterNode(url: string): ClusterNode | undefined {
    const norm = normaliseUrl(url);
    return this.entries.find((e) => normaliseUrl(e.model.url) === norm)?.node;
  }

  /** Forget every cluster (connection settings changed): loads in flight are stopped. */
  reset(): void {
    for (const e of this.entries) e.model.cancelAll();
    this.entries = [];
  }

  /**
   * Retry on an error node: forgets the failed load (the whole cluster after a
   * connection fault) and every other failed load of that cluster, so a
   * sibling group's stale error goes once the cluster answers again.
   * Returns the node to reload and show again.
   */
  retry(error: ErrorNode): TreeNode {
    const target = error.retryTarget;
    target.invalidate();
    error.cluster.invalidateFailed();
    return target;
  }

  invalidateAll(): void {
    for (const e of this.entries) e.model.invalidateAll();
  }
}

function normaliseUrl(url: string): string {
  return url.trim().replace(/\/+$/, '').toLowerCase();
}

function sourceKey(source: ClusterSource): string {
  return JSON.stringify([normaliseUrl(source.url), source.name ?? '', source.resourceId ?? '', source.tenantId ?? '']);
}
