// ArmReadiness on the project's ARM clients: one credential and endpoint for
// every call, role definitions cached per check (many assignments share one).
import type { TokenCredential } from '@azure/core-auth';
import { discoverKustoClusters, getKustoCluster } from '../../clients/arm/discovery';
import { listRoleAssignmentsForPrincipal } from '../../clients/arm/roleAssignments';
import { getRoleDefinition, type RoleDefinitionInfo } from '../../clients/arm/roleDefinitions';
import { findStorageAccount } from '../../clients/arm/storageAccounts';
import { sameClusterUrl } from '../../core/clusterUrl';
import type { ArmReadiness } from './services';

export interface ArmReadinessOptions {
  readonly endpoint: string;
  readonly timeoutMs?: number;
  readonly sdkRetry?: { readonly maxRetries?: number; readonly retryDelayInMs?: number; readonly maxRetryDelayInMs?: number };
  /** Find a cluster without a resource id by listing every subscription's clusters (the CLI; the editor reads kustoMi.clusters). */
  readonly discoverClusters?: boolean;
}

const CLUSTER_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Kusto\/clusters\/([^/]+)\/?$/i;

export function armReadiness(credential: TokenCredential, options: ArmReadinessOptions): ArmReadiness {
  const base = { endpoint: options.endpoint, timeoutMs: options.timeoutMs, ...(options.sdkRetry ? { sdkRetry: options.sdkRetry } : {}) };
  const definitions = new Map<string, Promise<RoleDefinitionInfo>>();
  const arm: ArmReadiness = {
    async clusterIdentities(resourceId, signal) {
      const m = CLUSTER_ID.exec(resourceId.trim());
      if (!m) throw new Error(`"${resourceId}" is not a Kusto cluster resource id (/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Kusto/clusters/<name>).`);
      const cluster = await getKustoCluster(credential, { subscriptionId: m[1], resourceGroup: m[2], name: m[3] }, { ...base, signal });
      return cluster.identities;
    },
    findStorageAccount: (name, signal) => findStorageAccount(credential, name, { ...base, signal }),
    roleAssignments: (scope, principalId, signal) => listRoleAssignmentsForPrincipal(credential, scope, principalId, { ...base, signal }),
    roleDefinition(id, signal) {
      const key = id.toLowerCase();
      let pending = definitions.get(key);
      if (!pending) {
        pending = getRoleDefinition(credential, id, { ...base, signal });
        pending.catch(() => definitions.delete(key));
        definitions.set(key, pending);
      }
      return pending;
    },
  };
  if (!options.discoverClusters) return arm;
  return {
    ...arm,
    async findCluster(clusterUrl, signal) {
      const found = await discoverKustoClusters(credential, { ...base, signal });
      const cluster = found.clusters.find((c) => sameClusterUrl(c.uri, clusterUrl));
      if (!cluster && found.failures.length > 0) throw found.failures[0].error;
      return cluster ? { resourceId: cluster.id, identities: cluster.identities } : undefined;
    },
  };
}
