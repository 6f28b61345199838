// For any Azure SDK client over http to a loopback test server: the SDK's
// own bearerTokenAuthenticationPolicy throws for http:// URLs even with
// `allowInsecureConnection`, so loopback test servers (the only http endpoints
// armEndpointSettings accepts) get a plain one. Typed structurally, because
// each SDK package may bring its own copy of @azure/core-rest-pipeline.
import type { TokenCredential } from '@azure/core-auth';

interface RequestLike {
  readonly headers: { set(name: string, value: string): void };
  readonly abortSignal?: AbortSignal;
}

interface PipelineLike {
  removePolicy(options: { name: string }): unknown;
  addPolicy(policy: { name: string; sendRequest(request: RequestLike, next: (request: RequestLike) => Promise<unknown>): Promise<unknown> }): void;
}

export function useLoopbackBearer(pipeline: unknown, credential: TokenCredential, scope: string): void {
  const p = pipeline as PipelineLike;
  p.removePolicy({ name: 'bearerTokenAuthenticationPolicy' });
  p.addPolicy({
    name: 'loopbackBearerPolicy',
    async sendRequest(request, next) {
      const token = await credential.getToken(scope, { abortSignal: request.abortSignal });
      if (token) request.headers.set('authorization', `Bearer ${token.token}`);
      return next(request);
    },
  });
}
