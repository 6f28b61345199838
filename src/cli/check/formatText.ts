// `kusto-mi check` as text: the context, one line per step (✔ pass, ✖ fail,
// ? unknown) with its summary, the fix or the reason below it, and a verdict.
import { redactSecrets } from '../../core/secrets/redact';
import { printable, terminalSafeJson } from '../printable';
import type { ReadinessFix, ReadinessReport, Verdict } from '../../readiness/core/model';

export const SYMBOLS: Readonly<Record<Verdict, string>> = { pass: '✔', fail: '✖', unknown: '?' };

/** The fix as lines of text: a manual fix spans several, each escaped on its own. */
function fixLines(fix: ReadinessFix): string[] {
  switch (fix.kind) {
    case 'rewriteUri': return [`${fix.title}: ${fix.newUri}`];
    case 'grantUsage': return [`${fix.title}: ${fix.command}`];
    case 'assignRole': return [`${fix.title}: az role assignment create --assignee-object-id ${fix.principalId} --assignee-principal-type ServicePrincipal --role "${fix.roleName}" --scope ${fix.scope}`];
    case 'addSize': return [`${fix.title} (${fix.edits.length === 1 ? '1 edit' : `${fix.edits.length} edits`}; the VS Code extension applies it)`];
    case 'addPrincipal': return [`${fix.title}: ${fix.command}`];
    case 'manual': return [`${fix.title}`, `      portal: ${fix.portal}`, `      ARM: ${fix.armProperty}`, ...(fix.cli ? [`      az: ${fix.cli}`] : [])];
  }
}

export function formatText(report: ReadinessReport): string {
  const lines = [
    `Blob      ${report.blobUri}`,
    `Cluster   ${report.clusterUrl}, database ${report.database}`,
    `Identity  ${report.identity.label}${report.identity.source === 'default' ? ' (assumed: the URI names none)' : ''}`,
    ...(report.usage ? [`Usage     ${report.usage} (${report.access === 'write' ? 'writes to' : 'reads'} storage)`] : []),
    '',
  ];
  report.steps.forEach((s, i) => {
    lines.push(`${SYMBOLS[s.verdict]} ${i + 1}. ${s.title}: ${s.summary}`);
    if (s.verdict === 'unknown' && s.reason) lines.push(`    why: ${s.reason}`);
    if (s.verdict === 'fail' && s.fix) {
      const [first, ...rest] = fixLines(s.fix);
      lines.push(`    fix: ${first}`, ...rest);
    }
  });
  if (report.recheckAfter) lines.push('', `A role was assigned moments ago: check again after ${report.recheckAfter}.`);
  const failed = report.steps.filter((s) => s.verdict === 'fail').length;
  const unknown = report.steps.filter((s) => s.verdict === 'unknown').length;
  lines.push('', report.ready ? 'Ready: every check passed.'
    : `Not ready: ${[failed ? `${failed} failed` : '', unknown ? `${unknown} could not be checked` : ''].filter(Boolean).join(', ')}.`, '');
  // Summaries and reasons carry server text (names, errors): each line is escaped.
  return redactSecrets(lines.map(printable).join('\n'));
}

export function formatJson(report: ReadinessReport): string {
  return `${terminalSafeJson(redactSecrets(JSON.stringify(report, null, 2)))}\n`;
}
