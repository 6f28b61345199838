// The readiness report: five steps, each pass, fail or unknown, with what was
// seen (evidence) and, for a failure, the fix that would make it pass. Pure
// data, shared by the editor's webview and `kusto-mi check`; every text in it
// has been through redactSecrets.
import type { TextEdit } from '../../core/findings';
import type { PolicyTarget } from '../../core/policy/model';

export type Verdict = 'pass' | 'fail' | 'unknown';

export type StepId = 'uri' | 'identity' | 'policy' | 'role' | 'size' | 'network' | 'principal' | 'client';

// The first five keep their numbers; the later ones are added after them
// (`principal` only for continuous export, `client` only for SDK code).
export const STEP_ORDER: readonly StepId[] = ['uri', 'identity', 'policy', 'role', 'size', 'network', 'principal', 'client'];

export const STEP_TITLES: Readonly<Record<StepId, string>> = {
  uri: 'Blob URI names a managed identity',
  identity: 'Identity is assigned to the cluster',
  policy: 'managed_identity policy allows NativeIngestion',
  role: 'Identity may read the blob (Azure RBAC)',
  size: 'Ingestion code gives the blob size',
  network: 'Storage firewall lets the cluster in',
  principal: 'Identity has a database role (viewer or above)',
  client: 'Code uses queued ingestion',
};

/** The titles that depend on the flow: the usage the policy must allow, what the identity does on storage. */
export function stepTitle(id: StepId, usage: string, access: 'read' | 'write'): string {
  if (id === 'policy') return `managed_identity policy allows ${usage}`;
  if (id === 'role') return access === 'write' ? 'Identity may write to the storage (Azure RBAC)' : STEP_TITLES.role;
  return STEP_TITLES[id];
}

export interface Evidence {
  readonly label: string;
  readonly value: string;
}

export type ReadinessFix =
  /** Replace the URI in the source with `newUri` (`;managed_identity=<identity>`). */
  | { readonly kind: 'rewriteUri'; readonly title: string; readonly identity: string; readonly newUri: string }
  /** `.alter-merge ... policy managed_identity` adding the usage for the identity. */
  | {
    readonly kind: 'grantUsage'; readonly title: string; readonly target: PolicyTarget; readonly objectId: string;
    readonly identityLabel: string; readonly usage: string; readonly command: string;
  }
  /** Create a role assignment at the storage account. */
  | {
    readonly kind: 'assignRole'; readonly title: string; readonly scope: string; readonly scopeLabel: string; readonly principalId: string;
    readonly principalLabel: string; readonly roleDefinitionId: string; readonly roleName: string;
  }
  /** The size rule's own quick-fix edits (offsets into the source text). */
  | { readonly kind: 'addSize'; readonly title: string; readonly edits: readonly TextEdit[] }
  /** `.add database <db> viewers ('aadapp=<object id>;<tenant>')`, run after the tree's confirmation. */
  | { readonly kind: 'addPrincipal'; readonly title: string; readonly database: string; readonly fqn: string; readonly command: string }
  /** A change only a person can make (portal or ARM): what to change, where, and the Azure CLI line. */
  | { readonly kind: 'manual'; readonly title: string; readonly portal: string; readonly armProperty: string; readonly cli?: string };

export type FixKind = ReadinessFix['kind'];

export interface StepResult {
  readonly id: StepId;
  readonly title: string;
  readonly verdict: Verdict;
  /** What was found, in words. */
  readonly summary: string;
  readonly evidence: readonly Evidence[];
  readonly fix?: ReadinessFix;
  /** Why the step could not be checked (unknown only). */
  readonly reason?: string;
  /** The managed_identity policy usage of the flow checked (every step carries it, for `check --format json`). */
  readonly usage?: string;
}

export interface IdentityRef {
  /** `system` or an object id, as it goes after `;managed_identity=`. */
  readonly ref: string;
  /** The principal (object) id when known. */
  readonly objectId?: string;
  readonly label: string;
  /** Where the identity came from: the URI, the caller, or the default (system). */
  readonly source: 'uri' | 'given' | 'default';
}

export interface ReadinessReport {
  /** The blob URI with any SAS signature masked. */
  readonly blobUri: string;
  readonly clusterUrl: string;
  readonly database: string;
  readonly identity: IdentityRef;
  readonly steps: readonly StepResult[];
  /** Every step passed. */
  readonly ready: boolean;
  readonly checkedAt: string;
  /** The flow checked: the policy usage it needs and what it does on storage. */
  readonly usage?: string;
  readonly access?: 'read' | 'write';
  /** A role was assigned moments ago: check again after this time (ISO), when it has had time to apply. */
  readonly recheckAfter?: string;
}

export function step(id: StepId, verdict: Verdict, summary: string, evidence: readonly Evidence[] = [], extra: { fix?: ReadinessFix; reason?: string; title?: string } = {}): StepResult {
  return { id, title: extra.title ?? STEP_TITLES[id], verdict, summary, evidence, ...(extra.fix ? { fix: extra.fix } : {}), ...(extra.reason ? { reason: extra.reason } : {}) };
}

/** An unknown step: the summary says what could not be checked, the reason why. */
export function unknownStep(id: StepId, summary: string, reason: string, evidence: readonly Evidence[] = []): StepResult {
  return step(id, 'unknown', summary, evidence, { reason });
}
