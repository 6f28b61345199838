// The KQL language service: the language client (the server starts on the
// first KQL file), the files' database bindings that feed it schemas, and
// running blocks (code lens "Run", Shift+Enter) with the results view.
import * as vscode from 'vscode';
import type { Ctx } from '../../ctx';
import { KqlRunner, RunCodeLensProvider } from '../../kqlRun/runner';
import type { Prompts } from '../../ui/prompts';
import type { ClusterTreeProvider } from '../../views/clusterTree/clusterTreeProvider';
import { KqlLanguageClient } from './languageClient';
import { SchemaBindings } from './schemaBinding';

export interface KqlFeatures {
  readonly bindings: SchemaBindings;
  readonly runner: KqlRunner;
}

export function registerKqlLanguageService(ctx: Ctx, tree: ClusterTreeProvider, prompts: Prompts): KqlFeatures {
  const client = new KqlLanguageClient(ctx);
  const bindings = new SchemaBindings(ctx, client, tree.connections);
  const runner = new KqlRunner(ctx, bindings, tree, prompts);
  const kusto: vscode.DocumentSelector = [{ language: 'kusto', scheme: 'file' }, { language: 'kusto', scheme: 'untitled' }];
  ctx.pushExtCleanup(vscode.Disposable.from(bindings, client, runner, vscode.languages.registerCodeLensProvider(kusto, new RunCodeLensProvider())));
  return { bindings, runner };
}
