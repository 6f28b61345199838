// What the check asks of the outside world. The editor and the CLI build these
// from the same clients (armServices.ts); tests can hand in the real clients
// pointed at the local servers.
import type { ClusterIdentity } from '../../clients/arm/identities';
import type { RoleAssignmentInfo } from '../../clients/arm/roleAssignments';
import type { RoleDefinitionInfo } from '../../clients/arm/roleDefinitions';
import type { StorageAccountSearch } from '../../clients/arm/storageAccounts';
import type { PolicyReader } from '../../clients/kusto/api';
import type { Finding } from '../../core/findings';
import type { DatabasePrincipal } from './principalStep';

export type KustoPolicies = Pick<PolicyReader, 'getClusterPolicy' | 'getDatabasePolicy'> & {
  /** `.show database <db> principals` (the continuous-export step); absent: that step is unknown. */
  getDatabasePrincipals?(database: string, options?: { signal?: AbortSignal }): Promise<DatabasePrincipal[]>;
};

export interface ClusterLookup {
  readonly resourceId: string;
  readonly identities: readonly ClusterIdentity[];
}

export interface ArmReadiness {
  /** The identities in the cluster resource's `identity` block. */
  clusterIdentities(resourceId: string, signal?: AbortSignal): Promise<ClusterIdentity[]>;
  /** Finds the cluster by its URI across the subscriptions (when no resource id is given). */
  findCluster?(clusterUrl: string, signal?: AbortSignal): Promise<ClusterLookup | undefined>;
  findStorageAccount(accountName: string, signal?: AbortSignal): Promise<StorageAccountSearch>;
  roleAssignments(scope: string, principalId: string, signal?: AbortSignal): Promise<RoleAssignmentInfo[]>;
  roleDefinition(roleDefinitionId: string, signal?: AbortSignal): Promise<RoleDefinitionInfo>;
}

export interface ReadinessServices {
  readonly kusto: KustoPolicies;
  /** Absent when Azure Resource Manager cannot be used; `armUnavailable` says why. */
  readonly arm?: ArmReadiness;
  readonly armUnavailable?: string;
}

/** The file the URI was found in, for the size step. */
export interface SourceInput {
  readonly fileName: string;
  readonly text: string;
  /** Where the URI starts in `text`, when known; otherwise it is looked for. */
  readonly uriOffset?: number;
  /** `mi-blob-size-missing` findings of `text`; undefined when the rule does not cover the language. */
  readonly sizeFindings?: readonly Finding[];
  /** The size analysis could not run (e.g. its grammar failed to load). */
  readonly sizeError?: string;
  readonly languageId?: string;
}

export interface ReadinessInput {
  readonly blobUri: string;
  readonly clusterUrl: string;
  readonly database: string;
  /** `system` or an object id: used when the URI names no identity (default `system`). */
  readonly identity?: string;
  /** The cluster's ARM resource id, when known. */
  readonly clusterResourceId?: string;
  readonly source?: SourceInput;
  /** The managed_identity usage to check (default: from the source, else NativeIngestion). */
  readonly usage?: string;
  readonly signal?: AbortSignal;
}
