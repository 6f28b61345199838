// What running a block of KQL means: a query or a management command, and
// whether it changes state (then the user confirms first, as in the tree).
import { parseManagedIdentityPolicyCommands } from './policyLiteral';
import type { PolicyTarget } from '../policy/model';

const STATE_CHANGING = ['.alter', '.alter-merge', '.delete', '.drop', '.set', '.set-or-append', '.set-or-replace', '.append',
  '.ingest', '.create', '.create-or-alter', '.create-merge', '.add', '.rename', '.move', '.replace', '.purge', '.clear', '.cancel', '.enable', '.disable'];

/** The first word of the block, past comments and blank lines (`.alter-merge`, `StormEvents`, ...). */
function firstWord(text: string): string {
  const withoutComments = text.replace(/^(\s*\/\/[^\n]*\n)*/, '').trimStart();
  return /^\.?[A-Za-z_][\w-]*/.exec(withoutComments)?.[0].toLowerCase() ?? '';
}

export function isManagementCommand(text: string): boolean {
  return firstWord(text).startsWith('.');
}

export function changesState(text: string): boolean {
  const word = firstWord(text);
  return STATE_CHANGING.includes(word);
}

/** The managed_identity policy a block changes, if it changes one (for refreshing the Clusters view). */
export function changedPolicyTarget(text: string): PolicyTarget | undefined {
  const trimmed = text.trim();
  const command = parseManagedIdentityPolicyCommands(trimmed)[0];
  if (command) return command.level === 'cluster' ? { kind: 'cluster' } : { kind: 'database', database: command.database ?? '' };
  const deleted = /^\.delete\s+(cluster|database\s+(\S+))\s+policy\s+managed_identity\b/i.exec(trimmed);
  if (!deleted) return undefined;
  return deleted[1].toLowerCase() === 'cluster' ? { kind: 'cluster' } : { kind: 'database', database: deleted[2].replace(/^\[?['"]?|['"]?\]?$/g, '') };
}
