// What a policy script would change on a cluster. The script's commands are
// played, in order, over the live policies: a command whose result equals
// the policy before it has no effect and is left out, so "Apply" and the CLI
// drift check run and report only what differs.
import { alterMergePolicyCommand, alterPolicyCommand, deletePolicyCommand, PolicyCommandError } from '../kql/commands';
import { quoteName } from '../kql/quote';
import { mergeUsages } from '../policy/edit';
import type { PolicyEntry, PolicyTarget } from '../policy/model';
import type { PolicyStatement, ScriptProblem } from './parseScript';
import {
  compareOrdinal, normalizePolicy, policyOf, samePolicy, systemObjectIdOf, targetKey, withPolicy,
  type ClusterPolicyState, type NormalizedPolicy,
} from './state';

export interface PlannedStep {
  readonly statement: PolicyStatement;
  /** The command to run, as core/kql builds it (what the confirmation shows). */
  readonly command: string;
  readonly before: readonly PolicyEntry[] | null;
  readonly after: readonly PolicyEntry[] | null;
}

export interface PolicyPlan {
  /** The live policies with every command of the script applied. */
  readonly desired: ClusterPolicyState;
  /** Only the commands that change something, in script order. */
  readonly steps: readonly PlannedStep[];
  /** Commands that cannot be run as written (an unknown database, an invalid usage). */
  readonly problems: readonly ScriptProblem[];
}

export function planPolicyScript(live: ClusterPolicyState, statements: readonly PolicyStatement[]): PolicyPlan {
  const system = systemObjectIdOf(live);
  const options = system ? { systemObjectId: system } : {};
  const known = new Set(live.databases.map((d) => d.name));
  let state = live;
  const steps: PlannedStep[] = [];
  const problems: ScriptProblem[] = [];
  for (const statement of statements) {
    const { target } = statement;
    if (target.kind === 'database' && !known.has(target.database)) {
      problems.push({ line: statement.line, message: `Database ${quoteName(target.database)} does not exist on the cluster.` });
      continue;
    }
    let command: string;
    try {
      command = commandFor(statement);
    } catch (e) {
      if (e instanceof PolicyCommandError) {
        problems.push({ line: statement.line, message: e.message });
        continue;
      }
      throw e;
    }
    const before = policyOf(state, target) ?? null;
    const after = effect(statement, before, system);
    if (samePolicy(before, after, options)) continue;
    steps.push({ statement, command, before, after });
    state = withPolicy(state, target, after);
  }
  return { desired: state, steps, problems };
}

function commandFor(s: PolicyStatement): string {
  if (s.kind === 'delete') return deletePolicyCommand(s.target);
  return s.kind === 'alter' ? alterPolicyCommand(s.target, s.entries) : alterMergePolicyCommand(s.target, s.entries);
}

function effect(s: PolicyStatement, before: readonly PolicyEntry[] | null, system: string | undefined): PolicyEntry[] | null {
  const resolve = (id: string) => (id.trim().toLowerCase() === 'system' && system ? system : id.trim());
  if (s.kind === 'delete') return null;
  if (s.kind === 'alter') return s.entries.map((e) => ({ ObjectId: resolve(e.ObjectId), AllowedUsages: [...e.AllowedUsages] }));
  let out: PolicyEntry[] = [...(before ?? [])];
  for (const e of s.entries) out = mergeUsages(out, resolve(e.ObjectId), e.AllowedUsages, system ? { systemObjectId: system } : {});
  return out;
}

export interface PolicyDifference {
  readonly target: PolicyTarget;
  /** What the cluster allows now, and what it would allow after the script. */
  readonly live: NormalizedPolicy;
  readonly file: NormalizedPolicy;
}

/** Every policy that differs between two states, cluster first, then databases by name. */
export function policyDifferences(live: ClusterPolicyState, desired: ClusterPolicyState): PolicyDifference[] {
  const system = systemObjectIdOf(live);
  const options = system ? { systemObjectId: system } : {};
  const targets: PolicyTarget[] = [{ kind: 'cluster' }];
  const names = new Set([...live.databases, ...desired.databases].map((d) => d.name));
  for (const name of [...names].sort(compareOrdinal)) targets.push({ kind: 'database', database: name });
  const out: PolicyDifference[] = [];
  const seen = new Set<string>();
  for (const target of targets) {
    if (seen.has(targetKey(target))) continue;
    seen.add(targetKey(target));
    const a = normalizePolicy(policyOf(live, target) ?? null, options);
    const b = normalizePolicy(policyOf(desired, target) ?? null, options);
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ target, live: a, file: b });
  }
  return out;
}

/** The differences as text: per policy, `-` what only the cluster allows, `+` what only the file does. */
export function formatDifferences(differences: readonly PolicyDifference[]): string {
  const lines: string[] = [];
  for (const d of differences) {
    lines.push(d.target.kind === 'cluster' ? 'cluster policy' : `database ${quoteName(d.target.database)} policy`);
    const ids = [...new Set([...d.live, ...d.file].map(([id]) => id))].sort(compareOrdinal);
    for (const id of ids) {
      const a = d.live.find(([x]) => x === id)?.[1];
      const b = d.file.find(([x]) => x === id)?.[1];
      if (a && b && a.join() === b.join()) continue;
      if (a) lines.push(`  - ${id}: ${a.join(', ')}  (cluster)`);
      if (b) lines.push(`  + ${id}: ${b.join(', ')}  (file)`);
    }
    if (d.file.length === 0) lines.push('  (the file has no policy here)');
    if (d.live.length === 0) lines.push('  (the cluster has no policy here)');
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
