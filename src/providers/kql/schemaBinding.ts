// Which cluster and database each KQL file is written for: chosen with "Use
// for This File" in the Clusters view (remembered per workspace), or read from
// a `// cluster: ... database: ...` header. The database's schema is loaded
// through the extension's Kusto client (auth, retries and timeouts as for the
// tree) and handed to the language server, which then completes tables and
// columns and reports unknown names. A status-bar item shows the binding.
//
// Only clusters listed in the Clusters view are ever contacted: a header in a
// file from anywhere must not make the extension send a token to its host.
import * as vscode from 'vscode';
import { bindingFromHeader, bindingLabel, type KqlBinding } from '../../core/kql/bindingHeader';
import { parseDatabaseSchema, type DatabaseSchema } from '../../core/kql/databaseSchema';
import type { Ctx } from '../../ctx';
import { describeError } from '../../log';
import { Disposable } from '../../util/dispose';
import type { ManagedIdentityPolicyApi } from '../../clients/kusto/api';
import type { KqlLanguageClient } from './languageClient';

const STATE_KEY = 'kustoMi.kql.bindings';

export interface SchemaSource {
  /** The Kusto client of a cluster in the Clusters view (throws when auth cannot work). */
  client(url: string): ManagedIdentityPolicyApi;
}

const normalise = (url: string) => url.trim().replace(/\/+$/, '').toLowerCase();
const keyOf = (b: KqlBinding) => `${normalise(b.cluster)}|${b.database.toLowerCase()}`;

export class SchemaBindings extends Disposable {
  private readonly status = this._register(vscode.window.createStatusBarItem('kustoMi.kql.binding', vscode.StatusBarAlignment.Right, 100));
  /** What the server was last told per document (binding key, '' for none). */
  private readonly sent = new Map<string, string>();
  private readonly schemas = new Map<string, Promise<DatabaseSchema | undefined>>();
  /** Bindings of untitled documents: their names are reused, so they are never stored. */
  private readonly untitled = new Map<string, KqlBinding>();

  constructor(private readonly ctx: Ctx, private readonly client: KqlLanguageClient, private readonly source: SchemaSource) {
    super();
    this.status.name = vscode.l10n.t('KQL database');
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.refresh(d)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => {
      // Only an edit in the header can change the binding.
      if (e.contentChanges.some((c) => c.range.start.line < 20)) this.refresh(e.document);
    }));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => {
      this.sent.delete(d.uri.toString());
      this.untitled.delete(d.uri.toString());
    }));
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.updateStatus()));
    this._register(ctx.config.onDidChange((keys) => {
      // A restarted language server (kql.languageService) needs the schemas again.
      if (keys.has('clusters') || keys.has('auth.method') || keys.has('kql.languageService')) {
        this.schemas.clear();
        this.sent.clear();
        vscode.workspace.textDocuments.forEach((d) => this.refresh(d));
      }
    }));
    setTimeout(() => vscode.workspace.textDocuments.forEach((d) => this.refresh(d)), 0);
  }

  /** "Use for This File": binds the document to the database, whatever its header says. */
  async use(document: vscode.TextDocument, binding: KqlBinding): Promise<void> {
    const uri = document.uri.toString();
    if (document.isUntitled) this.untitled.set(uri, binding);
    else await this.ctx.extensionContext.workspaceState.update(STATE_KEY, { ...this.stored(), [uri]: binding });
    await this.refresh(document);
  }

  bindingOf(document: vscode.TextDocument): KqlBinding | undefined {
    const uri = document.uri.toString();
    return (document.isUntitled ? this.untitled.get(uri) : this.stored()[uri]) ?? bindingFromHeader(document.getText());
  }

  private stored(): Record<string, KqlBinding> {
    return this.ctx.extensionContext.workspaceState.get<Record<string, KqlBinding>>(STATE_KEY, {});
  }

  private known(binding: KqlBinding): boolean {
    return this.ctx.config.clusters.some((c) => normalise(c.url) === normalise(binding.cluster));
  }

  async refresh(document: vscode.TextDocument): Promise<void> {
    if (document.languageId !== 'kusto') return;
    const binding = this.bindingOf(document);
    const usable = binding && this.known(binding) ? binding : undefined;
    const key = usable ? keyOf(usable) : '';
    const uri = document.uri.toString();
    this.updateStatus();
    if ((this.sent.get(uri) ?? '') === key) return;
    this.sent.set(uri, key);
    const schema = usable ? await this.schema(usable) : undefined;
    if (this.sent.get(uri) !== key) return; // rebound meanwhile
    await this.client.setSchema(document, schema ?? null);
  }

  private schema(binding: KqlBinding): Promise<DatabaseSchema | undefined> {
    const key = keyOf(binding);
    let loading = this.schemas.get(key);
    if (!loading) {
      loading = (async () => {
        try {
          const json = await this.source.client(binding.cluster).getDatabaseSchemaJson(binding.database);
          const schema = parseDatabaseSchema(json, binding.database);
          this.ctx.log.info(`KQL: loaded the schema of ${bindingLabel(binding)} (${schema?.tables.length ?? 0} tables)`);
          return schema;
        } catch (e) {
          this.schemas.delete(key); // try again next time
          this.ctx.log.warn(`KQL: could not load the schema of ${bindingLabel(binding)}: ${describeError(e)}`);
          return undefined;
        }
      })();
      this.schemas.set(key, loading);
    }
    return loading;
  }

  private updateStatus(): void {
    const document = vscode.window.activeTextEditor?.document;
    const binding = document?.languageId === 'kusto' ? this.bindingOf(document) : undefined;
    if (!binding) {
      this.status.hide();
      return;
    }
    const known = this.known(binding);
    this.status.text = `$(database) ${bindingLabel(binding)}`;
    this.status.tooltip = known
      ? vscode.l10n.t('KQL database for this file: {0} on {1}', binding.database, binding.cluster)
      : vscode.l10n.t('{0} is not in the Clusters view: add it there to load its schema', binding.cluster);
    this.status.backgroundColor = known ? undefined : new vscode.ThemeColor('statusBarItem.warningBackground');
    this.status.show();
  }
}
