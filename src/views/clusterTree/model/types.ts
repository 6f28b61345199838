// What the tree model needs from outside (clients, ARM, the identity
// registry) and the shapes it hands to the presentation. No `vscode` here:
// the model runs in plain Node tests against the local servers.
import type { ManagedIdentityPolicyApi } from '../../../clients/kusto/api';
import type { KnownIdentity } from '../../../core/identity';

export interface ClusterSource {
  readonly url: string;
  readonly name?: string;
  /** ARM resource id: identities are read from ARM when it is known. */
  readonly resourceId?: string;
  /** The cluster's Entra tenant, when known: its tokens come from that tenant. */
  readonly tenantId?: string;
}

export interface ClusterServices {
  /** The client of a cluster (`source`: its tenant and resource id); throws (e.g. AuthConfigError) when it cannot be built. */
  client(url: string, source?: ClusterSource): ManagedIdentityPolicyApi;
  /** The cluster's identities from ARM; undefined when ARM cannot be asked (no resource id). */
  armIdentities(cluster: ClusterSource, signal: AbortSignal): Promise<IdentityInfo[] | undefined>;
  /** Requests in flight when reading every database's policy. */
  readonly concurrency: number;
  /** Hands the identities on (quick fixes, completions). */
  publishIdentities(url: string, identities: readonly KnownIdentity[]): void;
  readonly log?: { warn(message: string): void };
  /** Database policies read in the background since the last report (the view shows them again). */
  policiesChanged?(url: string, databases: readonly string[]): void;
}

export interface IdentityInfo extends KnownIdentity {
  /** `unknown`: seen in a policy that did not say whether it is the system identity. */
  readonly kind: 'system' | 'userAssigned' | 'unknown';
  readonly resourceId?: string;
  readonly tenantId?: string;
}

export interface IdentitiesResult {
  readonly identities: readonly IdentityInfo[];
  /** Where they came from: ARM knows every identity; policies only those they mention. */
  readonly source: 'arm' | 'policies';
  /** Why ARM was not used, when it was tried. */
  readonly armProblem?: string;
}

export interface DatabaseRow {
  readonly name: string;
  readonly prettyName?: string;
}
