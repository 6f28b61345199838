// Reads many databases' policies with a bound on requests in flight. Each
// database gets its own result, so one that fails never hides the others.
import { setMaxListeners } from 'node:events';
import type { DatabasePolicyResult, LoadAllOptions, PolicyReader } from './api';
import { KustoRequestError } from './errors';

export const DEFAULT_POLICY_LOAD_CONCURRENCY = 48;

export async function loadAllDatabasePolicies(
  reader: Pick<PolicyReader, 'getDatabasePolicy'>,
  databases: readonly string[],
  options: LoadAllOptions = {},
): Promise<DatabasePolicyResult[]> {
  const { signal } = options;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_POLICY_LOAD_CONCURRENCY));
  // Every request in flight listens to the caller's signal: as many listeners as requests, not a leak.
  if (signal) setMaxListeners(Math.max(10, concurrency * 4), signal);
  const results: DatabasePolicyResult[] = new Array(databases.length);
  let next = 0;
  const worker = async () => {
    while (next < databases.length && !signal?.aborted) {
      const i = next++;
      const name = databases[i];
      try {
        results[i] = { name, policy: await reader.getDatabasePolicy(name, { signal }) };
      } catch (e) {
        results[i] = { name, error: e instanceof Error ? e : new Error(String(e)) };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, databases.length) }, worker));
  if (signal?.aborted) throw new KustoRequestError('cancelled', 'Cancelled: loading the databases\' managed_identity policies.');
  return results;
}
