// Hover text for a SAS token that is not one whole URI (a bare token, or the
// query part of a URI split across literals): what it allows and until when,
// and the fix in words. The signature never appears.
import { decodeValue, parseQuery } from '../blob/queryParams';
import { describePermissions } from '../blob/sasParameters';

export function renderSasTokenHover(token: string, usage: string | undefined, now: Date = new Date()): string {
  const start = token.startsWith('?') ? 1 : 0;
  const q = new Map<string, string>();
  for (const p of parseQuery(token, start, token.length)) {
    if (p.name !== 'sig' && !q.has(p.name)) q.set(p.name, decodeValue(token.slice(p.valueStart, p.valueEnd)));
  }
  const lines = ['**Storage SAS token** — a secret in code', ''];
  const sp = q.get('sp');
  lines.push(`- Permissions: ${sp ? describePermissions(sp, q.has('ss') || q.has('srt')).join(', ') : '_none given_'}`);
  const se = q.get('se');
  if (se !== undefined) {
    const t = Date.parse(se);
    lines.push(`- Expires: ${Number.isNaN(t) ? se : new Date(t).toISOString()}${Number.isNaN(t) ? '' : t <= now.getTime() ? ' — **expired**' : ' — still valid'}`);
  }
  lines.push(`- Fix: drop the token and append \`;managed_identity=system\` (or an identity's object id) to the blob URI it is joined to${usage ? `; allow \`${usage}\` in the managed_identity policy` : ''}; then revoke the SAS.`);
  lines.push('', '---', '', '- Signature: `sig=***`');
  if (q.get('sv')) lines.push(`- SAS version: ${q.get('sv')}`);
  return lines.join('\n');
}
