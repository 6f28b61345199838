// The check's Kusto reads on any client with the policy reads and
// `runCommand` (the CLI's client, the tree's re-authenticating one).
import type { ManagedIdentityPolicyApi } from '../../clients/kusto/api';
import { parsePrincipalRows, showPrincipalsCommand } from './kustoReads';
import type { KustoPolicies } from './services';

export type KustoClientLike = Pick<ManagedIdentityPolicyApi, 'getClusterPolicy' | 'getDatabasePolicy' | 'runCommand'>;

export function kustoReadiness(client: KustoClientLike | (() => KustoClientLike)): KustoPolicies {
  const get = typeof client === 'function' ? client : () => client;
  return {
    getClusterPolicy: (options) => get().getClusterPolicy(options),
    getDatabasePolicy: (database, options) => get().getDatabasePolicy(database, options),
    getDatabasePrincipals: async (database, options) => parsePrincipalRows(await get().runCommand(database, showPrincipalsCommand(database), {
      ...options, what: `read the principals of database '${database}' on`,
    })),
  };
}
