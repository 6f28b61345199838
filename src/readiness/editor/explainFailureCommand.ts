// "Explain Ingestion Failure": takes a failure message or code (an argument,
// or pasted), or reads `.show ingestion failures` of a database and lets the
// user pick one; maps its code to the readiness step that explains it
// (core/ingestionFailures.ts), checks the failed blob and opens the report at
// that step with what the code means.
import type { Command } from '../../commands/commandManager';
import { CommandIds } from '../../commands/ids';
import { asNode } from '../../commands/nodeArgs';
import { scanStorageUris } from '../../core/blob/scanStorageUris';
import { redactSecrets } from '../../core/secrets/redact';
import { describeError } from '../../log';
import type { Prompts } from '../../ui/prompts';
import type { ClusterModel } from '../../views/clusterTree/model/clusterModel';
import { DatabaseNode } from '../../views/clusterTree/model/nodes/databaseNode';
import { explainFailure, type FailureExplanation } from '../core/ingestionFailures';
import { parseIngestionFailures, SHOW_INGESTION_FAILURES, type IngestionFailure } from '../core/kustoReads';
import { STEP_ORDER, STEP_TITLES, type ReadinessReport } from '../core/model';
import { formatWhen } from '../view/reportHtml';
import type { CheckReadinessCommand } from './checkReadinessCommand';
import type { ReadinessController } from './controller';

export interface ExplainResult {
  readonly explanation: FailureExplanation;
  readonly report?: ReadinessReport;
}

function messageOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  const m = (arg as { message?: unknown } | undefined)?.message;
  return typeof m === 'string' ? m : undefined;
}

export class ExplainFailureCommand implements Command {
  readonly id = CommandIds.explainIngestionFailure;

  constructor(private readonly prompts: Prompts, private readonly controller: ReadinessController, private readonly check: CheckReadinessCommand) {}

  async execute(arg?: unknown): Promise<ExplainResult | undefined> {
    try {
      const node = asNode(arg);
      let text = messageOf(arg);
      let cluster: ClusterModel | undefined = node?.cluster;
      let database = node instanceof DatabaseNode ? node.name : undefined;
      let blobUri: string | undefined;
      if (text === undefined && !database) {
        text = await this.prompts.input({
          title: 'Explain ingestion failure',
          placeHolder: 'A failure message or code (Download_Forbidden, BadRequest_InvalidManagedIdentity, …); empty: read .show ingestion failures',
        });
        if (text === undefined) return undefined;
      }
      if (!text?.trim()) {
        cluster ??= await this.check.pickCluster();
        if (!cluster) return undefined;
        database ??= await this.check.pickDatabase(cluster);
        if (!database) return undefined;
        const failure = await this.pickFailure(cluster, database);
        if (!failure) return undefined;
        text = `${failure.errorCode ?? ''} ${failure.details}`;
        blobUri = failure.sourcePath;
      }
      const explanation = explainFailure(text);
      if (!explanation) {
        this.prompts.error('No Kusto ingestion failure code found (codes look like Download_Forbidden or BadRequest_InvalidManagedIdentity).');
        return undefined;
      }
      const at = explanation.step ? STEP_ORDER.indexOf(explanation.step) : -1;
      const notice = `${explanation.code} (${explanation.category}, ${explanation.permanent ? 'permanent' : 'transient'}): ${explanation.meaning}` +
        (explanation.step ? ` See step ${at + 1}, "${STEP_TITLES[explanation.step]}".` : '');
      blobUri ??= scanStorageUris(text).map((m) => text!.slice(m.start, m.end))[0] ?? (await this.check.askUri())?.uri;
      if (!blobUri) {
        this.prompts.info(notice);
        return { explanation };
      }
      cluster ??= await this.check.pickCluster();
      if (!cluster) return { explanation };
      database ??= await this.check.pickDatabase(cluster);
      if (!database) return { explanation };
      const report = await this.controller.explain({ blobUri, cluster, database }, explanation.step, notice);
      return { explanation, report };
    } catch (e) {
      this.prompts.error(`Could not explain the ingestion failure: ${describeError(e)}`);
      return undefined;
    }
  }

  private async pickFailure(cluster: ClusterModel, database: string): Promise<IngestionFailure | undefined> {
    const rows = await cluster.client().runCommand(database, SHOW_INGESTION_FAILURES, { what: `read the ingestion failures of database '${database}' on` });
    const failures = parseIngestionFailures(rows, database);
    if (failures.length === 0) {
      this.prompts.info(`No ingestion failures are recorded for database '${database}'.`);
      return undefined;
    }
    const pick = await this.prompts.pickOne(failures.slice(0, 50).map((f) => ({
      label: f.errorCode ?? explainFailure(f.details)?.code ?? 'Unknown',
      description: [f.table, f.failedOn ? formatWhen(f.failedOn) : undefined].filter(Boolean).join(' · '),
      detail: redactSecrets(`${f.sourcePath ?? ''} ${f.details}`.trim()).slice(0, 300),
      value: f,
    })), { title: `Explain which ingestion failure of '${database}'?` });
    return pick?.value;
  }
}
