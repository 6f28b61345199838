// New policies computed from an existing one. `.alter-merge` can only add, so
// removing a usage or an identity means sending the whole new policy with
// `.alter` (or `.delete` when nothing is left).
import { matchesIdentity, type IdentityMatchOptions } from './evaluate';
import type { PolicyEntry, PolicyEntryInput } from './model';

function unionUsages(a: readonly string[], b: readonly string[]): string[] {
  const out = [...a];
  for (const u of b) {
    if (!out.some((x) => x.toLowerCase() === u.toLowerCase())) out.push(u);
  }
  return out;
}

/** What `.alter-merge` does: usages of the same identity are united, new identities appended. */
export function mergeUsages(
  entries: readonly PolicyEntry[] | null,
  ref: string,
  usages: readonly string[],
  options: IdentityMatchOptions = {},
): PolicyEntry[] {
  const current = [...(entries ?? [])];
  const i = current.findIndex((e) => matchesIdentity(e, ref, options));
  if (i < 0) return [...current, { ObjectId: ref, AllowedUsages: unionUsages([], usages) }];
  current[i] = { ...current[i], AllowedUsages: unionUsages(current[i].AllowedUsages, usages) };
  return current;
}

/**
 * Drops one usage from an identity's entry, and the entry once it allows nothing.
 * An entry that allows `All` keeps it: `All` is removed only when asked by name.
 */
export function removeUsage(
  entries: readonly PolicyEntry[] | null,
  ref: string,
  usage: string,
  options: IdentityMatchOptions = {},
): PolicyEntry[] {
  const out: PolicyEntry[] = [];
  for (const e of entries ?? []) {
    if (!matchesIdentity(e, ref, options)) {
      out.push(e);
      continue;
    }
    const left = e.AllowedUsages.filter((u) => u.toLowerCase() !== usage.toLowerCase());
    if (left.length > 0) out.push({ ...e, AllowedUsages: left });
  }
  return out;
}

export function removeEntry(
  entries: readonly PolicyEntry[] | null,
  ref: string,
  options: IdentityMatchOptions = {},
): PolicyEntry[] {
  return (entries ?? []).filter((e) => !matchesIdentity(e, ref, options));
}

/** The settable part of each entry, ready for `.alter`. */
export function toPolicyInputs(entries: readonly PolicyEntry[]): PolicyEntryInput[] {
  return entries.map((e) => ({ ObjectId: e.ObjectId, AllowedUsages: [...e.AllowedUsages] }));
}
