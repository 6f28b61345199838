// The KQL language server: Kusto's own parser (Kusto.Language) behind the
// Language Server Protocol, in a process of its own so that its ≈16 MB of code
// and ≈200 MB of heap never touch the extension host. Each blank-line-separated
// block is a statement of its own; see kqlDocument.ts.
import { TextDocuments, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadKustoLanguage } from '../kqlParser/loadKustoLanguage';
import type { KustoLanguage } from '../kqlParser/kustoApi';
import { toCompletionItems, toDiagnostic } from './convert';
import { KqlDocument } from './kqlDocument';

export interface ServerOptions {
  /** Where Kusto.Language is; found next to the bundle or in node_modules by default. */
  readonly kustoDir?: string;
}

/** Wires the features to a connection (stdio/IPC in the product, in-memory streams in tests). */
export function startKqlServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const states = new Map<string, KqlDocument>();
  let kusto: KustoLanguage | undefined;
  const language = () => (kusto ??= loadKustoLanguage(options.kustoDir));

  const stateOf = (doc: TextDocument): KqlDocument => {
    let state = states.get(doc.uri);
    if (!state) {
      state = new KqlDocument(language());
      states.set(doc.uri, state);
    }
    state.update(doc.getText());
    return state;
  };

  connection.onInitialize((): InitializeResult => ({
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: [' ', '.', '|', '('] },
      hoverProvider: true,
    },
    serverInfo: { name: 'Kusto Managed Identity KQL' },
  }));

  documents.onDidChangeContent(({ document }) => {
    const diagnostics = stateOf(document).syntaxErrors().map((e) => toDiagnostic(document, e));
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
  });

  documents.onDidClose(({ document }) => {
    states.delete(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  connection.onCompletion(({ textDocument, position }) => {
    const doc = documents.get(textDocument.uri);
    if (!doc) return [];
    const offset = doc.offsetAt(position);
    const { block, service } = stateOf(doc).serviceAt(offset);
    return toCompletionItems(doc, service.GetCompletionItems(offset - block.start), block.start);
  });

  connection.onHover(({ textDocument, position }) => {
    const doc = documents.get(textDocument.uri);
    if (!doc) return null;
    const offset = doc.offsetAt(position);
    const { block, service } = stateOf(doc).serviceAt(offset);
    const text = service.GetQuickInfo(offset - block.start)?.Text;
    // A string's quick info is "(literal) string": noise next to our own hovers on object ids and URIs.
    return text && !text.startsWith('(literal)') ? { contents: { kind: 'markdown', value: '```kusto\n' + text + '\n```' } } : null;
  });

  documents.listen(connection);
  connection.listen();
}
