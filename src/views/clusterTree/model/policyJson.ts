// A policy as the service shows it (`.show ... policy managed_identity`): the
// service's field names, AllowedUsages as one comma-separated string. Used by
// the read-only JSON view and the CLI's JSON output.
import type { PolicyEntry } from '../../../core/policy/model';

export interface ServicePolicyEntry {
  readonly ObjectId: string;
  readonly ClientId?: string;
  readonly TenantId?: string;
  readonly DisplayName?: string;
  readonly IsSystem?: boolean;
  readonly AllowedUsages: string;
}

export function toServiceJson(entries: readonly PolicyEntry[] | null): ServicePolicyEntry[] {
  return (entries ?? []).map((e) => ({
    ObjectId: e.ObjectId,
    ...(e.ClientId !== undefined ? { ClientId: e.ClientId } : {}),
    ...(e.TenantId !== undefined ? { TenantId: e.TenantId } : {}),
    ...(e.DisplayName !== undefined ? { DisplayName: e.DisplayName } : {}),
    ...(e.IsSystem !== undefined ? { IsSystem: e.IsSystem } : {}),
    AllowedUsages: e.AllowedUsages.join(', '),
  }));
}
