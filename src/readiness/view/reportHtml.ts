// The readiness report as the webview's HTML: a pure function of the report,
// so it is unit-tested without VS Code. It follows the editor's theme through
// VS Code's CSS variables, runs only the nonce'd script (strict CSP), and
// posts `{ type: 'fix', step }` or `{ type: 'rerun' }` back to the extension.
import type { ReadinessFix, ReadinessReport, StepId, StepResult, Verdict } from '../core/model';
import { plural } from '../core/words';

export interface ReportViewState {
  readonly report?: ReadinessReport;
  /** A check or a fix is running: buttons are disabled. */
  readonly busy?: string;
  readonly notice?: { readonly kind: 'info' | 'error'; readonly text: string };
  /** The step an explained ingestion failure points at: highlighted and scrolled to. */
  readonly focus?: StepId;
}

export interface HtmlOptions {
  readonly nonce: string;
  /** The webview's `cspSource`. */
  readonly cspSource: string;
  /** For "checked 2 minutes ago"; default now. */
  readonly now?: Date;
  /** BCP 47 locale for dates (VS Code's display language); default the runtime's. */
  readonly locale?: string;
}

/** "just now", "3 minutes ago", "2 hours ago", then the date: the report's time for people. */
export function formatWhen(iso: string, now: Date = new Date(), locale?: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const seconds = Math.round((now.getTime() - at.getTime()) / 1000);
  let relative: string;
  try {
    const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relative = Math.abs(seconds) < 45 ? rtf.format(0, 'second')
      : Math.abs(seconds) < 45 * 60 ? rtf.format(-Math.round(seconds / 60), 'minute')
        : Math.abs(seconds) < 22 * 3600 ? rtf.format(-Math.round(seconds / 3600), 'hour') : '';
  } catch {
    relative = '';
  }
  let absolute: string;
  try {
    absolute = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
  } catch {
    absolute = at.toISOString();
  }
  return relative ? `${relative} (${absolute})` : absolute;
}

export { plural };

