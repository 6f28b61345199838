// Folds each blank-line-separated query or command of a KQL file.
import * as vscode from 'vscode';
import { queryBlocks } from '../../core/kql/queryBlocks';

export class QueryFoldingProvider implements vscode.FoldingRangeProvider {
  provideFoldingRanges(document: vscode.TextDocument): vscode.FoldingRange[] {
    return queryBlocks(document.getText()).map((b) => new vscode.FoldingRange(b.startLine, b.endLine, vscode.FoldingRangeKind.Region));
  }
}
