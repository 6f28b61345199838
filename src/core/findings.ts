// The one shape every analyzer reports and every consumer (diagnostics, quick
// fixes, CLI formats) reads. Offsets are UTF-16 code-unit offsets into the text,
// as VS Code's `TextDocument.positionAt` and JavaScript strings count them.

import type { ManagedIdentityUsage } from './kql/usages';

export type RuleId =
  | 'sas-blob-uri'
  | 'sas-token'
  | 'storage-account-key'
  | 'storage-access-token'
  | 'sql-password'
  | 'cosmos-account-key'
  | 'mi-blob-size-missing'
  | 'kql-syntax';

export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface FindingFix {
  /** Shown as the quick fix's title. */
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** At most one fix per finding is preferred; fix-all and `cli --fix` apply it. */
  readonly isPreferred?: boolean;
  /** The managed identity the fix writes (`system` or an object id), for fixes that write one. */
  readonly identity?: string;
}

export interface Finding {
  readonly ruleId: RuleId;
  readonly start: number;
  readonly end: number;
  /** What is wrong and what to do, in words. Never contains a secret. */
  readonly message: string;
  /** Safe rewrites; empty when the analyzer does not understand the code well enough. */
  readonly fixes: readonly FindingFix[];
  /**
   * The `managed_identity` policy usage the managed-identity form needs, from
   * the flow the finding sits in (`.export` → ExportRequest, SDK code →
   * NativeIngestion); undefined when no flow is known.
   */
  readonly usage?: ManagedIdentityUsage;
}

export interface RuleInfo {
  readonly id: RuleId;
  readonly name: string;
  readonly shortDescription: string;
  readonly help: string;
}

export const RULES: Readonly<Record<RuleId, RuleInfo>> = {
  'sas-blob-uri': {
    id: 'sas-blob-uri',
    name: 'SasBlobUri',
    shortDescription: 'Azure Storage URI authorized with a SAS token',
    help: 'A SAS token in code is a secret (in a URI, in a storage connection string\'s SharedAccessSignature, or split across joined literals). Grant the Kusto cluster\'s managed identity "Storage Blob Data Reader" on the storage account (Contributor to export), allow the usage the command needs in the managed_identity policy (NativeIngestion for ingestion, ExternalTable, ExportRequest, ExternalDataRequest, ...), and replace the query with ";managed_identity=system" or ";managed_identity=<object id>".',
  },
  'sas-token': {
    id: 'sas-token',
    name: 'SasToken',
    shortDescription: 'Azure Storage SAS token in code, joined to a URI at run time',
    help: 'A string holding a SAS token (sv=...&sig=...) is a secret even before it is appended to a blob URI. Let Kusto read the blob with its managed identity instead: drop the token and append ";managed_identity=system" or ";managed_identity=<object id>" to the blob URI, allow the usage the command needs in the managed_identity policy, then revoke the SAS.',
  },
  'storage-account-key': {
    id: 'storage-account-key',
    name: 'StorageAccountKey',
    shortDescription: 'Azure Storage account key in code',
    help: 'An account key grants full access to the storage account. Let Kusto read the blob with its managed identity instead: use the blob URI with ";managed_identity=system" or ";managed_identity=<object id>" (for ADLS Gen2 too, instead of ";sharedkey=..."), then rotate the key.',
  },
  'storage-access-token': {
    id: 'storage-access-token',
    name: 'StorageAccessToken',
    shortDescription: 'Microsoft Entra access token appended to a storage URI',
    help: 'A ";token=" suffix carries a bearer token: anyone who reads it can use it until it expires. Let Kusto use its managed identity instead: replace the suffix with ";managed_identity=system" or ";managed_identity=<object id>".',
  },
  'sql-password': {
    id: 'sql-password',
    name: 'SqlPassword',
    shortDescription: 'Password in a SQL connection string of a Kusto command',
    help: 'A SQL password in sql_request, cosmosdb_sql_request or a kind=sql external table is a secret in the query text. Use Authentication="Active Directory Managed Identity" (with ";User Id=<object id>" for a user-assigned identity) and drop "User ID" and "Password"; allow SqlRequest or ExternalTable in the managed_identity policy. MySQL and PostgreSQL accept only passwords: keep them out of the query text.',
  },
  'cosmos-account-key': {
    id: 'cosmos-account-key',
    name: 'CosmosAccountKey',
    shortDescription: 'Cosmos DB account key in a Kusto command',
    help: 'An AccountKey in a cosmosdb_sql_request or Cosmos DB external table connection string grants full access to the account. Use Authentication="Active Directory Managed Identity";User Id=<object id> instead and allow SqlRequest or ExternalTable in the managed_identity policy, then rotate the key.',
  },
  'mi-blob-size-missing': {
    id: 'mi-blob-size-missing',
    name: 'ManagedIdentityBlobSizeMissing',
    shortDescription: 'Managed-identity blob ingested without a size',
    help: 'With a ";managed_identity=" blob URI the ingestion SDK cannot read the blob size from storage itself and the ingestion fails. Pass the raw (uncompressed) data size, or 0 to let the Kusto service discover it.',
  },
  'kql-syntax': {
    id: 'kql-syntax',
    name: 'KqlSyntaxError',
    shortDescription: 'KQL that Kusto\'s parser rejects',
    help: 'Kusto\'s own parser (Kusto.Language) cannot parse this query or management command (code KS...), so the cluster would reject it. Syntax only: table and column names are not checked without the cluster\'s schema. Blank lines separate the statements of a .kql, .csl or .kusto file; a statement holding a placeholder such as <TableName> is a template and is not checked.',
  },
};
