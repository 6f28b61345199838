// The editor at scale, in a real VS Code: a file with thousands of URIs gets one
// readiness lens instead of one per URI; a file over the size limit says so at
// its top instead of staying silent; and the workspace conversion treats open
// and closed files alike, leaves read-only and oversized files alone, and says
// after Apply what it rewrote and what it skipped, and why.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { closeAllEditors, waitForDiagnostics } from './support/diagnostics';
import { ourExtension, waitFor, workspaceFile } from './support/extension';

const sas = (i: number) => `https://acct${i}.blob.core.windows.net/c/f${i}.csv?sv=2022-11-02&sp=r&se=2027-01-01&sig=ScaleFakeSig${i}abcdefghij%3D`;
const SIX_MB = 6 * 1024 * 1024;

async function lensTitles(uri: vscode.Uri, atLeast: number): Promise<string[]> {
  return waitFor('code lenses', async () => {
    const found = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    const titles = found.map((l) => l.command?.title ?? '').filter((t) => t.startsWith('Check ingestion readiness'));
    return titles.length >= atLeast ? titles : undefined;
  });
}

describe('the editor at scale', function () {
  this.timeout(60_000);
  before(async () => {
    await ourExtension().activate();
  });
  afterEach(closeAllEditors);

  it('a file with 150 URI lines gets one readiness lens, for the URI at the cursor; a short one a lens per URI', async () => {
    const many = await vscode.workspace.openTextDocument({ language: 'plaintext', content: Array.from({ length: 150 }, (_, i) => `blob ${i}: ${sas(i)}`).join('\n') });
    await vscode.window.showTextDocument(many);
    assert.deepEqual(await lensTitles(many.uri, 1), ['Check ingestion readiness of the URI at the cursor (over 100 lines with URIs in this file)']);
    const few = await vscode.workspace.openTextDocument({ language: 'plaintext', content: [sas(1), 'text', sas(2), sas(3)].join('\n') });
    assert.equal((await lensTitles(few.uri, 3)).length, 3);
  });

  it('a file over the 5 MB limit gets one information diagnostic at its top, and no lens', async () => {
    const padding = `${'// filler line without any storage URI in it at all, just to make the file large\n'.repeat(SIX_MB / 80)}`;
    const big = await vscode.workspace.openTextDocument({ language: 'plaintext', content: `${sas(1)}\n${padding}` });
    await vscode.window.showTextDocument(big);
    const [notice, ...rest] = await waitForDiagnostics(big.uri, (d) => d.length > 0, 'the size-limit notice');
    assert.equal(rest.length, 0, 'only the notice: the file is not analysed');
    assert.equal(notice!.code, 'file-too-large');
    assert.equal(notice!.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(notice!.range.start.line, 0);
    assert.match(notice!.message, /over the 5\.0 MB limit/);
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', big.uri)) ?? [];
    assert.equal(lenses.length, 0);
  });

  describe('workspace conversion', () => {
    const folder = workspaceFile('scale-conversion');
    const file = (name: string) => vscode.Uri.joinPath(folder, name);
    let infos: string[];
    let restorePrompts: () => void;

    before(async () => {
      fs.mkdirSync(folder.fsPath, { recursive: true });
      fs.writeFileSync(file('plain.py').fsPath, `SOURCE = "${sas(1)}"\nOTHER = "${sas(2)}"\n`);
      fs.writeFileSync(file('readonly.py').fsPath, `SOURCE = "${sas(3)}"\n`);
      fs.chmodSync(file('readonly.py').fsPath, 0o444);
      fs.writeFileSync(file('big.json').fsPath, `{ "uri": "${sas(4)}", "pad": "${'x'.repeat(SIX_MB)}" }\n`);
      for (let i = 0; i < 30; i++) fs.writeFileSync(file(`clean${i}.ts`).fsPath, `export const n${i} = ${i};\n`);
      const api = (await ourExtension().activate()) as ExtensionApi;
      infos = [];
      restorePrompts = api.testing.setPrompts({ info: (m) => void infos.push(m) });
    });
    after(() => {
      restorePrompts();
      fs.chmodSync(file('readonly.py').fsPath, 0o644);
      fs.rmSync(folder.fsPath, { recursive: true, force: true });
    });

    it('rewrites what it can, skips read-only and oversized files (open or not), and says so after Apply', async () => {
      // The oversized file is open: it is skipped all the same.
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file('big.json')));
      const bigBefore = fs.readFileSync(file('big.json').fsPath);
      const readonlyBefore = fs.readFileSync(file('readonly.py').fsPath);
      let finished = false;
      const converting = vscode.commands.executeCommand<number>('kustoMi.convertWorkspaceSasUris', 'system').then((n) => {
        finished = true;
        return n;
      });
      await waitFor('the refactor preview to be applied', async () => {
        if (finished) return true;
        await vscode.commands.executeCommand('refactorPreview.apply').then(undefined, () => undefined);
        return undefined;
      }, 30_000);
      const count = await converting;
      const text = async (name: string) => (await vscode.workspace.openTextDocument(file(name))).getText();
      const plain = await text('plain.py');
      assert.ok(!plain.includes('sig=') && plain.split(';managed_identity=system').length === 3, `${count} rewrites; ${infos.join(' | ')}; ${plain}`);
      assert.ok(!(await text('big.json')).includes('managed_identity'), 'the oversized file was rewritten');
      assert.ok(!(await text('readonly.py')).includes('managed_identity'), 'the read-only file was rewritten');
      await vscode.commands.executeCommand('workbench.action.files.saveAll');
      assert.ok(fs.readFileSync(file('big.json').fsPath).equals(bigBefore), 'the oversized file changed');
      assert.ok(fs.readFileSync(file('readonly.py').fsPath).equals(readonlyBefore), 'the read-only file changed');
      assert.ok(count >= 2, `converted ${count} URIs`); // and those of the fixture workspace, when no earlier test converted them
      const summary = infos.find((m) => m.startsWith('Rewrote'));
      assert.ok(summary, `no summary among: ${infos.join(' | ')}`);
      assert.match(summary, /^Rewrote \d+ URIs in \d+ files? to use the system-assigned managed identity\./);
      assert.match(summary, /Skipped \d+ files?: .*read-only: [^;]*readonly\.py/);
      assert.match(summary, /too large \(over 5\.0 MB\): [^;]*big\.json/);
    });
  });
});
