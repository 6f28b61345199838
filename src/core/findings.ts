// The one shape every analyzer reports and every consumer (diagnostics, quick
// fixes, CLI formats) reads. Offsets are UTF-16 code-unit offsets into the text,
// as VS Code's `TextDocument.positionAt` and JavaScript strings count them.

export type RuleId = 'sas-blob-uri' | 'storage-account-key' | 'mi-blob-size-missing' | 'kql-syntax';

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
}

export interface Finding {
  readonly ruleId: RuleId;
  readonly start: number;
  readonly end: number;
  /** What is wrong and what to do, in words. Never contains a secret. */
  readonly message: string;
  /** Safe rewrites; empty when the analyzer does not understand the code well enough. */
  readonly fixes: readonly FindingFix[];
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
    help: 'A SAS token in code is a secret. Grant the Kusto cluster\'s managed identity "Storage Blob Data Reader" on the storage account, allow NativeIngestion in the managed_identity policy, and replace the query with ";managed_identity=system" or ";managed_identity=<object id>".',
  },
  'storage-account-key': {
    id: 'storage-account-key',
    name: 'StorageAccountKey',
    shortDescription: 'Azure Storage account key in code',
    help: 'An account key grants full access to the storage account. Let Kusto read the blob with its managed identity instead: use the blob URI with ";managed_identity=system" or ";managed_identity=<object id>".',
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
    help: 'Kusto\'s own parser (Kusto.Language) cannot parse this query or management command (code KS...), so the cluster would reject it. Syntax only: table and column names are not checked without the cluster\'s schema. Blank lines separate the statements of a .kql, .csl or .kusto file.',
  },
};
