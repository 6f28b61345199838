// kustoMi_findSecrets: where the workspace holds SAS URIs and storage account
// keys, by file and line. The secret itself is never returned: a URI is cut
// before its query, a key is named, not shown.
import * as vscode from 'vscode';
import { RULES } from '../../core/findings';
import { LineIndex } from '../../core/scan/analyzeText';
import type { Ctx } from '../../ctx';
import { toolResult, uriWithoutCredentials } from '../toolResult';
import { scanWorkspace } from '../workspaceScan';

export interface FindSecretsInput {
  /** A glob of files to look in (default: the whole workspace). */
  readonly include?: string;
}

const MAX_RESULTS = 200;

export class FindSecretsTool implements vscode.LanguageModelTool<FindSecretsInput> {
  static readonly id = 'kustoMi_findSecrets';
  constructor(private readonly ctx: Ctx) {}

  prepareInvocation(): vscode.PreparedToolInvocation {
    return { invocationMessage: 'Looking for SAS URIs and storage keys in the workspace' };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<FindSecretsInput>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    const files = await scanWorkspace(this.ctx, options.input.include, [], token);
    const found = files.flatMap(({ uri, text, findings }) => {
      const lines = new LineIndex(text);
      return findings
        .filter((f) => f.ruleId !== 'mi-blob-size-missing')
        .map((f) => {
          const at = lines.positionAt(f.start);
          const match = text.slice(f.start, f.end);
          return {
            file: vscode.workspace.asRelativePath(uri),
            line: at.line,
            column: at.column,
            rule: RULES[f.ruleId].name,
            what: RULES[f.ruleId].shortDescription,
            ...(f.ruleId === 'sas-blob-uri' && /^https?:\/\//i.test(match) ? { blob: uriWithoutCredentials(match) } : {}),
            rewritable: f.fixes.length > 0,
          };
        });
    });
    if (found.length === 0) return toolResult('No SAS URI or storage account key was found in the workspace.');
    return toolResult(
      `${found.length} secret(s) in ${files.length} file(s)${found.length > MAX_RESULTS ? ` (first ${MAX_RESULTS} shown)` : ''}. The secret values are not shown. ` +
      'kustoMi_proposeRewrite proposes the managed-identity form of the rewritable ones.',
      found.slice(0, MAX_RESULTS));
  }
}
