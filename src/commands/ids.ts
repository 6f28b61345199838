// Command ids, exactly as contributed in package.json.
export const CommandIds = {
  showLog: 'kustoMi.showLog',
  addCluster: 'kustoMi.addCluster',
  removeCluster: 'kustoMi.removeCluster',
  refresh: 'kustoMi.refresh',
  convertWorkspace: 'kustoMi.convertWorkspaceSasUris',
  signIn: 'kustoMi.signIn',
  discoverClusters: 'kustoMi.discoverClusters',
  retry: 'kustoMi.retry',
  copyObjectId: 'kustoMi.copyObjectId',
  copyManagedIdentitySuffix: 'kustoMi.copyManagedIdentitySuffix',
  openPolicyJson: 'kustoMi.openPolicyJson',
  allowUsages: 'kustoMi.allowUsages',
  removeUsage: 'kustoMi.removeUsage',
  removePolicyEntry: 'kustoMi.removePolicyEntry',
  checkReadiness: 'kustoMi.checkReadiness',
  useDatabaseForFile: 'kustoMi.kql.useDatabaseForFile',
} as const;
