// Wires the readiness check into the editor: the controller (checks, report
// webview, fixes) and the code lens above managed-identity and SAS URIs. The
// command itself is registered with the others (commands/index.ts).
import * as vscode from 'vscode';
import type { Ctx } from '../../ctx';
import type { DocumentAnalysis } from '../../providers/diagnostics/documentAnalysis';
import type { Prompts } from '../../ui/prompts';
import type { ClusterTreeProvider } from '../../views/clusterTree/clusterTreeProvider';
import type { ReadinessReport, StepId } from '../core/model';
import type { IdentityRegistry } from '../../identities/identityRegistry';
import { registerReadinessCodeDiagnostics } from './codeDiagnostics';
import { ReadinessCodeLensProvider } from './codeLens';
import { ReadinessController } from './controller';
import type { FixOutcome } from './fixes';

const ANY_DOCUMENT: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }];

export interface ReadinessDeps {
  readonly tree: ClusterTreeProvider;
  readonly analysis: DocumentAnalysis;
  readonly prompts: Prompts;
  /** Known identities, for the client-id diagnostic. */
  readonly identities?: IdentityRegistry;
}

/** For the extension-host tests only (through ExtensionApi.testing). */
export interface ReadinessTesting {
  readonly lastReport: ReadinessReport | undefined;
  /** The webview's HTML as last rendered. */
  readonly lastHtml: string | undefined;
  /** What the fix button of a failed step does. */
  applyFix(step: StepId): Promise<FixOutcome>;
}

export function registerReadiness(ctx: Ctx, deps: ReadinessDeps): ReadinessController {
  const controller = new ReadinessController(ctx, deps);
  ctx.pushExtCleanup(controller);
  ctx.pushExtCleanup(vscode.languages.registerCodeLensProvider(ANY_DOCUMENT, new ReadinessCodeLensProvider()));
  if (deps.identities) ctx.pushExtCleanup(registerReadinessCodeDiagnostics(deps.identities));
  return controller;
}

export function readinessTesting(controller: ReadinessController): ReadinessTesting {
  return {
    get lastReport() {
      return controller.lastReport;
    },
    get lastHtml() {
      return controller.lastHtml;
    },
    applyFix: (step) => controller.applyFix(step),
  };
}
