// Composition root: build the context, then register each feature. Anything
// expensive (Kusto clients, tree-sitter grammars) is created on first use.
import type * as vscode from 'vscode';
import { registerCommands } from './commands';
import { Ctx } from './ctx';
import { IdentityRegistry } from './identities/identityRegistry';
import type { DocumentAnalysis } from './providers/diagnostics/documentAnalysis';
import { registerEditorFeatures } from './providers/register';
import { registerKqlLanguageService } from './providers/kql/registerKql';
import type { ResultsViewState } from './kqlRun/resultsHtml';
import { registerClusterTree } from './views/clusterTree/register';
import type { ClusterTreeProvider } from './views/clusterTree/clusterTreeProvider';
import { PromptService, type Prompts } from './ui/prompts';
import { readinessTesting, registerReadiness, type ReadinessTesting } from './readiness/editor/register';
import { registerLanguageModelTools, type LanguageModelTools } from './lm/register';
import { openWalkthroughOnStart } from './walkthrough/openOnStart';

export interface ExtensionApi {
  /** How long activate() took, in milliseconds (read by the activation benchmark). */
  readonly activationMs: number;
  /** For the extension-host tests only: not a stable API. */
  readonly testing: TestingApi;
}

export interface TestingApi {
  readonly clusterTree: ClusterTreeProvider;
  readonly identities: IdentityRegistry;
  /** Answers the cluster commands' quick picks and confirmations instead of the user; returns the undo. */
  setPrompts(prompts: Partial<Prompts>): () => void;
  /** The last ingestion readiness report, and its fixes as the report's buttons run them. */
  readonly readiness: ReadinessTesting;
  /** The analysis behind the diagnostics (the editor benchmark times it). */
  readonly documentAnalysis: DocumentAnalysis;
  /** The language-model tools by name (their prepareInvocation is what chat shows before running one). */
  readonly lmTools: LanguageModelTools;
  /** What the KQL results view shows (after Run). */
  kqlResults(): ResultsViewState | undefined;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  const ctx = new Ctx(context);
  const identities = new IdentityRegistry(ctx.config);
  ctx.pushExtCleanup(identities);
  const analysis = registerEditorFeatures(ctx, identities);
  const prompts = new PromptService();
  const tree = registerClusterTree(ctx, identities);
  const kql = registerKqlLanguageService(ctx, tree, prompts);
  const readiness = registerReadiness(ctx, { tree, analysis, prompts, identities });
  registerCommands(ctx, { tree, identities, prompts, readiness, kql });
  const lmTools = registerLanguageModelTools(ctx, tree);
  openWalkthroughOnStart(context);
  const testing: TestingApi = {
    clusterTree: tree,
    identities,
    setPrompts: (p) => prompts.use(p),
    readiness: readinessTesting(readiness),
    documentAnalysis: analysis,
    lmTools,
    kqlResults: () => kql.runner.results.last,
  };
  return { activationMs: performance.now() - started, testing };
}

export function deactivate(): void {
  // Everything is disposed through the extension context's subscriptions.
}
