// Which configured cluster a policy script is about: the one its
// `// Cluster:` header names, the only one configured, or the user's pick.
import type { ClusterTreeProvider } from '../views/clusterTree/clusterTreeProvider';
import type { ClusterModel } from '../views/clusterTree/model/clusterModel';
import type { Prompts } from '../ui/prompts';

export async function pickClusterFor(headerUrl: string | undefined, tree: ClusterTreeProvider, prompts: Prompts, title: string): Promise<ClusterModel | undefined> {
  const roots = tree.model.roots().map((n) => n.cluster);
  if (headerUrl) {
    const named = tree.model.cluster(headerUrl);
    if (named) return named;
  }
  if (roots.length === 1) return roots[0];
  if (roots.length === 0) {
    prompts.error('Add a cluster to the Clusters view first: the policies are compared with a configured cluster.');
    return undefined;
  }
  const picked = await prompts.pickOne(roots.map((cluster) => ({ label: cluster.label, description: cluster.url, cluster })), { title, placeHolder: 'Cluster' });
  return picked?.cluster;
}
