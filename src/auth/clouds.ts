// Which Azure cloud to sign in to, and where its Resource Manager lives. The
// Azure extensions' own setting `microsoft-sovereign-cloud.environment` wins
// over `kustoMi.cloud`, so a user who picked a cloud once is not asked again.
// Pure: the extension and the CLI share it.

export type CloudName = 'AzureCloud' | 'AzureUSGovernment' | 'AzureChinaCloud' | 'custom';

export interface CloudInfo {
  readonly name: CloudName;
  /** Microsoft Entra login host, for @azure/identity's `authorityHost`. */
  readonly authorityHost: string;
  readonly armEndpoint: string;
  /** The Kusto resource's scope in that cloud (what `.default` tokens are asked for). */
  readonly kustoScope: string;
  /** VS Code authentication provider: `microsoft` for the public cloud, `microsoft-sovereign-cloud` otherwise. */
  readonly vscodeProviderId: 'microsoft' | 'microsoft-sovereign-cloud';
}

/** `microsoft-sovereign-cloud.customEnvironment`, as the built-in Microsoft authentication extension reads it. */
export interface CustomEnvironment {
  readonly activeDirectoryEndpointUrl?: string;
  readonly resourceManagerEndpointUrl?: string;
  readonly kustoScope?: string;
}

const KNOWN: Record<Exclude<CloudName, 'custom'>, Omit<CloudInfo, 'vscodeProviderId'>> = {
  AzureCloud: {
    name: 'AzureCloud',
    authorityHost: 'https://login.microsoftonline.com',
    armEndpoint: 'https://management.azure.com',
    kustoScope: 'https://kusto.kusto.windows.net/.default',
  },
  AzureUSGovernment: {
    name: 'AzureUSGovernment',
    authorityHost: 'https://login.microsoftonline.us',
    armEndpoint: 'https://management.usgovcloudapi.net',
    kustoScope: 'https://kusto.kusto.usgovcloudapi.net/.default',
  },
  AzureChinaCloud: {
    name: 'AzureChinaCloud',
    authorityHost: 'https://login.chinacloudapi.cn',
    armEndpoint: 'https://management.chinacloudapi.cn',
    kustoScope: 'https://kusto.kusto.chinacloudapi.cn/.default',
  },
};

/** Values of `microsoft-sovereign-cloud.environment` (empty or unset: the public cloud). */
const SOVEREIGN_VALUES: Record<string, CloudName> = {
  ChinaCloud: 'AzureChinaCloud',
  USGovernment: 'AzureUSGovernment',
  custom: 'custom',
};

export interface CloudSettings {
  /** `kustoMi.cloud`. */
  readonly cloud?: string;
  /** `microsoft-sovereign-cloud.environment`. */
  readonly sovereignEnvironment?: string;
  readonly customEnvironment?: CustomEnvironment;
}

export function resolveCloud(settings: CloudSettings): CloudInfo {
  const sovereign = settings.sovereignEnvironment ? SOVEREIGN_VALUES[settings.sovereignEnvironment] : undefined;
  const name: CloudName = sovereign ?? (isCloudName(settings.cloud) ? settings.cloud : 'AzureCloud');
  const vscodeProviderId = name === 'AzureCloud' ? 'microsoft' : 'microsoft-sovereign-cloud';
  if (name !== 'custom') return { ...KNOWN[name], vscodeProviderId };
  const custom = settings.customEnvironment ?? {};
  return {
    name,
    authorityHost: trimSlash(custom.activeDirectoryEndpointUrl) ?? KNOWN.AzureCloud.authorityHost,
    armEndpoint: trimSlash(custom.resourceManagerEndpointUrl) ?? KNOWN.AzureCloud.armEndpoint,
    kustoScope: custom.kustoScope ?? KNOWN.AzureCloud.kustoScope,
    vscodeProviderId,
  };
}

/** `<endpoint>/.default` for an ARM endpoint. */
export function armScope(armEndpoint: string): string {
  return `${new URL(armEndpoint).origin}/.default`;
}

function isCloudName(value: string | undefined): value is CloudName {
  return value === 'AzureCloud' || value === 'AzureUSGovernment' || value === 'AzureChinaCloud' || value === 'custom';
}

function trimSlash(url: string | undefined): string | undefined {
  return url ? url.replace(/\/+$/, '') : undefined;
}
