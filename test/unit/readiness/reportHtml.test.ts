import assert from 'node:assert/strict';
import type { ReadinessReport, StepResult } from '../../../src/readiness/core/model';
import { escapeHtml, fixableSteps, renderReportHtml } from '../../../src/readiness/view/reportHtml';

const OPTIONS = { nonce: 'n0nce+/=', cspSource: 'https://webview.example' };

function report(steps: StepResult[]): ReadinessReport {
  return {
    blobUri: 'https://contosodata.blob.core.windows.net/c/f.csv?sv=2022-11-02&sig=***',
    clusterUrl: 'https://demo.westeurope.kusto.windows.net',
    database: 'Sales',
    identity: { ref: 'system', objectId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', label: 'the system-assigned identity', source: 'default' },
    steps,
    ready: steps.every((s) => s.verdict === 'pass'),
    checkedAt: '2026-01-01T00:00:00.000Z',
  };
}

const uriFail: StepResult = {
  id: 'uri', title: 'Blob URI names a managed identity', verdict: 'fail', summary: 'The URI carries a SAS token <b>here</b>.',
  evidence: [{ label: 'Storage account', value: 'contosodata' }],
  fix: { kind: 'rewriteUri', title: 'Rewrite the URI to ;managed_identity=system', identity: 'system', newUri: 'https://contosodata.blob.core.windows.net/c/f.csv;managed_identity=system' },
};
const policyPass: StepResult = { id: 'policy', title: 'managed_identity policy allows NativeIngestion', verdict: 'pass', summary: 'Allowed.', evidence: [] };
const roleUnknown: StepResult = { id: 'role', title: 'Identity may read the blob (Azure RBAC)', verdict: 'unknown', summary: 'Could not check.', evidence: [], reason: 'HTTP 403 "forbidden"' };
const sizeFailNoFix: StepResult = { id: 'size', title: 'Ingestion code gives the blob size', verdict: 'fail', summary: 'No size.', evidence: [] };

describe('readiness/reportHtml', () => {
  it('escapes every text from the report', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const html = renderReportHtml({ report: report([uriFail]) }, OPTIONS);
    assert.ok(html.includes('The URI carries a SAS token &lt;b&gt;here&lt;/b&gt;.'));
    assert.ok(!html.includes('<b>here</b>'));
  });

  it('one section per step with its verdict, symbol, evidence and (unknown) reason', () => {
    const html = renderReportHtml({ report: report([uriFail, policyPass, roleUnknown]) }, OPTIONS);
    assert.match(html, /<section class="step fail" data-step="uri" data-verdict="fail">[\s\S]*✖<\/span> 1\. Blob URI names a managed identity/);
    assert.match(html, /data-step="policy" data-verdict="pass">[\s\S]*✔<\/span> 2\./);
    assert.match(html, /data-step="role" data-verdict="unknown">[\s\S]*\?<\/span> 3\.[\s\S]*Why unknown: HTTP 403 &quot;forbidden&quot;/);
    assert.match(html, /<dt>Storage account<\/dt><dd>contosodata<\/dd>/);
    assert.match(html, /Not ready: 1 failed, 1 could not be checked\./);
    assert.match(html, /assumed: the URI names none/);
  });

  it('a fix button only for failed steps that have a fix', () => {
    const html = renderReportHtml({ report: report([uriFail, policyPass, roleUnknown, sizeFailNoFix]) }, OPTIONS);
    assert.deepEqual([...html.matchAll(/data-fix="(\w+)"/g)].map((m) => m[1]), ['uri']);
    assert.ok(html.includes('New URI: <code>https://contosodata.blob.core.windows.net/c/f.csv;managed_identity=system</code>'));
    assert.deepEqual(fixableSteps(report([uriFail, policyPass, sizeFailNoFix])), ['uri']);
  });

  it('buttons are disabled while busy', () => {
    const html = renderReportHtml({ report: report([uriFail]), busy: 'Checking…' }, OPTIONS);
    assert.match(html, /<button data-fix="uri" disabled>/);
    assert.match(html, /<button data-rerun disabled>/);
    assert.match(html, /class="busy" role="status">Checking…/);
  });

  it('strict CSP: only the nonce\'d script and styles; themed with VS Code variables', () => {
    const html = renderReportHtml({ report: report([policyPass]) }, OPTIONS);
    assert.ok(html.includes(`content="default-src 'none'; style-src https://webview.example 'nonce-n0nce+/='; script-src 'nonce-n0nce+/=';"`));
    assert.equal((html.match(/<script /g) ?? []).length, 1);
    assert.ok(html.includes('<script nonce="n0nce+/=">'));
    for (const v of ['--vscode-foreground', '--vscode-editor-background', '--vscode-button-background', '--vscode-testing-iconPassed', '--vscode-testing-iconFailed']) {
      assert.ok(html.includes(`var(${v})`), v);
    }
    assert.match(html, /Ready: every check passed\./);
    assert.ok(html.includes("postMessage({ type: 'fix'"));
  });

  it('shows the masked URI, never a signature, and a placeholder before the first check', () => {
    const html = renderReportHtml({ report: report([uriFail]) }, OPTIONS);
    assert.ok(html.includes('sig=***'));
    assert.match(renderReportHtml({}, OPTIONS), /No check has run yet/);
    assert.match(renderReportHtml({ notice: { kind: 'error', text: 'Not applied <x>' } }, OPTIONS), /class="notice error" role="status">Not applied &lt;x&gt;/);
  });
});

