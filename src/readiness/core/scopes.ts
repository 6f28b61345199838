// Which role assignments apply to a blob, and scopes in words. An assignment
// applies when its scope is the storage account or above it (resource group,
// subscription, management group, root), or the blob's own container.

function segments(scope: string): string[] {
  return scope.split('/').filter(Boolean).map((s) => s.toLowerCase());
}

/** `outer` is `inner` or one of its parents. */
export function isAtOrAbove(outer: string, inner: string): boolean {
  const a = segments(outer);
  const b = segments(inner);
  return a.length <= b.length && a.every((s, i) => s === b[i]);
}

export function containerScope(accountId: string, container: string): string {
  return `${accountId.replace(/\/+$/, '')}/blobServices/default/containers/${container}`;
}

const MANAGEMENT_GROUP = /^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+\/?$/i;

/**
 * A management-group scope. Its text is no prefix of the account's id, but the
 * role-assignment list filtered by principal returns only assignments at,
 * above or below the scope asked about, and nothing below a storage account
 * is a management group: one that comes back is an ancestor of the account.
 */
export function isManagementGroupScope(scope: string): boolean {
  return MANAGEMENT_GROUP.test(scope.trim());
}

export function appliesToBlob(assignmentScope: string, accountId: string, container: string | undefined): boolean {
  if (isAtOrAbove(assignmentScope, accountId) || isManagementGroupScope(assignmentScope)) return true;
  return container !== undefined && container !== '' && segments(assignmentScope).join('/') === segments(containerScope(accountId, container)).join('/');
}

/** "storage account contosodata", "resource group rg-x", "subscription <id>", ... */
export function describeScope(scope: string, subscriptionNames: ReadonlyMap<string, string> = new Map()): string {
  const s = scope.replace(/\/+$/, '');
  if (s === '' || s === '/') return 'the root scope (/)';
  const container = /\/storageAccounts\/([^/]+)\/blobServices\/default\/containers\/([^/]+)$/i.exec(s);
  if (container) return `container '${container[2]}' of storage account ${container[1]}`;
  const account = /\/providers\/Microsoft\.Storage\/storageAccounts\/([^/]+)$/i.exec(s);
  if (account) return `storage account ${account[1]}`;
  const group = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)$/i.exec(s);
  if (group) return `resource group ${group[1]}`;
  const sub = /^\/subscriptions\/([^/]+)$/i.exec(s);
  if (sub) {
    const name = subscriptionNames.get(sub[1].toLowerCase());
    return name && name !== sub[1] ? `subscription ${name} (${sub[1]})` : `subscription ${sub[1]}`;
  }
  const mg = /\/managementGroups\/([^/]+)$/i.exec(s);
  if (mg) return `management group ${mg[1]}`;
  return s;
}
