// Registers the editor features: diagnostics, quick fixes, hovers, completion.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createSizeAnalyzer, type SizeAnalyzer } from '../analyzers';
import type { Ctx } from '../ctx';
import type { IdentityRegistry } from '../identities/identityRegistry';
import { lazy } from '../util/lazy';
import { FindingCodeActionProvider } from './codeActions';
import { DocumentAnalysis } from './diagnostics/documentAnalysis';
import { IdentityHoverProvider } from './kql/identityHover';
import { PolicyCompletionProvider } from './kql/policyCompletion';
import { QueryFoldingProvider } from './kql/queryFolding';
import { StorageUriHoverProvider } from './storageUriHover';

/** Every document the user edits, saved or not. */
const ANY_DOCUMENT: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }];
const KUSTO: vscode.DocumentSelector = [{ language: 'kusto', scheme: 'file' }, { language: 'kusto', scheme: 'untitled' }];

export function registerEditorFeatures(ctx: Ctx, identities: IdentityRegistry): DocumentAnalysis {
  // Tree-sitter and its grammars load on the first document that needs them.
  const sizeAnalyzer = lazy<SizeAnalyzer>(() => createSizeAnalyzer({ wasmDir: path.join(ctx.extensionUri.fsPath, 'dist', 'wasm') }));
  const analysis = new DocumentAnalysis(ctx, identities, () => sizeAnalyzer.value);
  ctx.pushExtCleanup(vscode.Disposable.from(
    analysis,
    vscode.languages.registerCodeActionsProvider(ANY_DOCUMENT, new FindingCodeActionProvider(analysis, identities), FindingCodeActionProvider.metadata),
    vscode.languages.registerHoverProvider(ANY_DOCUMENT, new StorageUriHoverProvider(analysis, identities)),
    vscode.languages.registerHoverProvider(ANY_DOCUMENT, new IdentityHoverProvider(identities)),
    vscode.languages.registerCompletionItemProvider(KUSTO, new PolicyCompletionProvider(identities), ...PolicyCompletionProvider.triggerCharacters),
    vscode.languages.registerFoldingRangeProvider(KUSTO, new QueryFoldingProvider()),
  ));
  return analysis;
}
