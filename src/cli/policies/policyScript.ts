// `policies --format kql` (the export script) and `policies --diff FILE` (the
// drift check): both built from core/policyAsCode, the same code the editor's
// Export, Compare and Apply commands use.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { exportPolicyScript } from '../../core/policyAsCode/exportScript';
import { parsePolicyScript, type ParsedPolicyScript } from '../../core/policyAsCode/parseScript';
import { formatDifferences, planPolicyScript, policyDifferences } from '../../core/policyAsCode/plan';
import type { ClusterPolicyState } from '../../core/policyAsCode/state';
import { EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, UsageError, type CliIo } from '../command';
import { printable } from '../printable';
import type { ClusterPolicies } from './readPolicies';

export function toPolicyState(report: ClusterPolicies): ClusterPolicyState {
  return { cluster: report.clusterPolicy, databases: report.databases.map((d) => ({ name: d.name, policy: d.policy })) };
}

export function formatKql(report: ClusterPolicies): string {
  return exportPolicyScript(toPolicyState(report), { clusterUrl: report.cluster });
}

export interface ScriptFile {
  readonly file: string;
  readonly parsed: ParsedPolicyScript;
}

export async function readScript(file: string, io: CliIo): Promise<ScriptFile> {
  let text: string;
  try {
    text = await fs.readFile(path.resolve(io.cwd, file), 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return { file, parsed: parsePolicyScript(text) };
}

/** Prints what differs; 0 when nothing, 1 when something, 2 when the file cannot be read exactly. */
export function diffScript(report: ClusterPolicies, script: ScriptFile, io: CliIo): number {
  const live = toPolicyState(report);
  const plan = planPolicyScript(live, script.parsed.statements);
  const problems = [...script.parsed.problems, ...plan.problems].sort((a, b) => a.line - b.line);
  for (const p of problems) io.err(`${script.file}:${p.line}: ${p.message}\n`);
  if (problems.length > 0) return EXIT_USAGE;
  if (script.parsed.statements.length === 0) {
    io.err(`kusto-mi: ${script.file} has no managed_identity policy commands\n`);
    return EXIT_USAGE;
  }
  const differences = policyDifferences(live, plan.desired);
  if (differences.length === 0) {
    io.out(`The policies in ${script.file} match ${report.cluster}.\n`);
    return EXIT_CLEAN;
  }
  io.out(`${differences.length} ${differences.length === 1 ? 'policy differs' : 'policies differ'} between ${report.cluster} (-) and ${script.file} (+):\n`);
  // Database names come from the server: escaped line by line, like every other server text.
  io.out(formatDifferences(differences).split('\n').map(printable).join('\n'));
  return EXIT_FINDINGS;
}
