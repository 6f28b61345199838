// Public surface of the tree-sitter analyzers (no `vscode` import: the CLI reuses it).
export {
  createSizeAnalyzer,
  grammarFor,
  sizeTriggers,
  type AnalyzedDocument,
  type SizeAnalyzer,
  type SizeAnalyzerOptions,
  type SizeLanguageId,
  type TextChange,
} from './sizeAnalyzer';
export { GrammarLoader, type GrammarName } from './loader';
export { applyEdits, RULE_ID as SIZE_RULE_ID } from './fixes';
