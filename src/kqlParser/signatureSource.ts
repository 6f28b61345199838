// The parts of Kusto.Language's syntax tree that signature help reads, typed by
// hand (the package's own type file is 1.7 MB). The parser folder owns them, so
// the language server depends on the parser and never the other way round.

export interface Token { TextStart: number; End: number; Kind: number; Parent: Node | null; GetPreviousToken(): Token | null }
export interface Node { Kind: number; Parent: Node | null }
export interface SeparatedElement { Separator: Token | null }
export interface CallNode extends Node {
  ArgumentList: { OpenParen: Token; CloseParen: Token | null; Expressions: List<SeparatedElement> } | null;
  ReferencedSymbol: { Name: string | null; Signatures?: List<Signature> | null } | null;
}
export interface List<T> { Count: number; getItem(i: number): T }
export interface Parameter { Name: string | null; IsOptional: boolean; IsRepeatable: boolean; TypeKind: number; DeclaredTypes: List<{ Name: string | null }> | null }
export interface Signature { Parameters: List<Parameter> | null; IsHidden: boolean; MaxArgumentCount: number; HasRepeatableParameters: boolean }

/** What signature help needs of Kusto.Language: a parsed and bound block, and two enum values. */
export interface SignatureSource {
  readonly syntax: { GetTokenAt(position: number): Token | null };
  readonly functionCallKind: number;
  /** Kusto.Language.Symbols.ParameterTypeKind by number, for parameters without declared types. */
  readonly parameterKinds: Record<number, string>;
}
