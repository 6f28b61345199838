// What the readiness check reads beside the policies: a database's principals
// (`.show database X principals`, `.add database X viewers ('fqn') 'notes'`)
// and `.show ingestion failures`, with the service's column names. Parsed with
// regular expressions: these commands have few forms, and the policy lexer
// stays about policies.
import { KustoServerError, type ResultTable } from './responses';
import { findDatabase, type ClusterState } from './state';

const NAME = String.raw`(?:\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]|([A-Za-z_][\w-]*))`;
const SHOW_PRINCIPALS = new RegExp(String.raw`^\s*\.show\s+database\s+${NAME}\s+principals\s*$`, 'i');
const ADD_PRINCIPALS = new RegExp(String.raw`^\s*\.add\s+database\s+${NAME}\s+(admins|users|viewers|unrestrictedviewers|ingestors|monitors)\s*\(\s*'([^']+)'\s*\)\s*(?:'[^']*')?\s*$`, 'i');
const SHOW_FAILURES = /^\s*\.show\s+ingestion\s+failures\s*$/i;

const ROLE_NAMES: Record<string, string> = {
  admins: 'Admin', users: 'User', viewers: 'Viewer', unrestrictedviewers: 'UnrestrictedViewer', ingestors: 'Ingestor', monitors: 'Monitor',
};

export type ReadinessCommand =
  | { readonly op: 'showPrincipals'; readonly database: string }
  | { readonly op: 'addPrincipal'; readonly database: string; readonly role: string; readonly fqn: string }
  | { readonly op: 'showIngestionFailures' };

function unescape(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

export function parseReadinessCommand(csl: string): ReadinessCommand | undefined {
  const show = SHOW_PRINCIPALS.exec(csl);
  if (show) return { op: 'showPrincipals', database: unescape(show[1] ?? show[2] ?? show[3]) };
  const add = ADD_PRINCIPALS.exec(csl);
  if (add) return { op: 'addPrincipal', database: unescape(add[1] ?? add[2] ?? add[3]), role: ROLE_NAMES[add[4].toLowerCase()], fqn: add[5] };
  if (SHOW_FAILURES.test(csl)) return { op: 'showIngestionFailures' };
  return undefined;
}

const PRINCIPAL_COLUMNS = [
  { name: 'Role', type: 'string' }, { name: 'PrincipalType', type: 'string' }, { name: 'PrincipalDisplayName', type: 'string' },
  { name: 'PrincipalObjectId', type: 'string' }, { name: 'PrincipalFQN', type: 'string' }, { name: 'Notes', type: 'string' },
] as const;

export function executeReadinessCommand(command: ReadinessCommand, state: ClusterState): ResultTable {
  if (command.op === 'showIngestionFailures') {
    return {
      columns: [
        { name: 'OperationId', type: 'guid' }, { name: 'Database', type: 'string' }, { name: 'Table', type: 'string' }, { name: 'FailedOn', type: 'datetime' },
        { name: 'IngestionSourcePath', type: 'string' }, { name: 'Details', type: 'string' }, { name: 'FailureKind', type: 'string' },
        { name: 'RootActivityId', type: 'guid' }, { name: 'OperationKind', type: 'string' }, { name: 'OriginatesFromUpdatePolicy', type: 'bool' },
        { name: 'ErrorCode', type: 'string' }, { name: 'ShouldRetry', type: 'bool' },
      ],
      rows: (state.ingestionFailures ?? []).map((f, i) => [
        `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`, f.database, f.table, f.failedOn, f.sourcePath, f.details,
        f.permanent === false ? 'Transient' : 'Permanent', `10000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`, 'DataIngestPull', false,
        f.errorCode, f.permanent === false,
      ]),
    };
  }
  const db = findDatabase(state, command.database);
  if (!db) throw KustoServerError.databaseNotFound(command.database);
  db.principals ??= [];
  if (command.op === 'addPrincipal') {
    const m = /^aadapp=([^;]+)(?:;(.+))?$/i.exec(command.fqn);
    if (!m) throw KustoServerError.badRequest(`The principal '${command.fqn}' could not be resolved.`);
    const role = `Database ${db.name} ${command.role}`;
    if (!db.principals.some((p) => p.role === role && p.fqn.toLowerCase() === command.fqn.toLowerCase())) {
      db.principals.push({ role, type: 'AAD Application', displayName: m[1], objectId: m[1].toLowerCase(), fqn: command.fqn });
    }
  }
  return {
    columns: [...PRINCIPAL_COLUMNS],
    rows: db.principals.map((p) => [p.role, p.type, p.displayName, p.objectId, p.fqn, '']),
  };
}

/** `.add` changes the database: a read-only token is refused. */
export function isReadinessWrite(command: ReadinessCommand): boolean {
  return command.op === 'addPrincipal';
}
