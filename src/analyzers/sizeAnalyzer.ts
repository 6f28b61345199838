// Rule `mi-blob-size-missing`: a managed-identity blob URI ingested without the
// raw data size. One-shot analysis for the CLI, and documents that follow editor
// changes with incremental tree-sitter parsing for the extension.

import type { Finding } from '../core/findings';
import { createCSharpRules, CSHARP_TRIGGERS } from './csharp';
import { createGoRules, GO_TRIGGERS } from './go';
import { createJavaRules, JAVA_TRIGGERS } from './java';
import { AnalysisCache, analyzeTree, mentionsAny, type LanguageRules } from './language';
import { GrammarLoader, type GrammarName, type LoadedGrammar, type Node, type Point, type Tree } from './loader';
import { hasMiMarker } from './miLiteral';
import { createPythonRules, PYTHON_TRIGGERS } from './python';
import { createTypeScriptRules, TYPESCRIPT_TRIGGERS } from './typescript';

/** VS Code language ids the analyzer handles. */
export type SizeLanguageId = 'csharp' | 'python' | 'typescript' | 'typescriptreact' | 'javascript' | 'javascriptreact' | 'go' | 'java';

const GRAMMAR_OF: Readonly<Record<SizeLanguageId, GrammarName>> = {
  csharp: 'c-sharp',
  python: 'python',
  typescript: 'typescript',
  typescriptreact: 'tsx',
  javascript: 'javascript',
  javascriptreact: 'javascript',
  go: 'go',
  java: 'java',
};

const RULES_OF: Readonly<Record<GrammarName, (g: LoadedGrammar) => LanguageRules>> = {
  'c-sharp': createCSharpRules,
  python: createPythonRules,
  typescript: createTypeScriptRules,
  tsx: createTypeScriptRules,
  javascript: createTypeScriptRules,
  go: createGoRules,
  java: createJavaRules,
};

/** Callee names per grammar: a file without any of them cannot have a finding. */
const TRIGGERS_OF: Readonly<Record<GrammarName, readonly string[]>> = {
  'c-sharp': CSHARP_TRIGGERS,
  python: PYTHON_TRIGGERS,
  typescript: TYPESCRIPT_TRIGGERS,
  tsx: TYPESCRIPT_TRIGGERS,
  javascript: TYPESCRIPT_TRIGGERS,
  go: GO_TRIGGERS,
  java: JAVA_TRIGGERS,
};

const EXTENSIONS: Readonly<Record<string, SizeLanguageId>> = {
  '.cs': 'csharp',
  '.csx': 'csharp',
  '.py': 'python',
  '.pyi': 'python',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'typescriptreact',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascriptreact',
  '.go': 'go',
  '.java': 'java',
};

/** One content change, as in VS Code's `TextDocumentContentChangeEvent` (UTF-16 offsets). */
export interface TextChange {
  readonly rangeOffset: number;
  readonly rangeLength: number;
  readonly text: string;
}

export interface AnalyzedDocument {
  readonly languageId: SizeLanguageId;
  readonly text: string;
  readonly findings: readonly Finding[];
  /**
   * Applies `changes` in order (each relative to the text after the previous
   * ones, as VS Code reports them), re-parses incrementally and re-analyses.
   * `newText` is the document's full text afterwards; when the changes do not
   * produce it, the document is parsed from scratch.
   */
  update(changes: readonly TextChange[], newText: string): Finding[];
  /** Frees the syntax tree. */
  dispose(): void;
}

export interface SizeAnalyzer {
  /** The language id for a file name, from its extension. */
  languageForFile(fileName: string): SizeLanguageId | undefined;
  supportsLanguage(languageId: string): languageId is SizeLanguageId;
  /** One-shot analysis. Rejects for an unsupported language. */
  analyze(text: string, languageId: string): Promise<Finding[]>;
  openDocument(languageId: string, text: string): Promise<AnalyzedDocument>;
  /** Grammars loaded so far (e.g. `['c-sharp']`), for diagnostics and the memory bench. */
  loadedLanguages(): GrammarName[];
}

export interface SizeAnalyzerOptions {
  /** Folder holding tree-sitter.wasm and the tree-sitter-<language>.wasm grammars. */
  readonly wasmDir: string;
  /** Called before each one-shot parse (the CLI counts them to prove its prefilter). */
  readonly onParse?: () => void;
}

/** The tree-sitter grammar that parses `languageId`. */
export function grammarFor(languageId: SizeLanguageId): GrammarName {
  return GRAMMAR_OF[languageId];
}

/** The callee names a file of `languageId` must mention for any finding (ASCII identifiers). */
export function sizeTriggers(languageId: SizeLanguageId): readonly string[] {
  return TRIGGERS_OF[GRAMMAR_OF[languageId]];
}

interface LanguageKit {
  readonly grammar: LoadedGrammar;
  readonly rules: LanguageRules;
}

