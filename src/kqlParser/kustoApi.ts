// The few parts of Kusto.Language (the `@kusto/language-service-next` bridge)
// this project calls, typed by hand: the package's own .d.ts is 1.7 MB of
// global namespaces that would slow every typecheck for a dozen members.
import type { DatabaseSchema } from '../core/kql/databaseSchema';
import type { SignatureSource } from './signatureSource';

/** A .NET IReadOnlyList as the bridge hands it out (an empty one is a plain array). */
export type BridgeList<T> = { Count: number; getItem(index: number): T } | T[];

export function listItems<T>(list: BridgeList<T> | null | undefined): T[] {
  if (!list) return [];
  if (Array.isArray(list)) return list;
  const items: T[] = [];
  for (let i = 0; i < list.Count; i++) items.push(list.getItem(i));
  return items;
}

export interface KustoDiagnostic {
  Code: string | null;
  Severity: string | null;
  Message: string | null;
  Start: number;
  Length: number;
  HasLocation: boolean;
}

export interface KustoCode {
  Kind: string | null;
  GetSyntaxDiagnostics(): BridgeList<KustoDiagnostic> | null;
  GetDiagnostics(): BridgeList<KustoDiagnostic> | null;
}

export interface KustoCompletionItem {
  Kind: number;
  DisplayText: string | null;
  MatchText: string | null;
  OrderText: string | null;
  BeforeText: string | null;
  AfterText: string | null;
}

export interface KustoCompletionInfo {
  Items: BridgeList<KustoCompletionItem> | null;
  EditStart: number;
  EditLength: number;
}

export interface KustoQuickInfo {
  Text: string | null;
}

export interface KustoCodeService {
  GetFormattedText(options: unknown, caretPosition: number): { Text: string | null } | null;
  GetCompletionItems(position: number): KustoCompletionInfo | null;
  GetQuickInfo(position: number): KustoQuickInfo | null;
}

export interface GlobalState {
  readonly __brand?: 'GlobalState';
}

export interface KustoLanguage {
  readonly defaultGlobals: GlobalState;
  parse(text: string, globals?: GlobalState): KustoCode;
  /** Parses and binds names against the globals' database (semantic diagnostics). */
  analyze(text: string, globals: GlobalState): KustoCode;
  codeService(text: string, globals?: GlobalState): KustoCodeService;
  /** Kusto's formatting of one block (its default options). */
  format(service: KustoCodeService): string | undefined;
  /** Parses and binds one block for signature help (the built-in functions bind without a schema). */
  signatureSource(text: string, globals?: GlobalState): SignatureSource;
  /** Globals whose current database is `schema`: its tables, columns and functions. */
  globalsFor(schema: DatabaseSchema): GlobalState;
}
