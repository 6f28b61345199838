// The KQL language server: Kusto's own parser (Kusto.Language) behind the
// Language Server Protocol, in a process of its own so that its ≈16 MB of code
// and ≈200 MB of heap never touch the extension host. Each blank-line-separated
// block is a statement of its own; see kqlDocument.ts.
import { NotificationType, SymbolKind, TextDocuments, TextDocumentSyncKind, type Connection, type InitializeResult, type Position } from 'vscode-languageserver';
import { codeBlocks, type CodeBlock } from '../core/kql/codeBlocks';
import type { DatabaseSchema } from '../core/kql/databaseSchema';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadKustoLanguage } from '../kqlParser/loadKustoLanguage';
import type { GlobalState, KustoLanguage } from '../kqlParser/kustoApi';
import { toCompletionItems, toDiagnostic } from './convert';
import { KqlDocument } from './kqlDocument';

/** Longest stretch of parsing before the server publishes what it has and answers other requests. */
const SLICE_MS = 250;

export interface ServerOptions {
  /** Where Kusto.Language is; found next to the bundle or in node_modules by default. */
  readonly kustoDir?: string;
}

export interface SetSchemaParams {
  readonly uri: string;
  /** The bound database's schema, or null to unbind (syntax only). */
  readonly schema: DatabaseSchema | null;
}

/** Lines an editor shows, 0-based and inclusive. */
export interface LineRange {
  readonly startLine: number;
  readonly endLine: number;
}

/** The extension tells the server which lines of a document are in view (diagnosed first). */
export const VisibleRangesNotification = new NotificationType<{ readonly uri: string; readonly ranges: readonly LineRange[] }>('kustoMi/visibleRanges');

/** The extension tells the server which database schema a document is bound to. */
export const SetSchemaNotification = new NotificationType<SetSchemaParams>('kustoMi/setSchema');

