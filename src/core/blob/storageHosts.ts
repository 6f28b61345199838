// Azure Storage host names the finders recognise. Kept as plain data so the
// CLI pre-filter, the finder and the hover agree on one list.

export type StorageService = 'blob' | 'dfs';

/** DNS suffixes that follow `<account>.blob.` / `<account>.dfs.` in each cloud. */
export const CLOUD_SUFFIXES: readonly string[] = [
  'core.windows.net',
  'core.usgovcloudapi.net',
  'core.chinacloudapi.cn',
];

/**
 * Suffix of the Azure DNS-zone endpoints (`<account>.z<NN>.blob.storage.azure.net`);
 * only valid together with the `z<NN>` label.
 */
export const DNS_ZONE_SUFFIX = 'storage.azure.net';

/**
 * Literal strings every storage URI the finder reports contains. Searching for
 * them first (indexOf) keeps the scan at memory speed: the parser only runs
 * around a hit.
 */
export const STORAGE_HOST_ANCHORS: readonly string[] = ['.blob.', '.dfs.'];

/** Azurite / storage-emulator account: its well-known key is public, never a finding. */
export const EMULATOR_ACCOUNT = 'devstoreaccount1';

/** The emulator's published account key (https://learn.microsoft.com/azure/storage/common/storage-use-azurite). */
export const EMULATOR_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
