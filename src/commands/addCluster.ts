import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { validateClusterUrl } from '../core/clusterUrl';
import type { Command } from './commandManager';
import { CommandIds } from './ids';

/** Asks for a cluster URL (validated as typed) and an optional name, then saves both in `kustoMi.clusters`. */
export class AddClusterCommand implements Command {
  readonly id = CommandIds.addCluster;
  constructor(private readonly ctx: Ctx) {}

  async execute(url?: unknown): Promise<string | undefined> {
    const existing = this.ctx.config.clusters;
    const input = typeof url === 'string' ? url : await vscode.window.showInputBox({
      title: 'Add Kusto cluster',
      prompt: 'Cluster URL, for example https://mycluster.westeurope.kusto.windows.net',
      placeHolder: 'https://<cluster>.<region>.kusto.windows.net',
      ignoreFocusOut: true,
      validateInput: (value) => validateClusterUrl(value, existing.map((c) => c.url)).error,
    });
    if (input === undefined) return undefined;
    const result = validateClusterUrl(input, existing.map((c) => c.url));
    if (result.error || !result.url) {
      void vscode.window.showErrorMessage(`Cannot add the cluster: ${result.error}`);
      return undefined;
    }
    await this.ctx.config.setClusters([...existing, { url: result.url }]);
    this.ctx.log.info(`Added cluster ${result.url}`);
    return result.url;
  }
}
