// Read-only JSON view of a policy (`kusto-mi-policy:` documents), as the
// service shows it. The content comes from the tree's cache (or a read), and
// is re-read when the tree changes.
import * as vscode from 'vscode';
import type { PolicyTarget } from '../../core/policy/model';
import { Disposable } from '../../util/dispose';
import { describeLoadError } from './model/describeError';
import { toServiceJson } from './model/policyJson';
import type { ClusterTreeModel } from './model/treeModel';

export const POLICY_SCHEME = 'kusto-mi-policy';

export function policyDocumentUri(clusterUrl: string, target: PolicyTarget): vscode.Uri {
  const host = new URL(clusterUrl).host.replace(/[:]/g, '_');
  const name = target.kind === 'cluster' ? 'cluster' : target.database.replace(/[\\/]/g, '_');
  const query = new URLSearchParams({ cluster: clusterUrl, ...(target.kind === 'database' ? { database: target.database } : {}) });
  return vscode.Uri.from({ scheme: POLICY_SCHEME, path: `/${host}/${name}.managed_identity.json`, query: query.toString() });
}

export class PolicyDocumentProvider extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly model: ClusterTreeModel, treeChanged: vscode.Event<unknown>) {
    super();
    this._register(treeChanged(() => {
      for (const doc of vscode.workspace.textDocuments) if (doc.uri.scheme === POLICY_SCHEME) this.changed.fire(doc.uri);
    }));
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const query = new URLSearchParams(uri.query);
    const clusterUrl = query.get('cluster') ?? '';
    const database = query.get('database');
    const cluster = this.model.cluster(clusterUrl);
    if (!cluster) return JSON.stringify({ error: `${clusterUrl} is not in the Clusters view.` }, null, 2);
    const target: PolicyTarget = database !== null ? { kind: 'database', database } : { kind: 'cluster' };
    try {
      return `${JSON.stringify(toServiceJson(await cluster.policy(target).get()), null, 2)}\n`;
    } catch (e) {
      return JSON.stringify({ error: describeLoadError(e).message }, null, 2);
    }
  }
}
