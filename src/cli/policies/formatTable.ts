// `--format table` (the default): identities, the cluster policy, and each
// database with its NativeIngestion state, in aligned columns.
import type { PolicyEntry } from '../../core/policy/model';
import { nativeIngestionSummary, type NativeIngestionState } from '../../views/clusterTree/model/nativeIngestion';
import { printable } from '../printable';
import type { ClusterPolicies } from './readPolicies';

const STATE: Record<NativeIngestionState, string> = { database: 'allowed', cluster: 'inherited', none: 'not allowed', unknown: 'unknown' };

export function formatTable(report: ClusterPolicies): string {
  const name = (e: PolicyEntry) => report.identities.find((i) => i.objectId.toLowerCase() === e.ObjectId.toLowerCase())?.displayName ?? e.DisplayName ?? e.ObjectId;
  const system = report.identities.find((i) => i.kind === 'system')?.objectId;
  const out: string[] = [`Cluster ${printable(report.cluster)}`, ''];

  out.push('Identities (named in the policies)');
  out.push(...(report.identities.length
    ? columns([['NAME', 'OBJECT ID', 'CLIENT ID'], ...report.identities.map((i) => [i.displayName ?? '', i.objectId, i.clientId ?? ''])])
    : ['  (none)']), '');

  out.push('Cluster policy');
  out.push(...(report.clusterPolicy?.length
    ? columns([['IDENTITY', 'OBJECT ID', 'ALLOWED USAGES'], ...report.clusterPolicy.map((e) => [name(e), e.ObjectId, e.AllowedUsages.join(', ')])])
    : ['  (no policy)']), '');

  out.push('Databases');
  const rows: string[][] = [['DATABASE', 'NATIVEINGESTION', 'IDENTITY', 'ALLOWED USAGES']];
  for (const db of report.databases) {
    if (db.error !== undefined) {
      rows.push([db.name, 'unknown', `error: ${db.error}`, '']);
      continue;
    }
    const state = STATE[nativeIngestionSummary(report.clusterPolicy, db.policy, system ? { systemObjectId: system } : {}).state];
    if (!db.policy?.length) rows.push([db.name, state, '(no policy)', '']);
    else db.policy.forEach((e, i) => rows.push([i === 0 ? db.name : '', i === 0 ? state : '', name(e), e.AllowedUsages.join(', ')]));
  }
  // A loop, not push(...lines): a spread of 200,000 lines overflows the stack.
  for (const line of report.databases.length ? columns(rows) : ['  (no databases)']) out.push(line);
  out.push('');
  return out.join('\n');
}

/**
 * Aligned rows. Every cell may come from the server (names, ids, errors), so
 * its control characters are escaped before it is measured. Widths are found
 * with a loop: a spread into Math.max overflows the stack on a large cluster.
 */
function columns(raw: readonly string[][]): string[] {
  const rows = raw.map((r) => r.map((cell) => printable(cell ?? '')));
  const widths = rows[0].map(() => 0);
  for (const r of rows) r.forEach((cell, c) => { if (cell.length > widths[c]) widths[c] = cell.length; });
  return rows.map((r) => `  ${r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ')}`.trimEnd());
}
