// The KQL language service: the language client (the server starts on the
// first KQL file) and the files' database bindings that feed it schemas.
import * as vscode from 'vscode';
import type { Ctx } from '../../ctx';
import { KqlLanguageClient } from './languageClient';
import { SchemaBindings, type SchemaSource } from './schemaBinding';

export function registerKqlLanguageService(ctx: Ctx, source: SchemaSource): SchemaBindings {
  const client = new KqlLanguageClient(ctx);
  const bindings = new SchemaBindings(ctx, client, source);
  ctx.pushExtCleanup(vscode.Disposable.from(bindings, client));
  return bindings;
}
