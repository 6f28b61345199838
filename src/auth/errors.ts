// Errors of the auth layer. Their messages say which setting to change; they
// never carry a token.

/** The auth settings cannot work for this endpoint (e.g. `none` with a remote cluster). */
export class AuthConfigError extends Error {
  override readonly name = 'AuthConfigError';
}

/**
 * No token without asking the user. Named like @azure/identity's error so the
 * Kusto and ARM error mappers treat it as "sign in again".
 */
export class SignInRequiredError extends Error {
  override readonly name = 'CredentialUnavailableError';
}

/** No session in the tenant a cluster belongs to: "Sign In to Another Tenant" signs in to exactly this one. */
export class TenantSignInRequiredError extends SignInRequiredError {
  constructor(readonly tenantId: string) {
    super(`Not signed in to the cluster's tenant ${tenantId}. Use "Sign In to Another Tenant" on this node.`);
  }
}
