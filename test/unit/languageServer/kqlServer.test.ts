// The language server through the protocol, in-process: a client connection
// talks JSON-RPC over in-memory streams to the real server code.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import {
  CompletionRequest, createConnection, DocumentFormattingRequest, DocumentSymbolRequest, createMessageConnection, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification,
  HoverRequest, InitializedNotification, SignatureHelpRequest, InitializeRequest, PublishDiagnosticsNotification, StreamMessageReader, StreamMessageWriter,
  type CompletionItem, type MessageConnection, type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { SetSchemaNotification, startKqlServer, VisibleRangesNotification } from '../../../src/languageServer/server';

const URI = 'file:///work/commands.kql';

describe('KQL language server (protocol)', function () {
  this.timeout(30_000);
  let client: MessageConnection;
  const published: PublishDiagnosticsParams[] = [];
  let version = 1;

  before(async () => {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    startKqlServer(createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient)));
    client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    client.onNotification(PublishDiagnosticsNotification.method, (p: PublishDiagnosticsParams) => { published.push(p); });
    client.listen();
    await client.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null });
    await client.sendNotification(InitializedNotification.type, {});
  });

  after(() => client.dispose());

  async function diagnosticsFor(text: string, open = false): Promise<PublishDiagnosticsParams> {
    const before = published.length;
    version++;
    if (open) await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'kusto', version, text } });
    else await client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: URI, version }, contentChanges: [{ text }] });
    return settled(before);
  }

  /** The last publication once they stop: a large or cold parse publishes in slices. */
  async function settled(before: number): Promise<PublishDiagnosticsParams> {
    for (let i = 0; i < 600 && published.length === before; i++) await new Promise((r) => setTimeout(r, 50));
    for (let seen = -1; seen !== published.length;) {
      seen = published.length;
      await new Promise((r) => setTimeout(r, 500));
    }
    return published[published.length - 1];
  }

  it('reports a misspelt keyword as a Kusto syntax error at its place, and nothing for valid blocks', async () => {
    const text = 'StormEvents\n| take 10\n\n.alter-merge database Sales polcy managed_identity "[]"\n';
    const { diagnostics } = await diagnosticsFor(text, true);
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    const [d] = diagnostics;
    assert.equal(d.source, 'Kusto');
    assert.match(String(d.code), /^KS\d+$/);
    assert.match(typeof d.message === 'string' ? d.message : d.message.value, /policy/);
    assert.deepEqual(d.range.start, { line: 3, character: 28 });
  });

  it('has no "unknown name" errors without a schema', async () => {
    const { diagnostics } = await diagnosticsFor('StormEvents | where State == "TEXAS" | summarize count() by EventType');
    assert.deepEqual(diagnostics, []);
  });

  it('offers managed_identity after `.alter-merge database Sales policy `', async () => {
    const text = 'T\n\n.alter-merge database Sales policy ';
    await diagnosticsFor(text);
    const items = await client.sendRequest(CompletionRequest.type, { textDocument: { uri: URI }, position: { line: 2, character: 35 } }) as CompletionItem[];
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('managed_identity'), labels.join(', '));
    assert.equal(new Set(labels).size, labels.length, 'no duplicates');
  });

  it('explains a function on hover', async () => {
    const text = 'StormEvents | summarize count() by bin(StartTime, 1h)';
    await diagnosticsFor(text);
    const hover = await client.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: 0, character: text.indexOf('bin') + 1 } });
    assert.match(JSON.stringify(hover?.contents), /bin\(value, roundTo\)/);
  });

  it('shows signature help inside bin(, ago( and format_datetime(, with the argument under the caret', async () => {
    const text = 'StormEvents | summarize count() by bin(StartTime, 1h)\n| where StartTime > ago(\n| extend d = format_datetime(now(), ';
    await diagnosticsFor(text);
    const lines = text.split('\n');
    const help = (line: number, character: number) => client.sendRequest(SignatureHelpRequest.type, { textDocument: { uri: URI }, position: { line, character } });
    const inBin = await help(0, lines[0].indexOf('1h'));
    assert.ok(inBin, 'signature help inside bin(');
    assert.match(inBin.signatures[inBin.activeSignature ?? 0].label, /^bin\(value: .*, roundTo: .*\)$/);
    assert.equal(inBin.activeParameter, 1);
    const inAgo = await help(1, lines[1].length);
    assert.match(String(inAgo?.signatures[0].label), /^ago\(timespan: timespan\)$/);
    const inFormat = await help(2, lines[2].length);
    assert.match(String(inFormat?.signatures[0].label), /^format_datetime\(date: datetime, format: string\)$/);
    assert.equal(inFormat?.activeParameter, 1);
    assert.equal(await help(0, lines[0].length), null, 'none after the closing parenthesis');
  });

  it('offers nothing of its own inside a policy literal (our provider completes there; no duplicates)', async () => {
    const text = ".alter-merge cluster policy managed_identity \"[ { 'ObjectId' : '', 'AllowedUsages' : 'NativeIngestion' } ]\"";
    await diagnosticsFor(text);
    const character = text.indexOf("'ObjectId' : '") + "'ObjectId' : '".length;
    const items = await client.sendRequest(CompletionRequest.type, { textDocument: { uri: URI }, position: { line: 0, character } }) as CompletionItem[];
    assert.deepEqual(items, []);
  });

  it('clears the error once the typo is fixed', async () => {
    const broken = await diagnosticsFor('T\n| take 10\n\n.show database Sales polcy managed_identity');
    assert.equal(broken.diagnostics.length, 1);
    const fixed = await diagnosticsFor('T\n| take 10\n\n.show database Sales policy managed_identity');
    assert.deepEqual(fixed.diagnostics, []);
  });

  it('with a bound schema: completes tables and columns, and reports unknown names', async () => {
    const schema = {
      name: 'Samples',
      tables: [{ name: 'StormEvents', columns: [{ name: 'StartTime', type: 'datetime' }, { name: 'State', type: 'string' }] }],
      functions: [{ name: 'TopStates', parameters: '(n:long)', body: '{ StormEvents | take n }' }],
    };
    const text = 'StormEvents | where Stat == "TEXAS"\n\nStormEvents | where ';
    await diagnosticsFor(text);
    const before = published.length;
    await client.sendNotification(SetSchemaNotification, { uri: URI, schema });
    const { diagnostics } = await settled(before);
    assert.ok(diagnostics.some((d) => /'Stat'/.test(String(d.message)) && d.range.start.line === 0), JSON.stringify(diagnostics));
    const columns = await client.sendRequest(CompletionRequest.type, { textDocument: { uri: URI }, position: { line: 2, character: 20 } }) as CompletionItem[];
    assert.ok(columns.some((i) => i.label === 'State'), columns.slice(0, 10).map((i) => i.label).join(', '));
    await diagnosticsFor('St');
    const tables = await client.sendRequest(CompletionRequest.type, { textDocument: { uri: URI }, position: { line: 0, character: 2 } }) as CompletionItem[];
    assert.ok(tables.some((i) => i.label === 'StormEvents'));
    assert.ok(tables.some((i) => String(i.label).startsWith('TopStates')));

    // Unbound again: no "unknown name" errors.
    await client.sendNotification(SetSchemaNotification, { uri: URI, schema: null });
    const unbound = await diagnosticsFor('Unknown | where Nothing == 1');
    assert.deepEqual(unbound.diagnostics, []);
  });

  it('formats blocks that parse, and leaves a block with a syntax error as typed', async () => {
    const text = 'StormEvents|where State=="TEXAS"|count\n\nStormEvents|where State==';
    await diagnosticsFor(text);
    const edits = await client.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: URI }, options: { tabSize: 4, insertSpaces: true } });
    assert.deepEqual(edits, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 38 } }, newText: 'StormEvents | where State == "TEXAS" | count' }]);
  });

  it('lists one symbol per block, named by its first line', async () => {
    await diagnosticsFor('// Sales\nOrders\n| take 10\n\n.show database Sales policy managed_identity');
    const symbols = await client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: URI } }) as { name: string }[];
    assert.deepEqual(symbols.map((x) => x.name), ['Orders', '.show database Sales policy managed_identity']);
  });

  it('on a large file, publishes the errors of the blocks in view first', async () => {
    const blocks = Array.from({ length: 60 }, (_, i) => `.alter-merge database Sales${i} policy managed_identity "[ { 'ObjectId' : 'system', 'AllowedUsages' : 'NativeIngestion' } ]"`);
    blocks.push('.show database Sales polcy managed_identity');
    const lastLine = (blocks.length - 1) * 2;
    await client.sendNotification(VisibleRangesNotification.method, { uri: URI, ranges: [{ startLine: lastLine - 1, endLine: lastLine + 5 }] });
    const before = published.length;
    version++;
    await client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: URI, version }, contentChanges: [{ text: blocks.join('\n\n') }] });
    for (let i = 0; i < 600 && published.length === before; i++) await new Promise((r) => setTimeout(r, 20));
    const first = published[before];
    assert.ok(first.diagnostics.some((d) => d.range.start.line === lastLine), `first publication: ${JSON.stringify(first.diagnostics)}`);
    const all = await settled(before);
    assert.deepEqual(all.diagnostics.map((d) => d.range.start.line), [lastLine]);
  });
});
