// Which ARM endpoint to call and how. Plain http is allowed for loopback test
// servers only: the Azure SDK refuses to send a bearer token over http unless
// the client is created with `allowInsecureConnection`, and so do we.

export const PUBLIC_ARM_ENDPOINT = 'https://management.azure.com';

export interface ArmEndpointSettings {
  readonly endpoint: string;
  readonly allowInsecureConnection: boolean;
  /** Token scope: `<endpoint>/.default`; loopback servers stand in for the public cloud. */
  readonly scope: string;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export function armEndpointSettings(endpoint: string = PUBLIC_ARM_ENDPOINT): ArmEndpointSettings {
  const url = new URL(endpoint);
  const loopback = LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new Error(`The Azure Resource Manager endpoint must use https (plain http only on loopback): ${url.origin}`);
  }
  const origin = url.origin;
  return {
    endpoint: origin,
    allowInsecureConnection: url.protocol === 'http:',
    scope: loopback ? `${PUBLIC_ARM_ENDPOINT}/.default` : `${origin}/.default`,
  };
}
