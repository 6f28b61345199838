// Kusto.Language results to LSP shapes.
import { CompletionItemKind, DiagnosticSeverity, InsertTextFormat, type CompletionItem, type Diagnostic, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { listItems, type KustoCompletionInfo, type KustoCompletionItem } from '../kqlParser/kustoApi';
import type { PositionedSyntaxError } from './kqlDocument';

export const DIAGNOSTIC_SOURCE = 'Kusto';

export function toDiagnostic(doc: TextDocument, e: PositionedSyntaxError): Diagnostic {
  return {
    range: { start: doc.positionAt(e.docStart), end: doc.positionAt(e.docEnd) },
    severity: e.severity === 'error' ? DiagnosticSeverity.Error : e.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
    code: e.code,
    source: DIAGNOSTIC_SOURCE,
    message: e.message,
  };
}

// Kusto.Language.Editor.CompletionKind, by number.
const KINDS: Record<number, CompletionItemKind> = {
  1: CompletionItemKind.Keyword, 2: CompletionItemKind.Operator, 3: CompletionItemKind.Keyword, 4: CompletionItemKind.Variable,
  5: CompletionItemKind.Value, 6: CompletionItemKind.Keyword, 7: CompletionItemKind.Keyword, 8: CompletionItemKind.Keyword,
  9: CompletionItemKind.Keyword, 10: CompletionItemKind.Keyword, 11: CompletionItemKind.Operator, 12: CompletionItemKind.EnumMember,
  13: CompletionItemKind.Field, 14: CompletionItemKind.Class, 15: CompletionItemKind.Function, 16: CompletionItemKind.Function,
  17: CompletionItemKind.Function, 18: CompletionItemKind.Function, 19: CompletionItemKind.Variable, 20: CompletionItemKind.Variable,
  21: CompletionItemKind.Module, 22: CompletionItemKind.Module, 23: CompletionItemKind.Class, 24: CompletionItemKind.Class,
  25: CompletionItemKind.Class, 26: CompletionItemKind.TypeParameter, 27: CompletionItemKind.Property, 28: CompletionItemKind.Class,
};

function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

function toCompletionItem(item: KustoCompletionItem, range: Range): CompletionItem {
  const before = item.BeforeText ?? item.DisplayText ?? '';
  const after = item.AfterText ?? '';
  const label = item.DisplayText ?? before;
  const result: CompletionItem = {
    label,
    kind: KINDS[item.Kind] ?? CompletionItemKind.Text,
    sortText: item.OrderText ?? label,
    filterText: item.MatchText ?? label,
  };
  if (after) {
    // The caret goes between the two parts, e.g. inside `count()`'s parentheses.
    result.insertTextFormat = InsertTextFormat.Snippet;
    result.textEdit = { range, newText: `${escapeSnippet(before)}$0${escapeSnippet(after)}` };
  } else {
    result.textEdit = { range, newText: before };
  }
  return result;
}

export function toCompletionItems(doc: TextDocument, info: KustoCompletionInfo | null, blockStart: number): CompletionItem[] {
  if (!info) return [];
  const range = { start: doc.positionAt(blockStart + info.EditStart), end: doc.positionAt(blockStart + info.EditStart + info.EditLength) };
  return listItems(info.Items).map((i) => toCompletionItem(i, range));
}
