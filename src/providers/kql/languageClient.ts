// Starts the KQL language server (Kusto's parser, in a process of its own) on
// the first `kusto` document, never at activation: the client library is a
// lazy vendor bundle and the parser never loads into the extension host.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { DatabaseSchema } from '../../core/kql/databaseSchema';
import type { Ctx } from '../../ctx';
import { describeError } from '../../log';
import { applyAnswer, decideLanguageService, readRememberedChoice, type CoexistenceAnswer } from '../../core/kql/languageServiceChoice';

const KUSTO_LANGUAGE = 'kusto';
/** Global state key of the remembered answer to "another extension serves KQL files". */
const CHOICE_KEY = 'kustoMi.kql.languageServiceChoice';

/** Asks which language service to use; resolves to the button chosen, undefined when dismissed. Replaced in tests. */
export type AskCoexistence = (otherNames: string) => Promise<CoexistenceAnswer | undefined>;

const askWithNotification: AskCoexistence = async (otherNames) => {
  const leave = vscode.l10n.t('Leave to It');
  const ours = vscode.l10n.t('Use Kusto MI');
  const never = vscode.l10n.t("Don't Ask Again");
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t('{0} also provides a language service for KQL files. Leave completion, formatting and syntax errors to it, or use Kusto MI\'s (Kusto\'s own parser)? Managed-identity features stay on either way.', otherNames),
    leave, ours, never);
  return answer === leave ? 'leave' : answer === ours ? 'ours' : answer === never ? 'neverAsk' : undefined;
};

/** Other installed extensions that bring their own code for `kusto` files (kuskus, Kusto tools). */
export function otherKustoLanguageServices(ownId: string): vscode.Extension<unknown>[] {
  return vscode.extensions.all.filter((e) => {
    if (e.id === ownId) return false;
    const pkg = e.packageJSON as { main?: string; contributes?: { languages?: Array<{ id?: string }> }; activationEvents?: string[] };
    const claimsKusto = (pkg.contributes?.languages ?? []).some((l) => l.id === KUSTO_LANGUAGE);
    return claimsKusto && (!!pkg.main && (pkg.activationEvents ?? []).includes(`onLanguage:${KUSTO_LANGUAGE}`));
  });
}

const isKusto = (editor: vscode.TextEditor) => editor.document.languageId === KUSTO_LANGUAGE;
const lineRanges = (editor: vscode.TextEditor) => editor.visibleRanges.map((r) => ({ startLine: r.start.line, endLine: r.end.line }));

export class KqlLanguageClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<void> | undefined;
  private declined = false;
  private readonly listeners: vscode.Disposable[];

  constructor(private readonly ctx: Ctx, private readonly ask: AskCoexistence = askWithNotification) {
    this.listeners = [
      vscode.workspace.onDidOpenTextDocument((d) => this.onDocument(d)),
      vscode.window.onDidChangeTextEditorVisibleRanges(({ textEditor }) => {
        // The same method name as the server's VisibleRangesNotification (src/languageServer/server.ts).
        if (isKusto(textEditor) && this.client?.isRunning()) void this.client.sendNotification('kustoMi/visibleRanges', { uri: textEditor.document.uri.toString(), ranges: lineRanges(textEditor) });
      }),
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
    const others = otherKustoLanguageServices(this.ctx.extensionContext.extension.id);
    const state = this.ctx.extensionContext.globalState;
    const decision = decideLanguageService(this.ctx.config.kqlLanguageService, others.map((e) => e.id), readRememberedChoice(state.get(CHOICE_KEY)));
    if (decision.action === 'start') {
      this.starting = this.startLogged();
      return;
    }
    this.declined = true; // decided (or asked) once per session
    if (decision.action === 'stepAside') {
      if (decision.note) this.ctx.log.info(decision.note);
      return;
    }
    // Asked, not decided silently; until the answer, the other extension serves the file alone.
    const names = others.map((e) => (e.packageJSON as { displayName?: string }).displayName ?? e.id).join(', ');
    // Not `starting`: a binding's schema does not wait for an answer that may never come.
    void this.ask(names).then(async (answer) => {
      const { start, remember } = applyAnswer(answer, decision.others);
      if (remember) await state.update(CHOICE_KEY, remember);
      this.ctx.log.info(start
        ? `KQL language service: Kusto MI's, next to ${decision.others.join(', ')} (as chosen).`
        : `KQL language service left to ${decision.others.join(', ')} (as chosen); managed-identity features stay on.`);
      if (start) {
        this.starting = this.startLogged();
        await this.starting;
      }
    }, (e) => this.ctx.log.error(`The KQL language service question failed: ${describeError(e)}`, e));
  }

  private startLogged(): Promise<void> {
    return this.start().catch((e) => this.ctx.log.error(`The KQL language server did not start: ${describeError(e)}`, e));
  }

  private async start(): Promise<void> {
    const { LanguageClient, TransportKind } = await import('vscode-languageclient/node');
    const module = vscode.Uri.joinPath(this.ctx.extensionUri, 'dist', 'languageServer.js').fsPath;
    const client = new LanguageClient('kustoMi.kql', vscode.l10n.t('Kusto Managed Identity: KQL'), {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc },
    }, {
      documentSelector: [{ language: KUSTO_LANGUAGE, scheme: 'file' }, { language: KUSTO_LANGUAGE, scheme: 'untitled' }],
      // What the editors show, so the server diagnoses those blocks first (see VisibleRangesNotification).
      initializationOptions: { visibleRanges: Object.fromEntries(vscode.window.visibleTextEditors.filter(isKusto).map((e) => [e.document.uri.toString(), lineRanges(e)])) },
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
