// Hover text for a `sql-password` or `cosmos-account-key` finding, in the
// order of the SAS hover: what the connection string reaches (server and
// database, or Cosmos DB account), the flow and the policy usage it needs, and
// the fix; the details after. The password and the key never appear: only the
// names of the segments that hold them.
import type { RuleId } from '../findings';
import type { ManagedIdentityUsage } from '../kql/usages';
import { sqlConnectionStringAt, type SqlConnectionString } from './sqlConnectionStrings';

const SERVER_KEYS = ['server', 'data source', 'address', 'addr', 'network address', 'host'];
const DATABASE_KEYS = ['initial catalog', 'database'];
const SECRET_KEYS = new Set(['password', 'pwd', 'accountkey']);
const USER_KEYS = new Set(['user id', 'userid', 'uid', 'user', 'username', 'user name']);

/** Inline code for a value from the file: one line, bounded, no backticks to break out of the span. */
function code(value: string): string {
  const clean = value.replace(/[`\r\n\t]/g, ' ').trim();
  return `\`${clean.length > 120 ? `${clean.slice(0, 117)}...` : clean}\``;
}

function valueOf(c: SqlConnectionString, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const segment = c.segments.find((s) => s.key === key && s.value !== '');
    if (segment) return segment.value;
  }
  return undefined;
}

/** `contoso` from `https://contoso.documents.azure.com:443/`. */
function cosmosAccount(endpoint: string): string | undefined {
  try {
    const host = new URL(endpoint).hostname;
    return host.split('.')[0] || undefined;
  } catch {
    return undefined;
  }
}

function flowPhrase(c: SqlConnectionString, usage: ManagedIdentityUsage | undefined): string {
  const where = c.plugin ? `the ${code(c.plugin)} plugin` : 'a `kind=sql` external table';
  if (!usage) return `${where}: allow the usage its command needs in the managed_identity policy`;
  return `${where} — allow ${code(usage)} in the managed_identity policy`;
}

/** Markdown for the finding that starts at `offset` in `text`; undefined when no connection string holds it. */
export function renderSqlSecretHover(text: string, offset: number, ruleId: RuleId, usage: ManagedIdentityUsage | undefined): string | undefined {
  const c = sqlConnectionStringAt(text, offset);
  if (!c) return undefined;
  const cosmos = ruleId === 'cosmos-account-key' || c.target === 'cosmos';
  const secret = ruleId === 'cosmos-account-key' ? 'account key' : 'password';
  const lines: string[] = [];
  if (cosmos) {
    const endpoint = valueOf(c, ['accountendpoint']);
    const account = endpoint ? cosmosAccount(endpoint) : undefined;
    const place = [account ? `account ${code(account)}` : '_account not given_'];
    const database = valueOf(c, ['database']);
    if (database) place.push(`database ${code(database)}`);
    const container = valueOf(c, ['collection', 'container']);
    if (container) place.push(`container ${code(container)}`);
    lines.push(`**Cosmos DB connection string** ${place.join(' / ')} — ${secret} in the query text`, '');
  } else {
    const server = valueOf(c, SERVER_KEYS);
    const database = valueOf(c, DATABASE_KEYS);
    const kind = c.target === 'password-only' ? `${c.plugin === 'mysql_request' ? 'MySQL' : 'PostgreSQL'} connection string` : 'SQL connection string';
    const place = [server ? `server ${code(server)}` : '_server not given_'];
    if (database) place.push(`database ${code(database)}`);
    lines.push(`**${kind}** ${place.join(' / ')} — ${secret} in the query text`, '');
  }
  lines.push(`- Flow: ${flowPhrase(c, usage)}`);
  if (c.target === 'password-only') {
    lines.push('- Fix: none with a managed identity (MySQL and PostgreSQL accept only a user name and password here): keep the password out of the query text, e.g. an obfuscated `h\'...\'` literal filled in at run time, and rotate it.');
  } else {
    const drop = c.segments.filter((s) => SECRET_KEYS.has(s.key) || USER_KEYS.has(s.key)).map((s) => code(s.key.replace(/\b\w/g, (ch) => ch.toUpperCase())));
    const grant = cosmos
      ? 'grant the identity a Cosmos DB data-plane role (e.g. Cosmos DB Built-in Data Reader) on the account'
      : 'create a database user for the identity (`CREATE USER [<identity name>] FROM EXTERNAL PROVIDER`)';
    lines.push(`- Fix: \`Authentication="Active Directory Managed Identity"\` (add \`;User Id=<object id>\` for a user-assigned identity) instead of ${[...new Set(drop)].join(', ') || 'the credentials'}; ${grant}; then rotate the ${secret === 'password' ? 'password' : 'key'}.`);
  }
  const details = [`- ${secret === 'password' ? 'Password' : 'AccountKey'}: \`***\``];
  if (c.pieces.length > 1) details.push(`- Split over ${c.pieces.length} adjacent literals`);
  lines.push('', '---', '', ...details);
  return lines.join('\n');
}