/** Wires the features to a connection (stdio/IPC in the product, in-memory streams in tests). */
export function startKqlServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const states = new Map<string, KqlDocument>();
  let kusto: KustoLanguage | undefined;
  const language = () => (kusto ??= loadKustoLanguage(options.kustoDir));

  // Per document: the bound schema, and the globals built from it on first use.
  const bindings = new Map<string, { schema: DatabaseSchema; globals?: GlobalState }>();
  const globalsOf = (uri: string): GlobalState | undefined => {
    const binding = bindings.get(uri);
    if (binding) binding.globals ??= language().globalsFor(binding.schema);
    return binding?.globals;
  };

  const stateOf = (doc: TextDocument): KqlDocument => {
    let state = states.get(doc.uri);
    if (!state) {
      state = new KqlDocument(language());
      states.set(doc.uri, state);
    }
    state.setGlobals(globalsOf(doc.uri));
    state.update(doc.getText());
    return state;
  };

  // What each editor shows (lines), from the client: at start in the
  // initialization options, then as the user scrolls.
  const visibleRanges = new Map<string, readonly LineRange[]>();
  connection.onNotification(VisibleRangesNotification, ({ uri, ranges }) => { visibleRanges.set(uri, ranges); });

  const capabilities: InitializeResult = {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: [' ', '.', '|', '('] },
      hoverProvider: true,
      signatureHelpProvider: { triggerCharacters: ['(', ','], retriggerCharacters: [','] },
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      documentSymbolProvider: true,
    },
    serverInfo: { name: 'Kusto Managed Identity KQL' },
  };
  connection.onInitialize(({ initializationOptions }): InitializeResult => {
    const initial = (initializationOptions as { visibleRanges?: Record<string, LineRange[]> } | undefined)?.visibleRanges ?? {};
    for (const [uri, ranges] of Object.entries(initial)) visibleRanges.set(uri, ranges);
    return capabilities;
  });

  // Parsing a command takes Kusto.Language tens of milliseconds: a large file is
  // parsed in slices, publishing what is known after each, and yielding so that
  // completion and hover stay responsive. A newer version of the document stops
  // the older run; after a keystroke only the edited block is parsed again.
  const publishDiagnostics = async (document: TextDocument): Promise<void> => {
    const state = stateOf(document);
    const blocks = state.currentBlocks;
    // The blocks in view first: on a large file their errors are published
    // as soon as they are known, the rest follow in slices.
    const ranges = visibleRanges.get(document.uri) ?? [];
    const inView = (b: CodeBlock) => ranges.some((r) => b.startLine <= r.endLine && b.endLine >= r.startLine);
    const viewCount = blocks.filter(inView).length;
    const order = [...blocks.filter(inView), ...blocks.filter((b) => !inView(b))];
    let sliceStart = performance.now();
    const publish = () => {
      const errors = blocks.flatMap((b) => (state.isParsed(b) ? state.blockSyntaxErrors(b) : []));
      void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: errors.map((e) => toDiagnostic(document, e)) });
    };
    for (let i = 0; i < order.length; i++) {
      if (state.isParsed(order[i])) continue;
      state.blockSyntaxErrors(order[i]);
      const viewDone = i === viewCount - 1;
      if ((viewDone || performance.now() - sliceStart > SLICE_MS) && i < order.length - 1) {
        publish();
        await new Promise((r) => setImmediate(r));
        if (documents.get(document.uri)?.version !== document.version) return;
        sliceStart = performance.now();
      }
    }
    publish();
  };

  // Load Kusto.Language (≈0.3 s) while the client finishes starting, not on
  // the first document. Not a warm-up parse as well: measured, a tiny command
  // does not warm the paths a real one takes, and when the document follows
  // at once (as it does) the warm-up only delays its first diagnostics.
  connection.onInitialized(() => {
    setImmediate(() => {
      try {
        language();
      } catch (e) {
        connection.console.error(`Loading the KQL parser failed: ${String(e)}`);
      }
    });
  });

  documents.onDidChangeContent(({ document }) => {
    publishDiagnostics(document).catch((e) => connection.console.error(`KQL diagnostics failed: ${String(e)}`));
  });

  connection.onNotification(SetSchemaNotification, ({ uri, schema }) => {
    if (schema) bindings.set(uri, { schema });
    else bindings.delete(uri);
    const document = documents.get(uri);
    if (document) publishDiagnostics(document).catch((e) => connection.console.error(`KQL diagnostics failed: ${String(e)}`));
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

  connection.onSignatureHelp(({ textDocument, position }) => {
    const doc = documents.get(textDocument.uri);
    return doc ? stateOf(doc).signatureHelp(doc.offsetAt(position)) : null;
  });

  const formatting = (uri: string, range?: { start: Position; end: Position }) => {
    const doc = documents.get(uri);
    if (!doc) return [];
    const start = range ? doc.offsetAt(range.start) : 0;
    const end = range ? doc.offsetAt(range.end) : doc.getText().length;
    return stateOf(doc).formatEdits(start, end).map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.text }));
  };
  connection.onDocumentFormatting(({ textDocument }) => formatting(textDocument.uri));
  connection.onDocumentRangeFormatting(({ textDocument, range }) => formatting(textDocument.uri, range));

  // One symbol per block, named by its first line that is not a comment (the outline and breadcrumbs).
  connection.onDocumentSymbol(({ textDocument }) => {
    const doc = documents.get(textDocument.uri);
    if (!doc) return [];
    return codeBlocks(doc.getText()).flatMap((b) => {
      const first = b.text.split(/\r?\n/).find((l) => l.trim() !== '' && !l.trim().startsWith('//'));
      if (!first) return [];
      const range = { start: doc.positionAt(b.start), end: doc.positionAt(b.end) };
      const name = first.trim().length > 80 ? `${first.trim().slice(0, 79)}…` : first.trim();
      return [{ name, kind: first.trim().startsWith('.') ? SymbolKind.Function : SymbolKind.Event, range, selectionRange: range }];
    });
  });

  documents.listen(connection);
  connection.listen();
}
