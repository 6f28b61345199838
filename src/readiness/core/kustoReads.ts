// The two Kusto reads the readiness check adds beside the policies, as
// command text plus row parsing (pure): the database's principals (for the
// continuous-export step) and `.show ingestion failures` (for "Explain
// ingestion failure"). Columns are read by name; rows without them are skipped.
import { quoteName } from '../../core/kql/quote';
import type { DatabasePrincipal } from './principalStep';

type Row = Record<string, unknown>;

export function showPrincipalsCommand(database: string): string {
  return `.show database ${quoteName(database)} principals`;
}

export const SHOW_INGESTION_FAILURES = '.show ingestion failures';

function text(row: Row, column: string): string | undefined {
  const v = row[column];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function parsePrincipalRows(rows: readonly Row[]): DatabasePrincipal[] {
  return rows.flatMap((r) => {
    const role = text(r, 'Role');
    if (!role) return [];
    const p: DatabasePrincipal = {
      role,
      ...(text(r, 'PrincipalType') ? { type: text(r, 'PrincipalType') } : {}),
      ...(text(r, 'PrincipalDisplayName') ? { displayName: text(r, 'PrincipalDisplayName') } : {}),
      ...(text(r, 'PrincipalObjectId') ? { objectId: text(r, 'PrincipalObjectId') } : {}),
      ...(text(r, 'PrincipalFQN') ? { fqn: text(r, 'PrincipalFQN') } : {}),
    };
    return [p];
  });
}

export interface IngestionFailure {
  readonly database: string;
  readonly table?: string;
  readonly failedOn?: string;
  /** The blob the ingestion read (its SAS, if any, is masked before display). */
  readonly sourcePath?: string;
  readonly details: string;
  readonly errorCode?: string;
  readonly failureKind?: string;
}

/** The failures of `database`, newest first. */
export function parseIngestionFailures(rows: readonly Row[], database: string): IngestionFailure[] {
  const out: IngestionFailure[] = [];
  for (const r of rows) {
    const db = text(r, 'Database');
    if (!db || db.toLowerCase() !== database.toLowerCase()) continue;
    const failedOn = r.FailedOn instanceof Date ? r.FailedOn.toISOString() : text(r, 'FailedOn');
    out.push({
      database: db, details: text(r, 'Details') ?? '',
      ...(text(r, 'Table') ? { table: text(r, 'Table') } : {}),
      ...(failedOn ? { failedOn } : {}),
      ...(text(r, 'IngestionSourcePath') ? { sourcePath: text(r, 'IngestionSourcePath') } : {}),
      ...(text(r, 'ErrorCode') ? { errorCode: text(r, 'ErrorCode') } : {}),
      ...(text(r, 'FailureKind') ? { failureKind: text(r, 'FailureKind') } : {}),
    });
  }
  return out.sort((a, b) => (b.failedOn ?? '').localeCompare(a.failedOn ?? ''));
}
