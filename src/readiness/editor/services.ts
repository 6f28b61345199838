// The check's services in the editor: the cluster tree's Kusto client for the
// cluster (same credential and 401 handling as the tree), and the ARM clients
// with the extension's auth settings. Errors building either become "unknown"
// steps in the report, not failures of the command.
import { armReadiness } from '../core/armServices';
import { kustoReadiness } from '../core/kustoServices';
import type { ArmReadiness, KustoPolicies, ReadinessServices } from '../core/services';
import type { Ctx } from '../../ctx';
import { describeError } from '../../log';
import type { ClusterTreeProvider } from '../../views/clusterTree/clusterTreeProvider';
import type { ClusterModel } from '../../views/clusterTree/model/clusterModel';

/** The Kusto client is built on the first call, so an auth setting error surfaces as that step's reason. */
function kustoOf(cluster: ClusterModel): KustoPolicies {
  return kustoReadiness(() => cluster.client());
}

export function armFor(ctx: Ctx, tree: ClusterTreeProvider): { arm?: ArmReadiness; armUnavailable?: string } {
  const auth = tree.auth;
  try {
    const credential = auth.credentialFor(auth.armEndpoint, true);
    return { arm: armReadiness(credential, { endpoint: auth.armEndpoint, timeoutMs: ctx.config.requestTimeoutMs }) };
  } catch (e) {
    return { armUnavailable: `Azure Resource Manager cannot be used: ${describeError(e)}` };
  }
}

export function editorServices(ctx: Ctx, tree: ClusterTreeProvider, cluster: ClusterModel): ReadinessServices {
  return { kusto: kustoOf(cluster), ...armFor(ctx, tree) };
}
