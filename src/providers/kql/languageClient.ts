// Starts the KQL language server (Kusto's parser, in a process of its own) on
// the first `kusto` document, never at activation: the client library is a
// lazy vendor bundle and the parser never loads into the extension host.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { DatabaseSchema } from '../../core/kql/databaseSchema';
import type { Ctx } from '../../ctx';
import { describeError } from '../../log';

const KUSTO_LANGUAGE = 'kusto';

/** Other installed extensions that bring their own code for `kusto` files (kuskus, Kusto tools). */
export function otherKustoLanguageServices(ownId: string): vscode.Extension<unknown>[] {
  return vscode.extensions.all.filter((e) => {
    if (e.id === ownId) return false;
    const pkg = e.packageJSON as { main?: string; contributes?: { languages?: Array<{ id?: string }> }; activationEvents?: string[] };
    const claimsKusto = (pkg.contributes?.languages ?? []).some((l) => l.id === KUSTO_LANGUAGE);
    return claimsKusto && (!!pkg.main && (pkg.activationEvents ?? []).includes(`onLanguage:${KUSTO_LANGUAGE}`));
  });
}

export class KqlLanguageClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<void> | undefined;
  private declined = false;
  private readonly listeners: vscode.Disposable[];

  constructor(private readonly ctx: Ctx) {
    this.listeners = [
      vscode.workspace.onDidOpenTextDocument((d) => this.onDocument(d)),
      ctx.config.onDidChange((keys) => {
        if (keys.has('kql.languageService')) void this.reconsider();
      }),
    ];
    // A KQL file open at activation starts the server afterwards, not inside activate().
    setTimeout(() => vscode.workspace.textDocuments.forEach((d) => this.onDocument(d)), 0);
  }

  /** Resolves once the server runs (or was not started: setting off, another service in charge). */
  get ready(): Promise<void> | undefined {
    return this.starting;
  }

  /** Binds the document to a database schema (null: unbound); starts the server for it if need be. */
  async setSchema(document: vscode.TextDocument, schema: DatabaseSchema | null): Promise<void> {
    this.onDocument(document);
    await this.starting;
    // The same method name as the server's SetSchemaNotification (src/languageServer/server.ts).
    await this.client?.sendNotification('kustoMi/setSchema', { uri: document.uri.toString(), schema });
  }

  private onDocument(document: vscode.TextDocument): void {
    if (this.starting || this.declined || document.languageId !== KUSTO_LANGUAGE) return;
    if (!this.wanted()) {
      this.declined = true; // decided once per session: the setting's note is logged once
      return;
    }
    this.starting = this.start().catch((e) => this.ctx.log.error(`The KQL language server did not start: ${describeError(e)}`, e));
  }

  private wanted(): boolean {
    const setting = this.ctx.config.kqlLanguageService;
    if (setting !== 'auto') return setting === 'on';
    const others = otherKustoLanguageServices(this.ctx.extensionContext.extension.id);
    if (others.length === 0) return true;
    this.ctx.log.info(`KQL language service left to ${others.map((e) => e.id).join(', ')} (setting kustoMi.kql.languageService is "auto"); managed-identity features stay on.`);
    return false;
  }

  private async start(): Promise<void> {
    const { LanguageClient, TransportKind } = await import('vscode-languageclient/node');
    const module = vscode.Uri.joinPath(this.ctx.extensionUri, 'dist', 'languageServer.js').fsPath;
    const client = new LanguageClient('kustoMi.kql', vscode.l10n.t('Kusto Managed Identity: KQL'), {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc },
    }, {
      documentSelector: [{ language: KUSTO_LANGUAGE, scheme: 'file' }, { language: KUSTO_LANGUAGE, scheme: 'untitled' }],
    });
    this.client = client;
    const started = performance.now();
    await client.start();
    this.ctx.log.info(`KQL language server started in ${Math.round(performance.now() - started)} ms`);
  }

  /** The setting changed: stop the server, then start it again if it is still wanted. */
  private async reconsider(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.starting = undefined;
    this.declined = false;
    await client?.dispose();
    vscode.workspace.textDocuments.forEach((d) => this.onDocument(d));
  }

  dispose(): void {
    this.listeners.forEach((l) => l.dispose());
    void this.client?.dispose();
  }
}