export const VERDICT_SYMBOL: Readonly<Record<Verdict, string>> = { pass: '✔', fail: '✖', unknown: '?' };
const VERDICT_WORD: Readonly<Record<Verdict, string>> = { pass: 'Pass', fail: 'Fail', unknown: 'Unknown' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function fixDetail(fix: ReadinessFix): string {
  switch (fix.kind) {
    case 'rewriteUri': return `<p class="detail">New URI: <code>${escapeHtml(fix.newUri)}</code></p>`;
    case 'grantUsage': return `<pre class="detail">${escapeHtml(fix.command)}</pre>`;
    case 'assignRole': return `<p class="detail">${escapeHtml(fix.roleName)} for ${escapeHtml(fix.principalLabel)} on ${escapeHtml(fix.scopeLabel)}</p>`;
    case 'addSize': return `<p class="detail">${plural(fix.edits.length, 'edit')} in the source file</p>`;
    case 'addPrincipal': return `<pre class="detail">${escapeHtml(fix.command)}</pre>`;
    case 'manual': return `<p class="detail">${escapeHtml(fix.portal)}</p><p class="detail">ARM: <code>${escapeHtml(fix.armProperty)}</code></p>${fix.cli ? `<pre class="detail">${escapeHtml(fix.cli)}</pre>` : ''}`;
  }
}

function renderStep(s: StepResult, index: number, disabled: boolean, focus: boolean): string {
  const evidence = s.evidence.length === 0 ? '' : `<dl>${s.evidence.map((e) => `<dt>${escapeHtml(e.label)}</dt><dd>${escapeHtml(e.value)}</dd>`).join('')}</dl>`;
  const reason = s.verdict === 'unknown' && s.reason ? `<p class="reason">Why unknown: ${escapeHtml(s.reason)}</p>` : '';
  const fix = s.verdict === 'fail' && s.fix
    ? s.fix.kind === 'manual'
      ? `<div class="fix"><p class="manual">To do: ${escapeHtml(s.fix.title)}</p>${fixDetail(s.fix)}</div>`
      : `<div class="fix"><button data-fix="${s.id}"${disabled ? ' disabled' : ''}>${escapeHtml(s.fix.title)}</button>${fixDetail(s.fix)}</div>`
    : '';
  return `<section class="step ${s.verdict}${focus ? ' focus' : ''}" data-step="${s.id}" data-verdict="${s.verdict}">
<h2><span class="symbol" aria-label="${VERDICT_WORD[s.verdict]}" title="${VERDICT_WORD[s.verdict]}">${VERDICT_SYMBOL[s.verdict]}</span> ${index + 1}. ${escapeHtml(s.title)}</h2>
<p class="summary">${escapeHtml(s.summary)}</p>${reason}${evidence}${fix}
</section>`;
}

function headline(report: ReadinessReport): string {
  if (report.ready) return 'Ready: every check passed.';
  const count = (v: Verdict) => report.steps.filter((s) => s.verdict === v).length;
  const parts = [count('fail') ? `${count('fail')} failed` : '', count('unknown') ? `${count('unknown')} could not be checked` : ''].filter(Boolean);
  return `Not ready: ${parts.join(', ')}.`;
}

export function renderReportHtml(state: ReportViewState, options: HtmlOptions): string {
  const { report } = state;
  const disabled = state.busy !== undefined;
  const nonce = escapeHtml(options.nonce);
  const body = report ? `
<p class="headline ${report.ready ? 'pass' : 'fail'}">${escapeHtml(headline(report))}</p>
<dl class="context">
<dt>Blob</dt><dd><code>${escapeHtml(report.blobUri)}</code></dd>
<dt>Cluster</dt><dd>${escapeHtml(report.clusterUrl)}</dd>
<dt>Database</dt><dd>${escapeHtml(report.database)}</dd>
<dt>Identity</dt><dd>${escapeHtml(report.identity.label)}${report.identity.source === 'default' ? ' (assumed: the URI names none)' : ''}</dd>
${report.usage ? `<dt>Usage</dt><dd>${escapeHtml(report.usage)} (${report.access === 'write' ? 'writes to' : 'reads'} storage)</dd>` : ''}
</dl>
${report.steps.map((s, i) => renderStep(s, i, disabled, state.focus === s.id)).join('\n')}
<p class="checked" title="${escapeHtml(report.checkedAt)}">Checked ${escapeHtml(formatWhen(report.checkedAt, options.now, options.locale))}</p>
${report.recheckAfter ? `<p class="checked" data-recheck="${escapeHtml(report.recheckAfter)}">A role was assigned moments ago: the check runs again ${escapeHtml(formatWhen(report.recheckAfter, options.now, options.locale))}.</p>` : ''}` : '<p>No check has run yet.</p>';
  const notice = state.notice ? `<p class="notice ${state.notice.kind}" role="status">${escapeHtml(state.notice.text)}</p>` : '';
  const busy = state.busy ? `<p class="busy" role="status">${escapeHtml(state.busy)}</p>` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${escapeHtml(options.cspSource)} 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Ingestion readiness</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<h1>Managed-identity ingestion readiness</h1>
${notice}${busy}${body}
<p><button data-rerun${disabled ? ' disabled' : ''}>Check again</button></p>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>`;
}

/** The step ids a report offers a fix for (what the buttons post). */
export function fixableSteps(report: ReadinessReport): StepId[] {
  return report.steps.filter((s) => s.verdict === 'fail' && s.fix && s.fix.kind !== 'manual').map((s) => s.id);
}

const STYLE = `
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 20px 20px; line-height: 1.45; }
h1 { font-size: 1.3em; font-weight: 600; }
h2 { font-size: 1.05em; margin: 0 0 4px; font-weight: 600; }
code, pre { font-family: var(--vscode-editor-font-family); background: var(--vscode-textCodeBlock-background); padding: 1px 4px; border-radius: 3px; word-break: break-all; }
pre { padding: 6px 8px; white-space: pre-wrap; }
.step { border-left: 3px solid var(--vscode-panel-border); padding: 6px 12px; margin: 12px 0; }
.step.pass { border-left-color: var(--vscode-testing-iconPassed); }
.step.fail { border-left-color: var(--vscode-testing-iconFailed); }
.step.unknown { border-left-color: var(--vscode-editorWarning-foreground); }
.pass .symbol, .headline.pass { color: var(--vscode-testing-iconPassed); }
.fail .symbol, .headline.fail { color: var(--vscode-testing-iconFailed); }
.unknown .symbol { color: var(--vscode-editorWarning-foreground); }
.symbol { display: inline-block; width: 1.2em; font-weight: bold; }
.summary { margin: 4px 0; }
.reason, .checked, .detail, dt { color: var(--vscode-descriptionForeground); }
dl { display: grid; grid-template-columns: minmax(6em, max-content) minmax(0, 1fr); gap: 2px 12px; margin: 6px 0; }
dt { max-width: 24em; }
dd { margin: 0; word-break: break-word; }
.notice.error { color: var(--vscode-errorForeground); }
button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: 4px 12px; cursor: pointer; font-family: inherit; }
button:hover:not([disabled]) { background: var(--vscode-button-hoverBackground); }
button[disabled] { opacity: 0.5; cursor: default; }
.fix { margin-top: 6px; }
.step.focus { outline: 1px solid var(--vscode-focusBorder); }
`;

const SCRIPT = `
const vscode = acquireVsCodeApi();
for (const b of document.querySelectorAll('button[data-fix]')) {
  b.addEventListener('click', () => vscode.postMessage({ type: 'fix', step: b.getAttribute('data-fix') }));
}
const focused = document.querySelector('.step.focus');
if (focused) focused.scrollIntoView({ block: 'center' });
for (const b of document.querySelectorAll('button[data-rerun]')) {
  b.addEventListener('click', () => vscode.postMessage({ type: 'rerun' }));
}
`;
