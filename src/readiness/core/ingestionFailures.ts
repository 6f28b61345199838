// Kusto's ingestion failure codes, mapped to the readiness step that explains
// them. The codes and their categories are those of the Azure Data Explorer
// "Ingestion error codes" page (https://learn.microsoft.com/azure/data-explorer/error-codes);
// only the ones a managed-identity check can explain are mapped, the rest are
// named as out of its reach. `explainFailure` takes a code or a whole message
// (`.show ingestion failures`' Details, an SDK exception text).
import type { StepId } from './model';

export interface FailureExplanation {
  readonly code: string;
  /** The step whose verdict explains it; undefined when the check cannot. */
  readonly step?: StepId;
  readonly category: string;
  readonly permanent: boolean;
  /** What the code means for a managed-identity ingestion, in words. */
  readonly meaning: string;
}

interface Known {
  readonly step?: StepId;
  readonly category: string;
  readonly permanent: boolean;
  readonly meaning: string;
}

const KNOWN: Readonly<Record<string, Known>> = {
  Download_Forbidden: {
    step: 'role', category: 'DataAccessNotAuthorized', permanent: true,
    meaning: 'Storage refused the download: the identity lacks a data role on the account (Storage Blob Data Reader), a new role has not applied yet, or the storage firewall blocks the cluster (see the firewall step).',
  },
  Download_AccountNotFound: {
    step: 'role', category: 'DataAccessNotAuthorized', permanent: true,
    meaning: 'The storage account was not found: it is missing, misspelt, disabled, or in another tenant.',
  },
  Download_AccessConditionNotSatisfied: {
    step: 'role', category: 'DataAccessNotAuthorized', permanent: true,
    meaning: 'An access condition was not met: a role assignment condition (ABAC) or a changed blob.',
  },
  BadRequest_InvalidAuthentication: {
    step: 'uri', category: 'DataAccessNotAuthorized', permanent: true,
    meaning: 'The authentication in the URI is not valid: check the ";managed_identity=" suffix (system or an object id).',
  },
  BadRequest_InvalidManagedIdentity: {
    step: 'identity', category: 'BadRequest', permanent: true,
    meaning: 'The managed identity does not exist on the cluster or lacks the permissions: assign it to the cluster, allow the usage in the managed_identity policy, and use its object id (not its client id).',
  },
  Download_SourceNotFound: {
    step: 'uri', category: 'BadRequest', permanent: true,
    meaning: 'The blob was not found at the URI: check the container and path (it may have been deleted, for example by DeleteSourceOnSuccess of an earlier ingestion).',
  },
  BadRequest_InvalidBlobUri: { step: 'uri', category: 'BadRequest', permanent: true, meaning: 'The blob URI is not valid.' },
  BadRequest_EmptyBlobUri: { step: 'uri', category: 'BadRequest', permanent: true, meaning: 'The blob URI is empty.' },
  BadRequest_EmptyBlob: {
    step: 'size', category: 'BadRequest', permanent: true,
    meaning: 'The blob is empty, or the size passed was 0 where the SDK needed the real size.',
  },
  Download_BadRequest: { step: 'uri', category: 'DownloadFailed', permanent: true, meaning: 'Storage rejected the download request.' },
  Download_NotTransient: { step: 'network', category: 'DownloadFailed', permanent: true, meaning: 'The download failed permanently: often the storage firewall or a disabled account.' },
  Download_UnknownError: { step: 'network', category: 'DownloadFailed', permanent: false, meaning: 'The download failed for an unknown reason; retrying may succeed. Check the storage firewall.' },
  Download_TransientNameResolutionFailure: { step: 'network', category: 'DownloadFailed', permanent: false, meaning: 'The storage account name could not be resolved (for now).' },
  BadRequest_DatabaseAccessDenied: { step: 'principal', category: 'DataAccessNotAuthorized', permanent: true, meaning: 'Access to the database was denied to the principal the flow runs as.' },
  BadRequest_TableAccessDenied: { step: 'principal', category: 'DataAccessNotAuthorized', permanent: true, meaning: 'Access to the table was denied to the principal the flow runs as.' },
  Forbidden: { step: 'principal', category: 'UserAccessNotAuthorized', permanent: true, meaning: 'The principal lacks the security permissions to run the request.' },
  BadRequest_FileTooLarge: { category: 'FileTooLarge', permanent: true, meaning: 'The blob is larger than the ingestion limit.' },
  BadRequest_NoRecordsOrWrongFormat: { category: 'BadRequest', permanent: true, meaning: 'The blob is empty or its format does not match the ingestion format.' },
  General_RetryAttemptsExceeded: { category: 'RetryAttemptsExceeded', permanent: true, meaning: 'A transient error recurred until the retry limit: retrying the ingestion may succeed.' },
};

/** Codes look like `Download_Forbidden`, `BadRequest_InvalidManagedIdentity`, `Forbidden`. */
const CODE = /\b((?:Download|BadRequest|Stream|General|UpdatePolicy|Schema|BlobAlreadyReceived)_[A-Za-z_]+|Forbidden)\b/g;

export function knownFailureCodes(): string[] {
  return Object.keys(KNOWN);
}

/** The first failure code in `text` (a code or a message), explained; undefined when it holds none. */
export function explainFailure(text: string): FailureExplanation | undefined {
  const found = [...text.matchAll(CODE)].map((m) => m[1]);
  // Prefer a code the check knows, then any code.
  const code = found.find((c) => KNOWN[c] !== undefined) ?? found.find((c) => c !== 'Forbidden');
  if (!code) return undefined;
  const known = KNOWN[code];
  if (known) return { code, ...known };
  return {
    code, category: code.split('_')[0], permanent: true,
    meaning: 'This failure is not about the managed identity or storage access (format, mapping, schema or service error): the readiness check cannot explain it.',
  };
}
