// Read-only `kusto-mi-policies:` documents: the two sides of "Compare Policies
// with Cluster" (the live policies, and what the file would make of them),
// both written by the export so the diff shows only what differs.
import * as vscode from 'vscode';
import { Disposable } from '../util/dispose';

export const POLICY_SCRIPT_SCHEME = 'kusto-mi-policies';

export class PolicyScriptDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  private readonly contents = new Map<string, string>();

  /** A document holding `content` at `/<side>/<name>`; showing the same path again updates it. */
  put(side: string, name: string, content: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: POLICY_SCRIPT_SCHEME, path: `/${side}/${name}` });
    const key = uri.toString();
    const had = this.contents.has(key);
    this.contents.set(key, content);
    if (had) this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }
}
