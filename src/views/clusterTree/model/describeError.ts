// The words an error node shows. Client errors (KustoRequestError,
// ArmRequestError, AuthConfigError) already explain themselves and are
// scrubbed; anything else is scrubbed here. Never a token or SAS signature.
import { redactSecrets } from '../../../core/secrets/redact';

export type ErrorCategory = 'auth' | 'forbidden' | 'connection' | 'other';

export interface DescribedError {
  readonly message: string;
  readonly category: ErrorCategory;
  /** An auth error whose fix is signing in to this tenant. */
  readonly signInTenant?: string;
}

export function describeLoadError(error: unknown): DescribedError {
  const e = error as { name?: string; kind?: string; message?: string; tenantId?: unknown; details?: { signInTenant?: unknown } } | undefined;
  const message = redactSecrets(error instanceof Error ? error.message : String(error));
  if (e?.kind === 'unauthorized' || e?.name === 'AuthConfigError' || e?.name === 'CredentialUnavailableError') {
    const tenant = e.details?.signInTenant ?? e.tenantId;
    return { message, category: 'auth', ...(typeof tenant === 'string' ? { signInTenant: tenant } : {}) };
  }
  if (e?.kind === 'forbidden') return { message, category: 'forbidden' };
  if (e?.kind === 'unreachable' || e?.kind === 'connectionLost' || e?.kind === 'timeout') return { message, category: 'connection' };
  return { message, category: 'other' };
}

/** A cancelled load (node collapsed or refreshed) is not an error to show. */
export function isCancellation(error: unknown): boolean {
  const e = error as { name?: string; kind?: string } | undefined;
  return e?.name === 'CancelledLoadError' || e?.kind === 'cancelled';
}
