// The results view's page: a header (row count, duration, copy buttons) and a
// grid that renders only the rows in view (virtual scrolling: a spacer as tall
// as every row, and the visible slice positioned inside it), so 10,000 rows
// cost what 40 do. The data comes in the page as JSON; no network, no eval.
import type { KqlResult } from '../clients/kusto/api';

export interface ResultsViewState {
  readonly title: string;
  readonly result: KqlResult;
  readonly durationMs: number;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** JSON safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function summaryText(state: ResultsViewState): string {
  const n = state.result.rows.length;
  const rows = `${n.toLocaleString('en-US')} ${n === 1 ? 'row' : 'rows'}${state.result.truncated ? ' (the first ones)' : ''}`;
  return `${rows} · ${(state.durationMs / 1000).toFixed(2)} s`;
}

export function renderResultsHtml(state: ResultsViewState, page: { nonce: string; cspSource: string }): string {
  const data = { columns: state.result.columns, rows: state.result.rows };
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${page.cspSource} 'nonce-${page.nonce}'; script-src 'nonce-${page.nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${page.nonce}">
  body { padding: 0; margin: 0; font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); }
  header { display: flex; gap: 12px; align-items: center; padding: 6px 10px; border-bottom: 1px solid var(--vscode-panel-border); }
  header h1 { font-size: 1em; margin: 0; font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; flex: 1; }
  button { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); border: none; padding: 3px 10px; cursor: pointer; }
  button:hover { background: var(--vscode-button-secondaryHoverBackground); }
  #grid { position: absolute; top: 38px; bottom: 0; left: 0; right: 0; overflow: auto; font-family: var(--vscode-editor-font-family); }
  #head, .row { display: grid; grid-template-columns: var(--cols); }
  #head { position: sticky; top: 0; z-index: 1; background: var(--vscode-editor-background); font-weight: 600; border-bottom: 1px solid var(--vscode-panel-border); }
  .cell { padding: 0 8px; height: 22px; line-height: 22px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; border-right: 1px solid var(--vscode-panel-border); }
  .row:nth-child(even) { background: var(--vscode-list-hoverBackground); }
  #spacer { position: relative; }
  #rows { position: absolute; left: 0; right: 0; }
</style></head>
<body>
<header><h1 title="${esc(state.title)}">${esc(state.title)}</h1><span id="summary">${esc(summaryText(state))}</span>
<button id="csv">Copy as CSV</button><button id="json">Copy as JSON</button></header>
<div id="grid" role="grid" aria-rowcount="${state.result.rows.length + 1}"><div id="head" role="row"></div><div id="spacer"><div id="rows"></div></div></div>
<script nonce="${page.nonce}">
(() => {
  const vscode = acquireVsCodeApi();
  const data = ${scriptJson(data)};
  const ROW = 22;
  const grid = document.getElementById('grid');
  const head = document.getElementById('head');
  const spacer = document.getElementById('spacer');
  const rowsEl = document.getElementById('rows');
  const text = (v) => v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  document.documentElement.style.setProperty('--cols', data.columns.map(() => 'minmax(80px, max-content)').join(' '));
  for (const c of data.columns) {
    const cell = document.createElement('div');
    cell.className = 'cell'; cell.setAttribute('role', 'columnheader'); cell.textContent = c.name; cell.title = c.name + ': ' + c.type;
    head.appendChild(cell);
  }
  spacer.style.height = (data.rows.length * ROW) + 'px';
  let shown = [-1, -1];
  function render() {
    const first = Math.max(0, Math.floor(grid.scrollTop / ROW) - 10);
    const last = Math.min(data.rows.length, Math.ceil((grid.scrollTop + grid.clientHeight) / ROW) + 10);
    if (first === shown[0] && last === shown[1]) return;
    shown = [first, last];
    rowsEl.style.top = (first * ROW) + 'px';
    const fragment = document.createDocumentFragment();
    for (let i = first; i < last; i++) {
      const row = document.createElement('div');
      row.className = 'row'; row.setAttribute('role', 'row'); row.setAttribute('aria-rowindex', String(i + 2));
      for (const v of data.rows[i]) {
        const cell = document.createElement('div');
        cell.className = 'cell'; cell.setAttribute('role', 'gridcell'); cell.textContent = text(v); cell.title = cell.textContent;
        row.appendChild(cell);
      }
      fragment.appendChild(row);
    }
    rowsEl.replaceChildren(fragment);
  }
  grid.addEventListener('scroll', () => requestAnimationFrame(render));
  window.addEventListener('resize', render);
  document.getElementById('csv').addEventListener('click', () => vscode.postMessage({ type: 'copy', format: 'csv' }));
  document.getElementById('json').addEventListener('click', () => vscode.postMessage({ type: 'copy', format: 'json' }));
  render();
})();
</script></body></html>`;
}
