// "Check Managed-Identity Ingestion Readiness": from the palette (the URI at
// the cursor, or the only one in the editor), from the code lens above a URI,
// or from an identity or database node of the Clusters view. It asks only for
// what it cannot infer: the URI, the cluster, the database, and the identity
// when the URI names none. The check itself runs in ReadinessController.
import * as vscode from 'vscode';
import type { Command } from '../../commands/commandManager';
import { CommandIds } from '../../commands/ids';
import { asNode } from '../../commands/nodeArgs';
import { describeStorageUri } from '../../core/blob/describeUri';
import { isGuid } from '../../core/identity';
import { redactSecrets } from '../../core/secrets/redact';
import { describeError } from '../../log';
import type { Prompts } from '../../ui/prompts';
import type { ClusterTreeProvider } from '../../views/clusterTree/clusterTreeProvider';
import type { ClusterModel } from '../../views/clusterTree/model/clusterModel';
import { DatabaseNode } from '../../views/clusterTree/model/nodes/databaseNode';
import { IdentityNode } from '../../views/clusterTree/model/nodes/identityNode';
import type { ReadinessReport } from '../core/model';
import { isLensTarget, readinessUriStarts } from './codeLens';
import type { ReadinessController } from './controller';
import { uriAround, uriAt, type UriLocation } from './request';

interface Pick<T> extends vscode.QuickPickItem {
  readonly value: T;
}

interface Blob {
  readonly uri: string;
  readonly location?: UriLocation;
}

export class CheckReadinessCommand implements Command {
  readonly id = CommandIds.checkReadiness;

  constructor(private readonly tree: ClusterTreeProvider, private readonly prompts: Prompts, private readonly controller: ReadinessController) {}

  async execute(arg?: unknown): Promise<ReadinessReport | undefined> {
    try {
      const node = asNode(arg);
      const blob = (isLensTarget(arg) ? await this.fromLens(arg.document, arg.start) : await this.fromEditor()) ?? await this.askUri();
      if (!blob) return undefined;
      const cluster = node?.cluster ?? await this.pickCluster();
      if (!cluster) return undefined;
      const database = node instanceof DatabaseNode ? node.name : await this.pickDatabase(cluster);
      if (!database) return undefined;
      const fromNode = node instanceof IdentityNode ? (node.isSystem ? 'system' : node.identity.objectId.toLowerCase()) : undefined;
      const named = describeStorageUri(blob.uri)?.authentication === 'managed-identity';
      const identity = fromNode ?? (named ? undefined : await this.pickIdentity(cluster));
      if (!named && identity === undefined) return undefined;
      return await this.controller.check({
        blobUri: blob.uri, cluster, database, ...(identity ? { identity } : {}), ...(blob.location ? { location: blob.location } : {}),
      });
    } catch (e) {
      this.prompts.error(`Could not check ingestion readiness: ${describeError(e)}`);
      return undefined;
    }
  }

  private async fromLens(documentUri: string, start: number): Promise<Blob | undefined> {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(documentUri));
    const at = uriAt(document.getText(), start);
    return at ? { uri: at.uri, location: { document: document.uri, start: at.start } } : undefined;
  }

  /** The URI under the cursor; else the only (or a picked) managed-identity or SAS URI of the active editor. */
  private async fromEditor(): Promise<Blob | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    const document = editor.document;
    const text = document.getText();
    const around = uriAround(text, document.offsetAt(editor.selection.active));
    if (around) return { uri: around.uri, location: { document: document.uri, start: around.start } };
    const starts = readinessUriStarts(text);
    if (starts.length === 0) return undefined;
    const candidates = starts.map((start) => uriAt(text, start)!).filter(Boolean);
    const chosen = candidates.length === 1 ? candidates[0] : (await this.prompts.pickOne(candidates.map((c) => ({
      label: `line ${document.positionAt(c.start).line + 1}`, description: redactSecrets(c.uri), value: c,
    })), { title: 'Check ingestion readiness: which blob URI?' }))?.value;
    return chosen ? { uri: chosen.uri, location: { document: document.uri, start: chosen.start } } : undefined;
  }

  async askUri(): Promise<Blob | undefined> {
    const typed = await this.prompts.input({
      title: 'Check ingestion readiness: blob URI',
      placeHolder: 'https://<account>.blob.core.windows.net/<container>/<path>;managed_identity=system',
      validateInput: (v) => (describeStorageUri(v.trim()) ? undefined : 'Enter an Azure Storage blob or ADLS URI.'),
    });
    return typed && describeStorageUri(typed.trim()) ? { uri: typed.trim() } : undefined;
  }

  /** Also used by Explain Ingestion Failure. */
  async pickCluster(): Promise<ClusterModel | undefined> {
    const clusters = this.tree.model.roots().map((n) => n.cluster);
    if (clusters.length === 0) {
      this.prompts.error('No Kusto cluster is configured: add one with "Kusto MI: Add Cluster…" first.');
      return undefined;
    }
    if (clusters.length === 1) return clusters[0];
    const pick = await this.prompts.pickOne(clusters.map((c) => ({ label: c.label, description: c.url, value: c })), { title: 'Check ingestion readiness: which cluster?' });
    return pick?.value;
  }

  async pickDatabase(cluster: ClusterModel): Promise<string | undefined> {
    const databases = await cluster.databases.get().catch(() => undefined);
    if (databases?.length === 1) return databases[0].name;
    if (!databases || databases.length === 0) {
      const typed = await this.prompts.input({ title: `Check ingestion readiness: database on ${cluster.label}`, placeHolder: 'Database name' });
      return typed?.trim() || undefined;
    }
    const pick = await this.prompts.pickOne(databases.map((d) => ({ label: d.name, description: d.prettyName, value: d.name })),
      { title: `Check ingestion readiness: which database of ${cluster.label}?` });
    return pick?.value;
  }

  /** The URI names no identity: which one would it use? */
  private async pickIdentity(cluster: ClusterModel): Promise<string | undefined> {
    const known = (await cluster.identities.get().catch(() => undefined))?.identities ?? [];
    const items: Pick<string>[] = [{ label: '$(server-process) System-assigned', description: 'system', value: 'system' }];
    for (const i of known) {
      if (i.kind === 'system' || !isGuid(i.objectId)) continue;
      items.push({ label: `$(account) ${i.displayName ?? i.objectId}`, description: i.objectId.toLowerCase(), value: i.objectId.toLowerCase() });
    }
    const pick = await this.prompts.pickOne(items, { title: 'The URI names no managed identity: check for which one?' });
    return pick?.value;
  }
}
