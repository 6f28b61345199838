// azure-kusto-data is loaded on the first cluster call, not at activation:
// the bundled SDK (msal, axios, mime-db) takes tens of milliseconds to load.
export type KustoSdk = typeof import('azure-kusto-data');

let loading: Promise<KustoSdk> | undefined;

export function loadKustoSdk(): Promise<KustoSdk> {
  loading ??= import('azure-kusto-data').catch((e: unknown) => {
    loading = undefined; // let a later call try again
    throw e;
  });
  return loading;
}
