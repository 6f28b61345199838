// How the server turns a policy literal into stored entries, the way the
// service does: `system` resolves to the system identity's principal id,
// object ids must be identities assigned to the cluster, usage names must be
// known, and the other fields are filled in from the identity.
import { parseLenientJson } from './lenientJson';
import { KustoServerError } from './responses';
import type { ClusterState, StoredPolicyEntry } from './state';

export const USAGES = [
  'All', 'AutomatedFlows', 'AzureAI', 'DataConnection', 'ExportRequest', 'ExternalDataRequest',
  'ExternalTable', 'NativeIngestion', 'SandboxArtifacts', 'SqlRequest',
];

const bad = (detail: string) => KustoServerError.badRequest(`Managed identity policy is invalid: ${detail}`);

export function parsePolicyLiteral(literal: string, cluster: ClusterState, level: 'cluster' | 'database'): StoredPolicyEntry[] {
  let raw: unknown;
  try {
    raw = parseLenientJson(literal);
  } catch (e) {
    throw bad(`the policy is not valid JSON (${(e as Error).message}).`);
  }
  if (!Array.isArray(raw)) throw bad('the policy must be a JSON array of objects.');
  return mergeEntries([], raw.map((item) => resolveEntry(item, cluster, level)));
}

function resolveEntry(item: unknown, cluster: ClusterState, level: 'cluster' | 'database'): StoredPolicyEntry {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw bad('each entry must be an object.');
  const o = item as Record<string, unknown>;
  if (typeof o.ObjectId !== 'string') throw bad('each entry needs an ObjectId.');
  if (typeof o.AllowedUsages !== 'string') throw bad(`the entry for '${o.ObjectId}' needs AllowedUsages, a comma-separated string.`);
  const usages = o.AllowedUsages.split(',').map((u) => u.trim()).filter(Boolean).map((u) => {
    const known = USAGES.find((k) => k.toLowerCase() === u.toLowerCase());
    if (!known) throw bad(`'${u}' is not a valid managed identity usage. Valid usages: ${USAGES.join(', ')}.`);
    if (known === 'SandboxArtifacts' && level === 'database') throw bad('SandboxArtifacts can only be set in the cluster level policy.');
    return known;
  });
  if (usages.length === 0) throw bad(`the entry for '${o.ObjectId}' allows no usage.`);
  const id = o.ObjectId.trim().toLowerCase();
  const { system, userAssigned, tenantId } = cluster.identities;
  const base = { TenantId: tenantId, AllowedUsages: usages.join(', ') };
  const displayName = typeof o.DisplayName === 'string' ? o.DisplayName : undefined;
  if (system && (id === 'system' || id === system.principalId.toLowerCase())) {
    return { ObjectId: system.principalId, ClientId: system.clientId, DisplayName: displayName ?? cluster.name, IsSystem: true, ...base };
  }
  const user = userAssigned.find((u) => u.principalId.toLowerCase() === id);
  if (!user) {
    throw bad(`the managed identity with object id '${o.ObjectId}' is not assigned to cluster '${cluster.name}'. Assign it to the cluster first.`);
  }
  return { ObjectId: user.principalId, ClientId: user.clientId, DisplayName: displayName ?? user.name, IsSystem: false, ...base };
}

/** `.alter-merge`: same ObjectId → union of usages; new identities are appended. */
export function mergeEntries(current: readonly StoredPolicyEntry[], incoming: readonly StoredPolicyEntry[]): StoredPolicyEntry[] {
  const out = current.map((e) => ({ ...e }));
  for (const entry of incoming) {
    const existing = out.find((e) => e.ObjectId.toLowerCase() === entry.ObjectId.toLowerCase());
    if (!existing) {
      out.push({ ...entry });
      continue;
    }
    const usages = existing.AllowedUsages.split(',').map((u) => u.trim()).filter(Boolean);
    for (const u of entry.AllowedUsages.split(',').map((x) => x.trim())) if (!usages.includes(u)) usages.push(u);
    existing.AllowedUsages = usages.join(', ');
  }
  return out;
}
