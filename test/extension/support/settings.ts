import * as vscode from 'vscode';

/** Sets a `kustoMi.*` user setting for the test and returns a function that restores it. */
export async function withSetting(key: string, value: unknown): Promise<() => Promise<void>> {
  const config = vscode.workspace.getConfiguration('kustoMi');
  const previous = config.inspect(key)?.globalValue;
  await config.update(key, value, vscode.ConfigurationTarget.Global);
  return async () => {
    await vscode.workspace.getConfiguration('kustoMi').update(key, previous, vscode.ConfigurationTarget.Global);
  };
}

export const INGEST_MI = {
  objectId: '6a5820b9-fdf6-4cc4-81b9-b416b444fd6d',
  displayName: 'ingest-mi',
  clientId: '0e5d2f4c-1111-4a7b-9c3d-2e1f0a9b8c7d',
};
