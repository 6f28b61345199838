// Which managed-identity flow a Kusto command belongs to: the policy usage that
// must be allowed for it and whether the identity reads or writes storage. The
// analysis (diagnostics, SARIF `properties.usage`) and the readiness check both
// ask this one function, so a command is never judged two ways. Pure.
//
// Sources (Kusto docs, checked 2026-11): "Managed Identity policy" (usages),
// "Managed identities overview" (workflows), the sql_request, cosmosdb_sql_request,
// externaldata, infer_storage_schema, python, ai_embeddings and ai_chat_completion
// plugin pages, "Continuous export with managed identity" and the query-acceleration
// policy command (its ManagedIdentity must be allowed AutomatedFlows).
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

// A plugin call after `evaluate`, with optional hints (`evaluate hint.distribution=per_node python(...)`).
const plugin = (names: string): RegExp => new RegExp(String.raw`\bevaluate\b[^|;]*?\b(?:${names})\s*\(`, 'i');
// A management command at the start of the text (after comments or blank lines).
const command = (body: string): RegExp => new RegExp(String.raw`^(?:\s|//[^\n]*\n)*\.${body}`, 'i');

// First match wins: the more specific forms come first.
const RULES: readonly Rule[] = [
  { test: command(String.raw`(?:create|create-or-alter|alter)\s+continuous-export\b`), flow: { usage: 'AutomatedFlows', access: 'write' } },
  // Policies whose background work runs as a managed identity.
  { test: command(String.raw`(?:alter|alter-merge)\s+(?:external\s+)?table\s+\S+\s+policy\s+(?:query_acceleration|update)\b`), flow: { usage: 'AutomatedFlows', access: 'read' } },
  { test: command(String.raw`export\b`), flow: { usage: 'ExportRequest', access: 'write' } },
  { test: command(String.raw`(?:create|create-or-alter|alter|alter-merge)\s+external\s+table\b`), flow: { usage: 'ExternalTable', access: 'read' } },
  { test: command(String.raw`ingest\b`), flow: { usage: 'NativeIngestion', access: 'read' } },
  { test: plugin('sql_request|cosmosdb_sql_request|mysql_request|postgresql_request'), flow: { usage: 'SqlRequest', access: 'read' } },
  { test: plugin('infer_storage_schema|infer_storage_schema_with_suggestions'), flow: { usage: 'ExternalDataRequest', access: 'read' } },
  { test: /\bexternaldata\b/i, flow: { usage: 'ExternalDataRequest', access: 'read' } },
  { test: /\bexternal_table\s*\(/i, flow: { usage: 'ExternalTable', access: 'read' } },
  { test: plugin('python|r'), flow: { usage: 'SandboxArtifacts', access: 'read', clusterOnly: true } },
  { test: plugin('ai_embeddings|ai_embed_text|ai_chat_completion|ai_chat_completion_prompt'), flow: { usage: 'AzureAI', access: 'read' } },
];

/** The flow of one Kusto command or query, or undefined when it names none. */
export function flowForCommand(commandText: string): ManagedIdentityFlow | undefined {
  return RULES.find((rule) => rule.test.test(commandText))?.flow;
}

/** Queued ingestion through the SDKs: the flow of code that is not a Kusto command. */
export const QUEUED_INGESTION_FLOW: ManagedIdentityFlow = { usage: 'NativeIngestion', access: 'read' };