describe('readiness/reportHtml for people', () => {
  it('times are relative and in the locale; counts are pluralised; manual fixes have no button', async () => {
    const { formatWhen, plural } = await import('../../../src/readiness/view/reportHtml');
    const now = new Date('2026-01-01T00:03:00.000Z');
    assert.equal(formatWhen('2026-01-01T00:00:00.000Z', now, 'en-US'), '3 minutes ago (Jan 1, 2026, 12:00 AM)'.replace(/ (?=AM)/, formatWhen('2026-01-01T00:00:00.000Z', now, 'en-US').includes('\u202f') ? '\u202f' : ' '));
    assert.match(formatWhen('2026-01-01T00:02:50.000Z', now, 'en-US'), /^now \(/);
    assert.match(formatWhen('2026-01-01T00:13:00.000Z', now, 'en-US'), /^in 10 minutes/);
    assert.equal(plural(1, 'edit'), '1 edit');
    assert.equal(plural(3, 'edit'), '3 edits');
    const size: StepResult = { id: 'size', title: 'Ingestion code gives the blob size', verdict: 'fail', summary: 'No size.', evidence: [], fix: { kind: 'addSize', title: 'Add Size = 0', edits: [{ start: 1, end: 1, newText: 'x' }] } };
    const network: StepResult = {
      id: 'network', title: 'Storage firewall lets the cluster in', verdict: 'fail', summary: 'Deny.', evidence: [],
      fix: { kind: 'manual', title: 'Let the cluster through', portal: 'Azure portal → Networking', armProperty: 'properties.networkAcls.bypass = "AzureServices"', cli: 'az storage account update' },
    };
    const html = renderReportHtml({ report: report([size, network]), focus: 'network' }, { ...OPTIONS, now, locale: 'en-US' });
    assert.ok(html.includes('1 edit in the source file'));
    assert.ok(!html.includes('edit(s)'));
    assert.match(html, /Checked 3 minutes ago/);
    assert.deepEqual([...html.matchAll(/data-fix="(\w+)"/g)].map((m) => m[1]), ['size']);
    assert.match(html, /To do: Let the cluster through[\s\S]*properties\.networkAcls\.bypass = &quot;AzureServices&quot;/);
    assert.match(html, /class="step fail focus" data-step="network"/);
    assert.deepEqual(fixableSteps(report([size, network])), ['size']);
  });
});
