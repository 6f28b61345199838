// One open KQL document in the language server: its blocks, and per block the
// parse results, cached by the block's text. An edit changes one block's text,
// so only that block is parsed again; the others keep their cached results.
import type { SignatureHelp } from 'vscode-languageserver';
import { blockAt, codeBlocks, type CodeBlock } from '../core/kql/codeBlocks';
import type { GlobalState, KustoCodeService, KustoLanguage } from '../kqlParser/kustoApi';
import { signatureHelpAt, type SignatureSource } from './signatureHelp';
import { semanticDiagnostics, syntaxErrors, type KqlSyntaxError } from '../kqlParser/syntaxDiagnostics';

interface BlockAnalysis {
  syntax?: KqlSyntaxError[];
  service?: KustoCodeService;
  signatures?: SignatureSource;
}

export interface PositionedSyntaxError extends KqlSyntaxError {
  /** Offsets into the document. */
  readonly docStart: number;
  readonly docEnd: number;
}

export class KqlDocument {
  private blocks: CodeBlock[] = [];
  private cache = new Map<string, BlockAnalysis>();
  private text = '';
  /** The bound database's globals; without them, syntax only (no false "unknown name" errors). */
  private globals: GlobalState | undefined;

  constructor(private readonly kusto: KustoLanguage) {}

  setGlobals(globals: GlobalState | undefined): void {
    if (globals === this.globals) return;
    this.globals = globals;
    this.cache.clear();
  }

  update(text: string): void {
    if (text === this.text && this.blocks.length) return;
    this.text = text;
    this.blocks = codeBlocks(text);
    // Keep only the analyses of blocks that still exist.
    const kept = new Map<string, BlockAnalysis>();
    for (const b of this.blocks) {
      const hit = this.cache.get(b.text);
      if (hit) kept.set(b.text, hit);
    }
    this.cache = kept;
  }

  private analysis(block: CodeBlock): BlockAnalysis {
    let a = this.cache.get(block.text);
    if (!a) {
      a = {};
      this.cache.set(block.text, a);
    }
    return a;
  }

  syntaxErrors(): PositionedSyntaxError[] {
    return this.blocks.flatMap((b) => this.blockSyntaxErrors(b));
  }

  /** The current blocks, for callers that parse them a few at a time. */
  get currentBlocks(): readonly CodeBlock[] {
    return this.blocks;
  }

  isParsed(block: CodeBlock): boolean {
    return this.cache.get(block.text)?.syntax !== undefined;
  }

  blockSyntaxErrors(block: CodeBlock): PositionedSyntaxError[] {
    const a = this.analysis(block);
    a.syntax ??= this.globals ? semanticDiagnostics(this.kusto, block.text, this.globals) : syntaxErrors(this.kusto, block.text);
    return a.syntax.map((e) => ({ ...e, docStart: block.start + e.start, docEnd: block.start + e.end }));
  }

  /**
   * Kusto's formatting of each block in [start, end] that parses without
   * errors (a block with a syntax error is left as typed: nothing is lost).
   */
  formatEdits(start: number, end: number): { start: number; end: number; text: string }[] {
    const edits: { start: number; end: number; text: string }[] = [];
    for (const block of this.blocks) {
      if (block.end < start || block.start > end) continue;
      if (syntaxErrors(this.kusto, block.text).some((e) => e.severity === 'error')) continue;
      const a = this.analysis(block);
      a.service ??= this.kusto.codeService(block.text, this.globals);
      const formatted = this.kusto.format(a.service);
      if (formatted !== undefined && formatted !== block.text) edits.push({ start: block.start, end: block.end, text: formatted });
    }
    return edits;
  }

  /** The block at `offset` and its code service; an empty block when the caret is between blocks. */
  serviceAt(offset: number): { block: { start: number }; service: KustoCodeService } {
    const block = blockAt(this.blocks, offset);
    if (!block) return { block: { start: offset }, service: this.kusto.codeService('', this.globals) };
    const a = this.analysis(block);
    a.service ??= this.kusto.codeService(block.text, this.globals);
    return { block, service: a.service };
  }

  /** Signature help inside a function call's parentheses (`bin(`, `ago(`...), else null. */
  signatureHelp(offset: number): SignatureHelp | null {
    const block = blockAt(this.blocks, offset);
    if (!block) return null;
    const a = this.analysis(block);
    a.signatures ??= this.kusto.signatureSource(block.text, this.globals);
    return signatureHelpAt(a.signatures, offset - block.start);
  }
}
