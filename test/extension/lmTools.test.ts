// The language-model tools in a real VS Code, each invoked the way agent mode
// invokes it (vscode.lm.invokeTool), against the local Kusto and ARM servers
// and a workspace file holding a SAS URI and an account key: what each
// returns, that read-only tools change nothing, that the two tools that
// change something ask first (prepareInvocation's confirmation), and that no
// signature, key or token ever appears in a result.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/extension';
import { DEMO_IDS } from '../servers/kusto';
import { closeAllEditors } from './support/diagnostics';
import { workspaceFile } from './support/extension';
import { connectToLocalCluster, resetKusto, type ConnectedCluster } from './support/servers';

const SIG = 'ToolFakeSig1234567890abcdefghijKLMN%3D';
const KEY = `${'k'.repeat(40)}Q${'7'.repeat(45)}==`;
const SAS_URI = `https://contosodata.blob.core.windows.net/orders/2026/11/orders.csv?sv=2022-11-02&sp=r&sig=${SIG}`;
const SOURCE = [
  'using Kusto.Ingest;',
  `var uri = "${SAS_URI}";`,
  `var conn = "DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${KEY};EndpointSuffix=core.windows.net";`,
  '',
].join('\n');

const never = new vscode.CancellationTokenSource().token;

async function invoke(name: string, input: object): Promise<string> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }, never);
  const text = result.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
  for (const secret of [SIG, KEY]) assert.ok(!text.includes(secret), `${name} returned ${secret}:\n${text}`);
  // Masked forms (sig=***) may name what was there; a value never.
  for (const shape of [/sig=(?!\*\*\*)/i, /AccountKey=(?!\*\*\*)/i, /Bearer (?!\*\*\*)/]) assert.doesNotMatch(text, shape, name);
  return text;
}

