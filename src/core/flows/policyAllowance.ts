// Whether the managed_identity policies the extension has read already allow
// the usage a finding's flow needs, for the identity a quick fix would write:
// the words quick-fix titles and hovers append ("ExportRequest not yet allowed
// on cluster X — run Allow Usages"). Pure: the Clusters tree hands in what it
// has read; nothing is asked of a cluster here, and a policy not read yet is
// no answer (silence, never a guess).
import { isUsageValidAt, type ManagedIdentityUsage } from '../kql/usages';
import { allowsUsage } from '../policy/evaluate';
import type { PolicyEntry } from '../policy/model';

/** What the tree has read of one cluster's policies. */
export interface ClusterPolicies {
  readonly url: string;
  /** The cluster's name in the Clusters view. */
  readonly label: string;
  /** The system identity's principal id, when known (`system` matches it). */
  readonly systemObjectId?: string;
  /** The cluster-level policy; undefined while not read (null: the cluster has none). */
  readonly cluster?: readonly PolicyEntry[] | null;
  /** The database policies read so far. */
  readonly databases: readonly { readonly name: string; readonly policy: readonly PolicyEntry[] | null }[];
}

export type AllowanceState = 'cluster' | 'databases' | 'none';

export interface UsageAllowance {
  /** The cluster's label. */
  readonly cluster: string;
  /** `cluster`: the cluster policy allows it (every database inherits it); `databases`: only some databases do; `none`: not allowed. */
  readonly state: AllowanceState;
  /** The databases whose own policy allows it (state `databases`). */
  readonly databases: readonly string[];
}

function sameUrl(a: string, b: string): boolean {
  const norm = (u: string) => u.trim().replace(/\/+$/, '').toLowerCase();
  return norm(a) === norm(b);
}

/**
 * Per cluster whose policies were read: does it allow `usage` for `identity`
 * (`system` or an object id)? `identityCluster` limits a user-assigned identity
 * to the cluster it is assigned to.
 */
export function usageAllowances(
  clusters: readonly ClusterPolicies[],
  identity: string,
  usage: ManagedIdentityUsage,
  identityCluster?: string,
): UsageAllowance[] {
  const out: UsageAllowance[] = [];
  const databaseLevel = isUsageValidAt(usage, 'database');
  for (const c of clusters) {
    if (identityCluster !== undefined && !sameUrl(identityCluster, c.url)) continue;
    const options = c.systemObjectId ? { systemObjectId: c.systemObjectId } : {};
    if (c.cluster !== undefined && allowsUsage(c.cluster, identity, usage, options)) {
      out.push({ cluster: c.label, state: 'cluster', databases: [] });
      continue;
    }
    // A cluster-only usage (SandboxArtifacts) allowed in a database policy allows nothing.
    const databases = databaseLevel ? c.databases.filter((d) => allowsUsage(d.policy, identity, usage, options)).map((d) => d.name) : [];
    if (databases.length > 0) out.push({ cluster: c.label, state: 'databases', databases });
    // Not allowed: only known once the cluster policy has been read.
    else if (c.cluster !== undefined) out.push({ cluster: c.label, state: 'none', databases: [] });
  }
  return out;
}

const MAX_DATABASES = 3;

function databaseList(names: readonly string[]): string {
  const shown = names.slice(0, MAX_DATABASES).join(', ');
  return names.length > MAX_DATABASES ? `${shown} +${names.length - MAX_DATABASES}` : shown;
}

/** One phrase for a quick fix or hover; undefined when no policy read says anything. */
export function allowanceNote(allowances: readonly UsageAllowance[], usage: ManagedIdentityUsage): string | undefined {
  if (allowances.length === 0) return undefined;
  const parts = allowances.map((a) => {
    if (a.state === 'cluster') return `${usage} allowed on cluster ${a.cluster}`;
    if (a.state === 'databases') return `${usage} allowed only in database${a.databases.length > 1 ? 's' : ''} ${databaseList(a.databases)} of cluster ${a.cluster}`;
    return `${usage} not yet allowed on cluster ${a.cluster}`;
  });
  const missing = allowances.some((a) => a.state !== 'cluster');
  return `${parts.join('; ')}${missing ? ' — run Allow Usages' : ''}`;
}

/** The note for one identity, from what the tree has read. */
export function identityAllowanceNote(
  clusters: readonly ClusterPolicies[],
  identity: string,
  usage: ManagedIdentityUsage | undefined,
  identityCluster?: string,
): string | undefined {
  if (!usage) return undefined;
  return allowanceNote(usageAllowances(clusters, identity, usage, identityCluster), usage);
}

/** Hover lines for the identities a finding's fixes offer: `- Policy (system-assigned): ExportRequest not yet allowed ...`. */
export function policyHoverLines(notes: readonly { readonly identity: string; readonly note: string | undefined }[], max = 4): string[] {
  const lines = notes.filter((n) => n.note !== undefined)
    .map((n) => `- Policy (${n.identity.toLowerCase() === 'system' ? 'system-assigned identity' : `identity \`${n.identity}\``}): ${n.note}`);
  return lines.length > max ? [...lines.slice(0, max), `- Policy: ${lines.length - max} more identities`] : lines;
}

/** `markdown` with `lines` added at the end of its lead (before the `---` that starts the details). */
export function addToHoverLead(markdown: string, lines: readonly string[]): string {
  if (lines.length === 0) return markdown;
  const rule = markdown.indexOf('\n\n---\n');
  const block = lines.join('\n');
  return rule === -1 ? `${markdown}\n${block}` : `${markdown.slice(0, rule)}\n${block}${markdown.slice(rule)}`;
}
