// Which managed-identity flow a Kusto command belongs to: the policy usage that
// must be allowed for it and whether the identity reads or writes storage. The
// analysis (diagnostics, SARIF `properties.usage`) and the readiness check both
// ask this one function, so a command is never judged two ways. Pure.
import type { ManagedIdentityUsage } from '../kql/usages';

export type StorageAccess = 'read' | 'write';

export interface ManagedIdentityFlow {
  /** The `managed_identity` policy usage the command needs. */
  readonly usage: ManagedIdentityUsage;
  /** What the identity must be allowed to do on the storage it names. */
  readonly access: StorageAccess;
  /** Whether the usage may only be allowed in the cluster-level policy. */
  readonly clusterOnly?: boolean;
}

interface Rule {
  readonly test: RegExp;
  readonly flow: ManagedIdentityFlow;
}

// First match wins: the more specific forms come first.
const RULES: readonly Rule[] = [
  { test: /^\s*\.(create|create-or-alter|alter)\s+continuous-export\b/i, flow: { usage: 'AutomatedFlows', access: 'write' } },
  { test: /^\s*\.export\b/i, flow: { usage: 'ExportRequest', access: 'write' } },
  { test: /^\s*\.(create|create-or-alter|alter|alter-merge)\s+external\s+table\b/i, flow: { usage: 'ExternalTable', access: 'read' } },
  { test: /^\s*\.ingest\b/i, flow: { usage: 'NativeIngestion', access: 'read' } },
  { test: /\bevaluate\s+(sql_request|cosmosdb_sql_request|mysql_request|postgresql_request)\s*\(/i, flow: { usage: 'SqlRequest', access: 'read' } },
  { test: /\bexternaldata\b/i, flow: { usage: 'ExternalDataRequest', access: 'read' } },
  { test: /\bexternal_table\s*\(/i, flow: { usage: 'ExternalTable', access: 'read' } },
  { test: /\bevaluate\s+(python|r)\s*\(/i, flow: { usage: 'SandboxArtifacts', access: 'read', clusterOnly: true } },
  { test: /\b(ai_embed_text|ai_chat_completion\w*)\s*\(/i, flow: { usage: 'AzureAI', access: 'read' } },
];

/** The flow of one Kusto command or query, or undefined when it names none. */
export function flowForCommand(commandText: string): ManagedIdentityFlow | undefined {
  return RULES.find((rule) => rule.test.test(commandText))?.flow;
}

/** Queued ingestion through the SDKs: the flow of code that is not a Kusto command. */
export const QUEUED_INGESTION_FLOW: ManagedIdentityFlow = { usage: 'NativeIngestion', access: 'read' };