export function createSizeAnalyzer(options: SizeAnalyzerOptions): SizeAnalyzer {
  const loader = new GrammarLoader(options.wasmDir);
  const kits = new Map<GrammarName, Promise<LanguageKit>>();

  const supportsLanguage = (languageId: string): languageId is SizeLanguageId =>
    Object.prototype.hasOwnProperty.call(GRAMMAR_OF, languageId);

  function kitFor(languageId: string): Promise<LanguageKit> {
    if (!supportsLanguage(languageId)) return Promise.reject(new Error(`mi-blob-size-missing: unsupported language '${languageId}'`));
    const name = GRAMMAR_OF[languageId];
    let kit = kits.get(name);
    if (!kit) {
      kit = loader.grammar(name).then((grammar) => ({ grammar, rules: RULES_OF[name](grammar) }));
      kits.set(name, kit);
      kit.catch(() => kits.delete(name));
    }
    return kit;
  }

  return {
    languageForFile(fileName) {
      const dot = fileName.lastIndexOf('.');
      return dot < 0 ? undefined : EXTENSIONS[fileName.slice(dot).toLowerCase()];
    },
    supportsLanguage,
    async analyze(text, languageId) {
      if (!supportsLanguage(languageId)) throw new Error(`mi-blob-size-missing: unsupported language '${languageId}'`);
      // Without the marker and a callee name no finding is possible: skip loading the grammar.
      if (!hasMiMarker(text) || !mentionsAny(text, TRIGGERS_OF[GRAMMAR_OF[languageId]])) return [];
      const kit = await kitFor(languageId);
      options.onParse?.();
      const tree = kit.grammar.parser.parse(text);
      if (!tree) return [];
      try {
        return analyzeTree(kit.rules, tree.rootNode, text);
      } finally {
        tree.delete();
      }
    },
    async openDocument(languageId, text) {
      const kit = await kitFor(languageId);
      return new IncrementalDocument(languageId as SizeLanguageId, kit, text);
    },
    loadedLanguages: () => loader.loadedGrammars(),
  };
}

/** Row/column (UTF-16 code units, rows split on "\n", as tree-sitter counts them) of `offset`. */
export function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** The point reached from `start` after `inserted`. */
function advance(start: Point, inserted: string): Point {
  const lastBreak = inserted.lastIndexOf('\n');
  if (lastBreak < 0) return { row: start.row, column: start.column + inserted.length };
  let rows = 0;
  for (let i = inserted.indexOf('\n'); i >= 0; i = inserted.indexOf('\n', i + 1)) rows++;
  return { row: start.row + rows, column: inserted.length - lastBreak - 1 };
}

class IncrementalDocument implements AnalyzedDocument {
  private tree: Tree | null;
  private readonly cache = new AnalysisCache();
  private current: string;
  private results: Finding[];

  constructor(readonly languageId: SizeLanguageId, private readonly kit: LanguageKit, text: string) {
    this.current = text;
    this.tree = kit.grammar.parser.parse(text);
    this.results = this.analyse();
  }

  get text(): string {
    return this.current;
  }

  get findings(): readonly Finding[] {
    return this.results;
  }

  update(changes: readonly TextChange[], newText: string): Finding[] {
    const old = this.tree;
    if (!old) throw new Error('document disposed');
    const functionTypes = this.kit.rules.scope.functionTypes;
    let text = this.current;
    let inFunctions = true;
    let valid = true;
    const edited: { start: number; end: number }[] = [];
    for (const change of changes) {
      const start = change.rangeOffset;
      const oldEnd = start + change.rangeLength;
      if (start < 0 || change.rangeLength < 0 || oldEnd > text.length) {
        valid = false;
        break;
      }
      const newEnd = start + change.text.length;
      if (inFunctions && !insideFunction(old.rootNode, start, oldEnd, functionTypes)) inFunctions = false;
      const startPosition = pointAt(text, start);
      old.edit({
        startIndex: start,
        oldEndIndex: oldEnd,
        newEndIndex: newEnd,
        startPosition,
        oldEndPosition: advance(startPosition, text.slice(start, oldEnd)),
        newEndPosition: advance(startPosition, change.text),
      });
      const delta = change.text.length - change.rangeLength;
      const map = (x: number, inside: number) => (x <= start ? x : x >= oldEnd ? x + delta : inside);
      for (const r of edited) {
        r.start = map(r.start, start);
        r.end = map(r.end, newEnd);
      }
      edited.push({ start, end: newEnd });
      text = text.slice(0, start) + change.text + text.slice(oldEnd);
    }

    const { parser } = this.kit.grammar;
    let tree: Tree | null;
    if (valid && text === newText) {
      tree = parser.parse(newText, old);
      if (tree && inFunctions) {
        const root = tree.rootNode;
        inFunctions = edited.every((r) => insideFunction(root, r.start, r.end, functionTypes))
          && old.getChangedRanges(tree).every((r) => insideFunction(root, r.startIndex, r.endIndex, functionTypes));
      }
    } else {
      // The changes do not describe `newText` (out of order, stale): start afresh.
      parser.reset();
      tree = parser.parse(newText);
      inFunctions = false;
    }
    old.delete();
    this.tree = tree;
    this.current = newText;
    // Module-level code changed (or may have): cached units and constants are stale.
    if (!inFunctions) this.cache.clear();
    this.results = this.analyse();
    return this.results;
  }

  dispose(): void {
    this.tree?.delete();
    this.tree = null;
    this.cache.clear();
    this.results = [];
  }

  private analyse(): Finding[] {
    if (!this.tree) return [];
    return analyzeTree(this.kit.rules, this.tree.rootNode, this.current, this.cache);
  }
}

/**
 * Is [start, end] strictly inside some function-like node (not touching its
 * first or last character)? Then the edit leaves module-level code alone.
 */
function insideFunction(root: Node, start: number, end: number, functionTypes: ReadonlySet<string>): boolean {
  for (let n: Node | null = root.descendantForIndex(start, end); n; n = n.parent) {
    if (functionTypes.has(n.type) && n.startIndex < start && end < n.endIndex) return true;
  }
  return false;
}
