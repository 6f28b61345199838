// One `.kql` script that recreates a cluster's managed_identity policies:
// the cluster policy first, then every database in ordinal name order; a
// policy as `.alter ... policy managed_identity` with its JSON in a multi-line
// literal, a missing one as a commented `.delete`. The same policies always
// give the same bytes, so the file diffs cleanly in git.
import { quoteName } from '../kql/quote';
import type { PolicyEntry, PolicyTarget } from '../policy/model';
import { compareOrdinal, normalizePolicy, type ClusterPolicyState } from './state';

export const SCRIPT_HEADER = '// managed_identity policies';

export interface ExportOptions {
  /** Written in the header, and read back by "Compare with Cluster" to find the cluster. */
  readonly clusterUrl?: string;
  /** Where display names for the comments come from when `state` has none (a planned state: the live one). */
  readonly namesFrom?: ClusterPolicyState;
}

export class PolicyExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyExportError';
  }
}

export function exportPolicyScript(state: ClusterPolicyState, options: ExportOptions = {}): string {
  const names = displayNames(state);
  if (options.namesFrom) for (const [id, name] of displayNames(options.namesFrom)) if (!names.has(id)) names.set(id, name);
  const blocks: string[] = [];
  const header = [SCRIPT_HEADER + (options.clusterUrl ? ` of ${options.clusterUrl}` : '')];
  if (options.clusterUrl) header.push(`// Cluster: ${options.clusterUrl}`);
  header.push(
    '// Each command sets one policy exactly as it was exported; run them in order to recreate them.',
    '// Compare with a cluster or apply only what differs: Kusto MI: Compare Policies with Cluster.',
  );
  blocks.push(header.join('\n'));
  blocks.push(policyBlock({ kind: 'cluster' }, state.cluster, names));
  const databases = [...state.databases].sort((a, b) => compareOrdinal(a.name, b.name));
  for (const db of databases) blocks.push(policyBlock({ kind: 'database', database: db.name }, db.policy, names));
  return `${blocks.join('\n\n')}\n`;
}

function policyBlock(target: PolicyTarget, policy: readonly PolicyEntry[] | null, names: ReadonlyMap<string, string>): string {
  const entity = target.kind === 'cluster' ? 'cluster' : `database ${quoteName(target.database)}`;
  const normalized = normalizePolicy(policy);
  if (normalized.length === 0) {
    const what = target.kind === 'cluster' ? 'The cluster has' : `Database ${quoteName(target.database)} has`;
    return [
      `// ${what} no managed_identity policy: deleting one that was added since keeps it that way.`,
      `.delete ${entity} policy managed_identity`,
    ].join('\n');
  }
  const comments = normalized
    .map(([id]) => names.get(id))
    .map((name, i) => (name ? `// ${normalized[i][0]}: ${oneLine(name)}` : undefined))
    .filter((c): c is string => c !== undefined);
  const json = JSON.stringify(normalized.map(([id, usages]) => ({ ObjectId: id, AllowedUsages: usages.join(', ') })), null, 2);
  if (json.includes('```')) throw new PolicyExportError('A policy value contains ```, which a multi-line KQL literal cannot hold.');
  return [...comments, `.alter ${entity} policy managed_identity \`\`\``, json, '```'].join('\n');
}

/** Display names the service reported, by lower-case object id (comments only: never sent back). */
function displayNames(state: ClusterPolicyState): Map<string, string> {
  const names = new Map<string, string>();
  const all = [...(state.cluster ?? []), ...[...state.databases].sort((a, b) => compareOrdinal(a.name, b.name)).flatMap((d) => d.policy ?? [])];
  for (const e of all) {
    const id = e.ObjectId.trim().toLowerCase();
    if (e.DisplayName && !names.has(id)) names.set(id, e.DisplayName);
  }
  return names;
}

// A display name is free text: no line break may end the comment early.
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
}
