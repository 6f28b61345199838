import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { POLICY_SCRIPT_SCHEME, PolicyScriptDocuments } from './scriptDocuments';

/** The read-only documents the policy comparison shows. */
export function registerPolicyScriptDocuments(ctx: Ctx): PolicyScriptDocuments {
  const documents = new PolicyScriptDocuments();
  ctx.pushExtCleanup(documents);
  ctx.pushExtCleanup(vscode.workspace.registerTextDocumentContentProvider(POLICY_SCRIPT_SCHEME, documents));
  return documents;
}
