// Syntax errors of one block of KQL, as the parser reports them (codes KS...).
// Syntax only: name resolution needs the cluster's schema, and without one
// every table would be "unknown".
import { listItems, type GlobalState, type KustoDiagnostic, type KustoLanguage } from './kustoApi';

export interface KqlSyntaxError {
  /** Offsets into the block's text. */
  readonly start: number;
  readonly end: number;
  readonly code: string;
  readonly message: string;
  readonly severity: 'error' | 'warning' | 'information';
}

export function syntaxErrors(kusto: KustoLanguage, text: string): KqlSyntaxError[] {
  return listItems(kusto.parse(text).GetSyntaxDiagnostics()).map(toError);
}

/** Syntax and semantic diagnostics (unknown tables, columns, functions...): only with a schema's globals. */
export function semanticDiagnostics(kusto: KustoLanguage, text: string, globals: GlobalState): KqlSyntaxError[] {
  return listItems(kusto.analyze(text, globals).GetDiagnostics()).map(toError);
}

function toError(d: KustoDiagnostic): KqlSyntaxError {
  return {
    start: d.HasLocation ? d.Start : 0,
    end: d.HasLocation ? d.Start + d.Length : 0,
    code: d.Code ?? 'KS000',
    message: d.Message ?? '',
    severity: d.Severity === 'Warning' ? 'warning' : d.Severity === 'Error' ? 'error' : 'information',
  };
}
