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
