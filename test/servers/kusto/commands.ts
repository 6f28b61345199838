// The control commands the server understands, parsed from tokens and run
// against the cluster state. Anything else is a syntax error, as on the service.
import { createHash } from 'node:crypto';
import { KqlSyntaxError, tokenize, type Token } from './kqlLexer';
import { mergeEntries, parsePolicyLiteral } from './policyStore';
import { KustoServerError, type ColumnType, type ResultTable } from './responses';
import { findDatabase, type ClusterState, type StoredPolicyEntry } from './state';

export type Target = { readonly kind: 'cluster' } | { readonly kind: 'database'; readonly name: string };

export type Command =
  | { readonly op: 'showDatabases' }
  | { readonly op: 'showSchema'; readonly database: string }
  | { readonly op: 'query'; readonly table: string; readonly take?: number; readonly count: boolean }
  | { readonly op: 'showPolicy'; readonly target: Target }
  | { readonly op: 'alterPolicy'; readonly merge: boolean; readonly target: Target; readonly literal: string }
  | { readonly op: 'deletePolicy'; readonly target: Target }
  | { readonly op: 'cancelQuery'; readonly clientRequestId: string };

/** `grammar`: PolicyName, EntityName, Policy, ChildEntities, EntityType. `documented`: EntityName, Policies. */
export type PolicyColumns = 'grammar' | 'documented';

/** The few queries the server answers: `T`, `T | take N`, `T | count`, on the demo tables. */
const QUERY = /^\s*([A-Za-z_]\w*)\s*(?:\|\s*(?:(take|limit)\s+(\d+)|(count))\s*)?;?\s*$/;

export function parseCommand(csl: string): Command {
  const query = QUERY.exec(csl.replace(/^\s*\/\/[^\n]*(\n|$)/gm, ''));
  if (query) return { op: 'query', table: query[1], ...(query[3] ? { take: Number(query[3]) } : {}), count: !!query[4] };
  let tokens: Token[];
  try {
    tokens = tokenize(csl);
  } catch (e) {
    if (e instanceof KqlSyntaxError) throw KustoServerError.syntax(e.message);
    throw e;
  }
  const words = (t: Token) => (t.kind === 'command' || t.kind === 'ident' ? t.text : undefined);
  const at = (i: number) => (tokens[i] ? words(tokens[i]) : undefined);
  const syntax = (i: number): never => {
    throw KustoServerError.syntax(`[line:position=1:${i}] near token ${i}`);
  };
  const verb = at(0);
  if (verb === '.show' && at(1) === 'databases' && tokens.length === 2) return { op: 'showDatabases' };
  if (verb === '.cancel' && at(1) === 'query' && tokens[2]?.kind === 'string' && tokens.length === 3) return { op: 'cancelQuery', clientRequestId: tokens[2].text };
  if (verb !== '.show' && verb !== '.alter' && verb !== '.alter-merge' && verb !== '.delete') return syntax(0);

  let i = 1;
  let target: Target;
  if (at(i) === 'cluster') {
    target = { kind: 'cluster' };
    i++;
  } else if (at(i) === 'database' && tokens[i + 1] && (tokens[i + 1].kind === 'ident' || tokens[i + 1].kind === 'name')) {
    target = { kind: 'database', name: tokens[i + 1].text };
    i += 2;
  } else {
    return syntax(i);
  }
  if (verb === '.show' && target.kind === 'database' && at(i) === 'schema' && at(i + 1) === 'as' && at(i + 2) === 'json' && tokens.length === i + 3) {
    return { op: 'showSchema', database: target.name };
  }
  if (at(i) !== 'policy' || at(i + 1) !== 'managed_identity') return syntax(i);
  i += 2;
  if (verb === '.show' || verb === '.delete') {
    if (tokens.length !== i) return syntax(i);
    return verb === '.show' ? { op: 'showPolicy', target } : { op: 'deletePolicy', target };
  }
  const literal = tokens[i];
  if (literal?.kind !== 'string' || tokens.length !== i + 1) return syntax(i);
  return { op: 'alterPolicy', merge: verb === '.alter-merge', target, literal: literal.text };
}

export function isWriteCommand(command: Command): boolean {
  return command.op === 'alterPolicy' || command.op === 'deletePolicy';
}

export function executeCommand(command: Command, state: ClusterState, currentDb: string, columns: PolicyColumns): ResultTable {
  switch (command.op) {
    case 'showDatabases':
      return showDatabases(state, currentDb);
    case 'cancelQuery':
      throw new Error('.cancel query is answered by the server, which knows the running queries');
    case 'showSchema':
      return showSchema(state, command.database);
    case 'query':
      return runQuery(state, currentDb, command);
    case 'showPolicy':
      return policyTable(state, command.target, columns);
    case 'deletePolicy':
      setPolicy(state, command.target, null);
      return policyTable(state, command.target, columns);
    case 'alterPolicy': {
      getPolicy(state, command.target); // database must exist before the literal is judged
      const entries = parsePolicyLiteral(command.literal, state, command.target.kind);
      const next = command.merge ? mergeEntries(getPolicy(state, command.target) ?? [], entries) : entries;
      setPolicy(state, command.target, next);
      return policyTable(state, command.target, columns);
    }
  }
}

