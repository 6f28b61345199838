// Runs the five readiness checks for one blob, cluster, database and identity
// and returns the report. Kusto policies and the cluster's ARM identities are
// read at once; the role check follows (it needs the system identity's object
// id). A step that cannot be checked is "unknown" with the reason: nothing
// that failed to load is ever reported as passing.
import type { ClusterIdentity } from '../../clients/arm/identities';
import { isManagedIdentityReference } from '../../core/identity';
import { matchesIdentity } from '../../core/policy/evaluate';
import type { PolicyEntry } from '../../core/policy/model';
import { redactSecrets } from '../../core/secrets/redact';
import { identityStep, type ClusterIdentities } from './identityStep';
import { unknownStep, type IdentityRef, type ReadinessReport, type StepResult } from './model';
import { policyStep, type Policies } from './policyStep';
import { roleStep } from './roleStep';
import type { ReadinessInput, ReadinessServices } from './services';
import { sizeStep } from './sizeStep';
import { uriStep } from './uriStep';

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function readPolicies(services: ReadinessServices, database: string, signal?: AbortSignal): Promise<Policies> {
  try {
    const [cluster, db] = await Promise.all([services.kusto.getClusterPolicy({ signal }), services.kusto.getDatabasePolicy(database, { signal })]);
    return { kind: 'ok', cluster, database: db };
  } catch (e) {
    return { kind: 'unavailable', reason: message(e) };
  }
}

async function readClusterIdentities(input: ReadinessInput, services: ReadinessServices): Promise<ClusterIdentities> {
  const arm = services.arm;
  if (!arm) return { kind: 'unavailable', reason: services.armUnavailable ?? 'Azure Resource Manager is not available.' };
  try {
    if (input.clusterResourceId) {
      return { kind: 'ok', resourceId: input.clusterResourceId, identities: await arm.clusterIdentities(input.clusterResourceId, input.signal) };
    }
    if (!arm.findCluster) {
      return { kind: 'unavailable', reason: 'The cluster\'s Azure resource id is not known: add "resourceId" to its entry in kustoMi.clusters (Discover Clusters in Azure does this).' };
    }
    const found = await arm.findCluster(input.clusterUrl, input.signal);
    return found
      ? { kind: 'ok', resourceId: found.resourceId, identities: found.identities }
      : { kind: 'unavailable', reason: `No Kusto cluster with the URI ${input.clusterUrl} was found in the subscriptions the signed-in account can read.` };
  } catch (e) {
    return { kind: 'unavailable', reason: message(e) };
  }
}

function findEntry(policies: Policies, ref: string, systemObjectId: string | undefined): PolicyEntry | undefined {
  if (policies.kind !== 'ok') return undefined;
  const options = systemObjectId ? { systemObjectId } : {};
  return [...(policies.database ?? []), ...(policies.cluster ?? [])].find((e) => matchesIdentity(e, ref, options));
}

function labelFor(ref: string, objectId: string | undefined, identities: readonly ClusterIdentity[], entry: PolicyEntry | undefined): string {
  if (ref === 'system') return objectId ? `the system-assigned identity (${objectId})` : 'the system-assigned identity';
  const name = identities.find((i) => i.objectId.toLowerCase() === ref)?.displayName ?? entry?.DisplayName;
  return name ? `${name} (${ref})` : ref;
}

function redactStep(s: StepResult): StepResult {
  return {
    ...s,
    summary: redactSecrets(s.summary),
    evidence: s.evidence.map((e) => ({ label: redactSecrets(e.label), value: redactSecrets(e.value) })),
    ...(s.reason ? { reason: redactSecrets(s.reason) } : {}),
  };
}

export async function checkReadiness(input: ReadinessInput, services: ReadinessServices): Promise<ReadinessReport> {
  const given = input.identity && isManagedIdentityReference(input.identity) ? input.identity.toLowerCase() : undefined;
  const uri = uriStep(input.blobUri, given ?? 'system');
  const ref = uri.facts.identity ?? given ?? 'system';

  const [policies, cluster] = await Promise.all([readPolicies(services, input.database, input.signal), readClusterIdentities(input, services)]);
  const identities = cluster.kind === 'ok' ? cluster.identities : [];
  const systemFromPolicies = policies.kind === 'ok' ? [...(policies.database ?? []), ...(policies.cluster ?? [])].find((e) => e.IsSystem === true)?.ObjectId : undefined;
  const systemObjectId = identities.find((i) => i.kind === 'system')?.objectId ?? systemFromPolicies;
  const objectId = ref === 'system' ? systemObjectId : ref;
  const entry = findEntry(policies, ref, systemObjectId);
  const label = labelFor(ref, objectId, identities, entry);

  let role: StepResult;
  try {
    role = await roleStep({
      accountName: uri.facts.info?.account,
      container: uri.facts.info?.container,
      principalId: objectId,
      principalLabel: label,
      why: ref === 'system' ? 'The system-assigned identity\'s object id is not known: the cluster\'s Azure resource could not be read.' : undefined,
    }, services.arm, services.armUnavailable, input.signal);
  } catch (e) {
    role = unknownStep('role', `Could not check the role assignments of ${label}.`, message(e));
  }

  const steps = [
    uri.step,
    identityStep(ref, cluster, entry),
    policyStep(ref, label, input.database, policies, systemObjectId ? { systemObjectId } : {}),
    role,
    sizeStep(input.blobUri, uri.facts.identity !== undefined, input.source),
  ].map(redactStep);
  const identity: IdentityRef = {
    ref, label, ...(objectId ? { objectId } : {}),
    source: uri.facts.identity ? 'uri' : given ? 'given' : 'default',
  };
  return {
    blobUri: redactSecrets(input.blobUri),
    clusterUrl: input.clusterUrl,
    database: input.database,
    identity,
    steps,
    ready: steps.every((s) => s.verdict === 'pass'),
    checkedAt: new Date().toISOString(),
  };
}
