// Command ids, exactly as contributed in package.json.
export const CommandIds = {
  showLog: 'kustoMi.showLog',
  addCluster: 'kustoMi.addCluster',
  removeCluster: 'kustoMi.removeCluster',
  refresh: 'kustoMi.refresh',
  convertWorkspace: 'kustoMi.convertWorkspaceSasUris',
} as const;