describe('language-model tools', function () {
  this.timeout(60_000);
  let connected: ConnectedCluster;
  let testing: TestingApi;
  const file = workspaceFile('src/lmTools.cs');
  const mgmtWrites = () => connected.servers.kusto.requests.filter((r) => r.endpoint === 'mgmt' && /^\.(alter|delete)/.test(r.csl ?? '')).map((r) => r.csl);

  async function prepare(name: string, input: object): Promise<vscode.PreparedToolInvocation | undefined> {
    const tool = testing.lmTools.get(name);
    assert.ok(tool?.prepareInvocation, `${name} has no prepareInvocation`);
    return await tool.prepareInvocation({ input }, never) ?? undefined;
  }
  const confirmation = (p: vscode.PreparedToolInvocation | undefined) => {
    const m = p?.confirmationMessages?.message;
    return typeof m === 'string' ? m : m?.value ?? '';
  };

  before(async () => {
    connected = await connectToLocalCluster();
    testing = connected.testing;
  });
  beforeEach(async () => {
    resetKusto(connected.servers.kusto);
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(SOURCE));
  });
  afterEach(async () => {
    await closeAllEditors();
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === file.toString());
    if (open?.isDirty) {
      await vscode.window.showTextDocument(open);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.workspace.fs.delete(file).then(undefined, () => undefined);
  });
  after(async () => {
    await connected.disconnect();
  });

  it('every contributed tool is registered with VS Code', () => {
    const contributed = (testing.lmTools as ReadonlyMap<string, unknown>);
    const names = vscode.lm.tools.filter((t) => t.name.startsWith('kustoMi_')).map((t) => t.name).sort();
    assert.deepEqual(names, [...contributed.keys()].sort());
    assert.equal(names.length, 7);
  });

  it('kustoMi_listPolicies: identities and every policy of the configured cluster', async () => {
    const text = await invoke('kustoMi_listPolicies', {});
    const data = JSON.parse(text.slice(text.indexOf('\n') + 1)) as { name: string; databases: { name: string; policy: { ObjectId: string; AllowedUsages: string }[] }[]; clusterPolicy: { ObjectId: string }[] }[];
    assert.equal(data.length, 1);
    assert.equal(data[0].name, 'demo');
    assert.equal(data[0].clusterPolicy[0].ObjectId, DEMO_IDS.ingestPrincipalId);
    assert.deepEqual(data[0].databases.find((d) => d.name === 'Ops-Archive')?.policy.map((e) => e.AllowedUsages), ['ExportRequest, ExternalTable']);
    assert.deepEqual(mgmtWrites(), []);
  });

  it('kustoMi_checkReadiness: the steps with verdicts, the SAS never echoed', async () => {
    const text = await invoke('kustoMi_checkReadiness', { blobUri: SAS_URI, database: 'Telemetry' });
    const data = JSON.parse(text.slice(text.indexOf('\n') + 1)) as { blob: string; steps: { step: string; verdict: string; fix?: string }[] };
    assert.equal(data.blob, 'https://contosodata.blob.core.windows.net/orders/2026/11/orders.csv');
    // URI, identity, policy, role, size and the storage firewall (no source file: no queued-client step).
    assert.equal(data.steps.length, 6);
    assert.equal(data.steps[0].verdict, 'fail', 'a SAS URI names no managed identity');
    assert.match(text, /^Not ready/);
  });

  it('kustoMi_findSecrets: file and line of the SAS URI and the key, no value', async () => {
    const text = await invoke('kustoMi_findSecrets', { include: 'src/lmTools.cs' });
    const data = JSON.parse(text.slice(text.indexOf('\n') + 1)) as { file: string; line: number; rule: string; blob?: string }[];
    assert.deepEqual(data.map((d) => [d.file, d.line, d.rule]), [['src/lmTools.cs', 2, 'SasBlobUri'], ['src/lmTools.cs', 3, 'StorageAccountKey']]);
    assert.equal(data[0].blob, 'https://contosodata.blob.core.windows.net/orders/2026/11/orders.csv');
  });

  it('kustoMi_proposeRewrite proposes ;managed_identity= and changes nothing; kustoMi_applyRewrite asks, then rewrites', async () => {
    const text = await invoke('kustoMi_proposeRewrite', { file: 'src/lmTools.cs', identity: DEMO_IDS.ingestPrincipalId });
    assert.ok(text.includes(`https://contosodata.blob.core.windows.net/orders/2026/11/orders.csv;managed_identity=${DEMO_IDS.ingestPrincipalId}`), text);
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)), SOURCE, 'proposing changed the file');

    const prepared = await prepare('kustoMi_applyRewrite', { file: 'src/lmTools.cs', identity: DEMO_IDS.ingestPrincipalId });
    assert.ok(prepared?.confirmationMessages, 'the rewrite is not confirmed first');
    assert.match(confirmation(prepared), /src\/lmTools\.cs:2/);
    assert.ok(!confirmation(prepared).includes(SIG) && !confirmation(prepared).includes(KEY));

    const applied = await invoke('kustoMi_applyRewrite', { file: 'src/lmTools.cs', identity: DEMO_IDS.ingestPrincipalId });
    // The SAS URI has a rewrite; a connection string's AccountKey has none (it is reported, not guessed at).
    assert.match(applied, /^Rewrote 1 credential/);
    const document = await vscode.workspace.openTextDocument(file);
    assert.ok(document.getText().includes(`orders.csv;managed_identity=${DEMO_IDS.ingestPrincipalId}"`), document.getText());
    assert.ok(!document.getText().includes(SIG));
  });

  it('kustoMi_proposePolicyChange gives the exact command and runs nothing; kustoMi_applyPolicyChange confirms it, then runs it', async () => {
    const input = { database: 'Staging', identity: 'system', usages: ['NativeIngestion'] };
    const command = ".alter-merge database ['Staging'] policy managed_identity \"[ { 'ObjectId' : 'system', 'AllowedUsages' : 'NativeIngestion' } ]\"";
    const proposed = await invoke('kustoMi_proposePolicyChange', input);
    assert.ok(proposed.includes(JSON.stringify(command)), proposed);
    assert.deepEqual(mgmtWrites(), []);

    const prepared = await prepare('kustoMi_applyPolicyChange', input);
    assert.ok(confirmation(prepared).includes(command), confirmation(prepared));
    const applied = await invoke('kustoMi_applyPolicyChange', input);
    assert.match(applied, /^Changed the managed_identity policy of database 'Staging'/);
    assert.deepEqual(mgmtWrites(), [command]);
    const staging = connected.servers.kusto.state.databases.find((d) => d.name === 'Staging');
    assert.equal(staging?.policy?.[0].ObjectId, DEMO_IDS.systemPrincipalId);

    const again = await invoke('kustoMi_proposePolicyChange', input);
    assert.match(again, /^No change needed/);
  });

  it('a usage not allowed at the level is refused before anything runs', async () => {
    await assert.rejects(prepare('kustoMi_applyPolicyChange', { database: 'Sales', identity: 'system', usages: ['SandboxArtifacts'] }), /SandboxArtifacts can only be allowed in the cluster-level/);
    assert.deepEqual(mgmtWrites(), []);
  });
});
