// The language server through the protocol, in-process: a client connection
// talks JSON-RPC over in-memory streams to the real server code.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import {
  CompletionRequest, createConnection, createMessageConnection, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification,
  HoverRequest, InitializedNotification, InitializeRequest, PublishDiagnosticsNotification, StreamMessageReader, StreamMessageWriter,
  type CompletionItem, type MessageConnection, type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { startKqlServer } from '../../../src/languageServer/server';

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
    for (let i = 0; i < 600 && published.length === before; i++) await new Promise((r) => setTimeout(r, 50));
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
});