function getPolicy(state: ClusterState, target: Target): StoredPolicyEntry[] | null {
  if (target.kind === 'cluster') return state.clusterPolicy;
  const db = findDatabase(state, target.name);
  if (!db) throw KustoServerError.databaseNotFound(target.name);
  return db.policy;
}

function setPolicy(state: ClusterState, target: Target, policy: StoredPolicyEntry[] | null): void {
  if (target.kind === 'cluster') {
    state.clusterPolicy = policy;
    return;
  }
  const db = findDatabase(state, target.name);
  if (!db) throw KustoServerError.databaseNotFound(target.name);
  db.policy = policy;
}

function policyTable(state: ClusterState, target: Target, columns: PolicyColumns): ResultTable {
  const policy = getPolicy(state, target);
  const entityName = target.kind === 'cluster' ? '' : `[${target.name}]`;
  if (columns === 'documented') {
    return { columns: [{ name: 'EntityName', type: 'string' }, { name: 'Policies', type: 'dynamic' }], rows: [[entityName, policy]] };
  }
  const children = target.kind === 'cluster'
    ? state.databases.map((d) => `[${d.name}]`)
    : (findDatabase(state, target.name)?.tables ?? []).map((t) => `[${target.name}].[${t}]`);
  return {
    columns: [
      { name: 'PolicyName', type: 'string' }, { name: 'EntityName', type: 'string' }, { name: 'Policy', type: 'string' },
      { name: 'ChildEntities', type: 'string' }, { name: 'EntityType', type: 'string' },
    ],
    rows: [['ManagedIdentityPolicy', entityName, policy === null ? null : JSON.stringify(policy), JSON.stringify(children),
      target.kind === 'cluster' ? 'Cluster' : 'Database']],
  };
}

function stableGuid(text: string): string {
  const h = createHash('sha1').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function showDatabases(state: ClusterState, currentDb: string): ResultTable {
  return {
    columns: [
      { name: 'DatabaseName', type: 'string' }, { name: 'PersistentStorage', type: 'string' }, { name: 'Version', type: 'string' },
      { name: 'IsCurrent', type: 'bool' }, { name: 'DatabaseAccessMode', type: 'string' }, { name: 'PrettyName', type: 'string' },
      { name: 'ReservedSlot1', type: 'bool' }, { name: 'DatabaseId', type: 'guid' }, { name: 'InTransitionTo', type: 'string' },
      { name: 'SuspensionState', type: 'dynamic' },
    ],
    rows: state.databases.map((d) => [
      d.name, `https://kstrg${state.name}.blob.core.windows.net/${d.name.toLowerCase()}`, 'v32.1', d.name === currentDb,
      'ReadWrite', d.prettyName ?? null, false, stableGuid(`${state.name}/${d.name}`), '', null,
    ]),
  };
}

/** Columns of the demo tables (the state keeps table names only). */
const DEMO_COLUMNS: Record<string, [string, string][]> = {
  Events: [['Timestamp', 'datetime'], ['Name', 'string'], ['DeviceId', 'string'], ['Properties', 'dynamic']],
  Metrics: [['Timestamp', 'datetime'], ['Name', 'string'], ['Value', 'real']],
  Orders: [['OrderId', 'string'], ['Customer', 'string'], ['Amount', 'real'], ['OrderedAt', 'datetime']],
};

/** `.show database X schema as json`: one row, one column holding the schema document. */
function showSchema(state: ClusterState, name: string): ResultTable {
  const db = findDatabase(state, name);
  if (!db) throw KustoServerError.databaseNotFound(name);
  const tables = Object.fromEntries(db.tables.map((t) => [t, {
    Name: t,
    OrderedColumns: (DEMO_COLUMNS[t] ?? [['Timestamp', 'datetime'], ['Data', 'dynamic']]).map(([column, type]) => ({ Name: column, CslType: type })),
  }]));
  const schema = { Plugins: [], Databases: { [db.name]: { Name: db.name, Tables: tables, ExternalTables: {}, MaterializedViews: {}, Functions: {} } } };
  return { columns: [{ name: 'DatabaseSchema', type: 'string' }], rows: [[JSON.stringify(schema)]] };
}

/** Rows of a demo table: 1,500 of them, made up from the row number so every run sees the same data. */
const DEMO_ROWS = 1500;

function runQuery(state: ClusterState, currentDb: string, query: Extract<Command, { op: 'query' }>): ResultTable {
  const db = findDatabase(state, currentDb);
  if (!db) throw KustoServerError.databaseNotFound(currentDb);
  if (!db.tables.includes(query.table)) throw KustoServerError.syntax(`Failed to resolve table or column expression named '${query.table}'`);
  if (query.count) return { columns: [{ name: 'Count', type: 'long' }], rows: [[DEMO_ROWS]] };
  const columns = DEMO_COLUMNS[query.table] ?? [['Timestamp', 'datetime'], ['Data', 'dynamic']];
  const value = (type: string, i: number, column: string): unknown => {
    switch (type) {
      case 'datetime': return new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
      case 'real': return Math.round(((i * 37) % 1000) * 1.5) / 10;
      case 'dynamic': return { n: i };
      default: return `${column}-${i}`;
    }
  };
  const count = Math.min(query.take ?? DEMO_ROWS, DEMO_ROWS);
  return {
    columns: columns.map(([name, type]) => ({ name, type: type as ColumnType })),
    rows: Array.from({ length: count }, (_, i) => columns.map(([name, type]) => value(type, i, name))),
  };
}
