// Runs the readiness checks for one blob, cluster, database and identity and
// returns the report. The flow (which policy usage, read or write) comes from
// `usage`, the source, or defaults to NativeIngestion. Kusto policies, the
// cluster's ARM identities and the storage account are read at once; the role
// check follows (it needs the system identity's object id). The firewall step
// always runs; the database-role step only for continuous export; the
// queued-client step only for SDK code. A step that cannot be checked is
// "unknown" with the reason: nothing that failed to load is ever reported as
// passing.
import type { ClusterIdentity } from '../../clients/arm/identities';
import { isManagedIdentityReference } from '../../core/identity';
import { matchesIdentity } from '../../core/policy/evaluate';
import type { PolicyEntry } from '../../core/policy/model';
import { redactSecrets } from '../../core/secrets/redact';
import { queuedOnlyFindings } from './codeFindings';
import { resolveFlow, type CheckedFlow } from './flow';
import { identityStep, type ClusterIdentities } from './identityStep';
import { step, stepTitle, unknownStep, type IdentityRef, type ReadinessReport, type StepResult } from './model';
import { networkStep } from './networkStep';
import { policyStep, type Policies } from './policyStep';
import { principalStep, type Principals } from './principalStep';
import { roleStep, type RoleStepResult } from './roleStep';
import type { ReadinessInput, ReadinessServices, SourceInput } from './services';
import { sizeStep } from './sizeStep';
import { lookupAccount } from './storageAccount';
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

async function readPrincipals(services: ReadinessServices, database: string, signal?: AbortSignal): Promise<Principals> {
  if (!services.kusto.getDatabasePrincipals) return { kind: 'unavailable', reason: 'Reading database principals is not available here.' };
  try {
    return { kind: 'ok', principals: await services.kusto.getDatabasePrincipals(database, { signal }) };
  } catch (e) {
    return { kind: 'unavailable', reason: message(e) };
  }
}

function isWriteUsage(usage: string): boolean {
  return usage === 'ExportRequest' || usage === 'AutomatedFlows';
}

const KQL_FILE = /\.(kql|csl|kusto)$/i;

function isCode(source: SourceInput | undefined): source is SourceInput {
  return source !== undefined && source.languageId !== 'kusto' && !KQL_FILE.test(source.fileName);
}

/** The queued-only step: SDK code only. */
function clientStep(source: SourceInput): StepResult {
  const file = source.fileName.split(/[\\/]/).pop() ?? source.fileName;
  const findings = queuedOnlyFindings(source.text);
  if (findings.length === 0) return step('client', 'pass', `${file} uses no direct or streaming ingestion client for the managed-identity URI.`);
  const line = (offset: number) => source.text.slice(0, offset).split('\n').length;
  return step('client', 'fail', `${findings.length === 1 ? 'A direct or streaming client' : `${findings.length} direct or streaming clients`} in ${file}: ${findings[0].message}`,
    findings.map((f) => ({ label: `${file}:${line(f.start)} (${source.text.slice(f.start, f.end)})`, value: 'mi-requires-queued-ingestion' })));
}

function sizeFor(input: ReadinessInput, flow: CheckedFlow, isMiUri: boolean): StepResult {
  if (flow.usage.toLowerCase() !== 'nativeingestion') {
    return step('size', 'pass', `The blob size matters only to SDK queued ingestion; ${flow.usage} lets the service read the storage itself.`);
  }
  return sizeStep(input.blobUri, isMiUri, input.source);
}

export async function checkReadiness(input: ReadinessInput, services: ReadinessServices): Promise<ReadinessReport> {
  const given = input.identity && isManagedIdentityReference(input.identity) ? input.identity.toLowerCase() : undefined;
  const flow = resolveFlow(input.blobUri, input.source, input.usage);
  const uri = uriStep(input.blobUri, given ?? 'system');
  const ref = uri.facts.identity ?? given ?? 'system';

  const [policies, cluster, account, principals] = await Promise.all([
    readPolicies(services, input.database, input.signal), readClusterIdentities(input, services),
    lookupAccount(uri.facts.info?.account, services.arm, services.armUnavailable, input.signal),
    flow.usage === 'AutomatedFlows' ? readPrincipals(services, input.database, input.signal) : Promise.resolve(undefined),
  ]);
  const identities = cluster.kind === 'ok' ? cluster.identities : [];
  const systemFromPolicies = policies.kind === 'ok' ? [...(policies.database ?? []), ...(policies.cluster ?? [])].find((e) => e.IsSystem === true)?.ObjectId : undefined;
  const systemObjectId = identities.find((i) => i.kind === 'system')?.objectId ?? systemFromPolicies;
  const objectId = ref === 'system' ? systemObjectId : ref;
  const entry = findEntry(policies, ref, systemObjectId);
  const label = labelFor(ref, objectId, identities, entry);

  const tenantId = identities.find((i) => i.tenantId)?.tenantId;
  let role: RoleStepResult;
  try {
    role = await roleStep({
      accountName: uri.facts.info?.account,
      container: uri.facts.info?.container,
      principalId: objectId,
      principalLabel: label,
      why: ref === 'system' ? 'The system-assigned identity\'s object id is not known: the cluster\'s Azure resource could not be read.' : undefined,
      // DeleteSourceOnSuccess adds delete to what the usage itself needs.
      access: isWriteUsage(flow.usage) ? 'write' : 'read', deletesSource: flow.deletesSource, account, ...(tenantId ? { identityTenantId: tenantId } : {}),
    }, services.arm, services.armUnavailable, input.signal);
  } catch (e) {
    role = { ...unknownStep('role', `Could not check the role assignments of ${label}.`, message(e)), title: stepTitle('role', flow.usage, flow.access) };
  }
  const { recheckAfter, ...roleResult } = role;
  const isSystem = ref === 'system' || (systemObjectId !== undefined && ref === systemObjectId.toLowerCase());
  const isUser = !isSystem && identities.some((i) => i.kind === 'userAssigned' && i.objectId.toLowerCase() === ref);

  const steps = [
    uri.step,
    identityStep(ref, cluster, entry, input.blobUri),
    policyStep(ref, label, input.database, policies, systemObjectId ? { systemObjectId } : {}, flow),
    roleResult,
    sizeFor(input, flow, uri.facts.identity !== undefined),
    networkStep({
      account, ...(isSystem ? { identityKind: 'system' as const } : isUser ? { identityKind: 'user' as const } : {}),
      ...(cluster.kind === 'ok' ? { clusterResourceId: cluster.resourceId } : {}), ...(tenantId ? { clusterTenantId: tenantId } : {}),
      impersonate: /;impersonate\b/i.test(input.blobUri),
    }),
    ...(principals ? [principalStep(input.database, objectId, label, tenantId, principals)] : []),
    ...(isCode(input.source) ? [clientStep(input.source)] : []),
  ].map(redactStep).map((s) => ({ ...s, usage: flow.usage }));
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
    usage: flow.usage,
    access: flow.deletesSource || flow.access === 'write' ? 'write' : 'read',
    ...(recheckAfter ? { recheckAfter } : {}),
  };
}
