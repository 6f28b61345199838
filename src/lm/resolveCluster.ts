// The configured cluster a tool's input names: by URL or display name; the
// only configured one when none is named.
import type { ClusterTreeProvider } from '../views/clusterTree/clusterTreeProvider';
import type { ClusterModel } from '../views/clusterTree/model/clusterModel';
import { ToolInputError } from './toolResult';

export function clusters(tree: ClusterTreeProvider): ClusterModel[] {
  return tree.model.roots().map((n) => n.cluster);
}

export function resolveCluster(tree: ClusterTreeProvider, name: string | undefined): ClusterModel {
  const all = clusters(tree);
  const listed = () => all.map((c) => (c.label === c.url ? c.url : `${c.label} (${c.url})`)).join(', ') || 'none';
  if (!name) {
    if (all.length === 1) return all[0];
    throw new ToolInputError(`Name the cluster: one of ${listed()}.`);
  }
  const wanted = name.trim().replace(/\/+$/, '').toLowerCase();
  const found = tree.model.cluster(name) ?? all.find((c) => c.label.toLowerCase() === wanted || c.url.toLowerCase().replace(/\/+$/, '') === wanted);
  if (!found) throw new ToolInputError(`The cluster '${name}' is not in the Clusters view. Configured: ${listed()}.`);
  return found;
}
