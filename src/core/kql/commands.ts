// Builders for the managed_identity policy commands. Every input is validated
// here (object ids, usage names, names), so the text sent to a cluster is
// always well formed and nothing the user typed can change its meaning.
import { isGuid, isManagedIdentityReference } from '../identity';
import type { PolicyEntryInput, PolicyTarget } from '../policy/model';
import { getUsageIgnoreCase, USAGE_NAMES } from './usages';
import { KqlQuoteError, quoteName, showName } from './quote';

export class PolicyCommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyCommandError';
  }
}

const POLICY = 'policy managed_identity';

function entity(target: PolicyTarget): string {
  if (target.kind === 'cluster') return 'cluster';
  try {
    return `database ${quoteName(target.database)}`;
  } catch (e) {
    if (e instanceof KqlQuoteError) throw new PolicyCommandError(`Invalid database name ${showName(target.database)}: ${e.message}`);
    throw e;
  }
}

export function showDatabasesCommand(): string {
  return '.show databases';
}

export function showPolicyCommand(target: PolicyTarget): string {
  return `.show ${entity(target)} ${POLICY}`;
}

export function deletePolicyCommand(target: PolicyTarget): string {
  return `.delete ${entity(target)} ${POLICY}`;
}

/** `.alter-merge`: adds usages to what is there; existing entries of other identities stay. */
export function alterMergePolicyCommand(target: PolicyTarget, entries: readonly PolicyEntryInput[]): string {
  if (entries.length === 0) throw new PolicyCommandError('Nothing to merge: give at least one identity and usage.');
  return `.alter-merge ${entity(target)} ${POLICY} ${policyLiteral(target, entries)}`;
}

/** `.alter`: replaces the whole policy with `entries`. */
export function alterPolicyCommand(target: PolicyTarget, entries: readonly PolicyEntryInput[]): string {
  return `.alter ${entity(target)} ${POLICY} ${policyLiteral(target, entries)}`;
}

/**
 * The documented literal: `"[ { 'ObjectId' : '<guid>', 'AllowedUsages' : 'NativeIngestion, ExternalTable' } ]"`.
 * Object ids and usages are validated first, so they never need escaping.
 */
export function policyLiteral(target: PolicyTarget, entries: readonly PolicyEntryInput[]): string {
  const items = entries.map((e) => {
    const objectId = validObjectId(e.ObjectId);
    const usages = validUsages(target, e.AllowedUsages, objectId);
    return `{ 'ObjectId' : '${objectId}', 'AllowedUsages' : '${usages.join(', ')}' }`;
  });
  return items.length === 0 ? '"[]"' : `"[ ${items.join(', ')} ]"`;
}

function validObjectId(value: string): string {
  const v = value.trim();
  if (!isManagedIdentityReference(v)) {
    throw new PolicyCommandError(
      `'${value}' is not a managed identity object id: use 'system' or the identity's principal (object) id, a GUID.`,
    );
  }
  return isGuid(v) ? v.toLowerCase() : 'system';
}

function validUsages(target: PolicyTarget, usages: readonly string[], objectId: string): string[] {
  if (usages.length === 0) throw new PolicyCommandError(`No usage given for identity ${objectId}.`);
  const out: string[] = [];
  for (const raw of usages) {
    const usage = getUsageIgnoreCase(raw.trim());
    if (usage === undefined) {
      throw new PolicyCommandError(`Unknown managed identity usage '${raw}'. Known usages: ${USAGE_NAMES.join(', ')}.`);
    }
    if (!usage.levels.includes(target.kind)) {
      throw new PolicyCommandError(`${usage.name} can only be allowed in the ${usage.levels.join(' or ')}-level managed_identity policy.`);
    }
    if (!out.includes(usage.name)) out.push(usage.name);
  }
  return out;
}
