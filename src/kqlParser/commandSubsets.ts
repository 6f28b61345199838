// Parses a management command with a grammar that holds only the commands that
// can matter for it, because Kusto's default command grammar tries all ~600
// commands on every block: ≈50 ms for `.show tables`, ≈5 ms here.
//
// Why the diagnostics stay the same: at a command, Kusto's grammar takes the
// longest of (a) the longest successful command parse and (b) the longest
// partial one (ties go to the earlier command, or to the one with fewer
// errors). So once a kept command gets past token j, every command that stops
// at or before token j can be dropped: it could never be the longest. Each
// command is scanned once on a probe, the block's text up to the end of its
// first word (then of its second), and the ones that get past the word's
// first token are kept. A scan decides at a token from the tokens before it,
// so a command gets past that token in the probe if and only if it does in
// the block. When no command knows the first word (`.foo`, a typo), the block
// goes to Kusto's own grammar.
//
// Only Kusto.Language's own objects are used: the default grammar's command
// parsers (whose shared rules still hold every command, so a nested `<| .cmd`
// sees them all), its partial scanner and its grammar constructor.
import type { GlobalState, KustoCode } from './kustoApi';

interface Token { Kind: number; Text: string; Trivia: string }
interface CommandInfo { Kind: string; Parser: unknown }
interface Scanner { Scan(source: unknown, start: number): number }
interface Grammar { PredefinedRules: unknown; CommandBlock: ParserNode; CreateCommandParsers?: () => CommandInfo[] }
interface ParserNode { Tag: string | null; ChildParserCount: number; GetChildParser(i: number): ParserNode | null }

/** The members of Kusto.Language's namespace this file reaches, typed by hand. */
export interface KustoInternals {
  GlobalState: { Default: GlobalState & { ParseOptions: { WithAlwaysProduceEndTokens(on: boolean): unknown }; WithParseOptions(o: unknown): GlobalState & { ParseOptions: unknown } } };
  KustoCode: (new (...args: unknown[]) => KustoCode) & {
    GetKind(text: string): string;
    GetTokenStarts(tokens: Token[]): unknown;
    AnalysisState: { NotRequested: unknown };
  };
  Editor: { CodeKinds: { Command: string } };
  Syntax: { SyntaxKind: { DotToken: number; EndOfTextToken: number }; CommandBlock: unknown; SyntaxTree: new (root: unknown) => unknown };
  Parsing: {
    LexicalToken: unknown;
    TokenParser: { ParseTokens(text: string, options: unknown): Token[] };
    CommandGrammar: { GetDefaultCommandGrammar(): Grammar; ctor: { call(self: Grammar, globals: GlobalState): void }; CommandParserInfo: new (kind: string, parser: unknown) => CommandInfo };
    EngineCommandGrammar: { prototype: { CreateCommandParsers(rules: unknown): CommandInfo[] } };
    ArraySource$1(t: unknown): new (tokens: Token[]) => unknown;
    PartialParser: { Partial$1(t: unknown): { Scan(parser: unknown, source: unknown, start: number): number } };
    SyntaxParsers: { ParseFirst$1(type: unknown, parser: unknown, tokens: Token[]): unknown };
  };
}

/** Grammars kept for the most recent sets of commands (≈100 KB of heap each). */
const MAX_GRAMMARS = 32;
/** Word sequences remembered (second words can be table names). */
const MAX_WORDS = 2000;

export type CommandParser = (text: string) => KustoCode | undefined;

/**
 * A parser for command blocks against the default globals; undefined for any
 * other block, and for a block whose first word was seen fewer than
 * `probeAfter` times before: probing a word costs ≈100 ms, twice what Kusto's
 * grammar takes, so a word seen once (a small file) stays with Kusto's.
 */
export function commandParser(K: KustoInternals, probeAfter = 1): CommandParser {
  const globals = K.GlobalState.Default.WithParseOptions(K.GlobalState.Default.ParseOptions.WithAlwaysProduceEndTokens(true));
  const P = K.Parsing;
  const partial = P.PartialParser.Partial$1(P.LexicalToken);
  const ArraySource = P.ArraySource$1(P.LexicalToken);
  const { DotToken, EndOfTextToken } = K.Syntax.SyntaxKind;
  let all: CommandInfo[] | undefined;
  const kept = new Map<string, CommandInfo[]>();
  const sightings = new Map<string, number>();
  const grammars = new Map<string, Grammar>();

  const commands = () => all ??= defaultCommands(P);

  /**
   * Of `from`, the commands that get past token `past` of the probe. On the
   * first word, also any that succeed on it: one that succeeded on the dot
   * alone would count even where no command knows the word (`.foo`).
   */
  const survivors = (from: CommandInfo[], probe: Token[], past: number) => from.filter((c) =>
    partial.Scan(c.Parser, new ArraySource(probe), 0) > past || (past === 1 && (c.Parser as Scanner).Scan(new ArraySource(probe), 0) >= 0));

  /** The commands that can matter for the command starting at `dot`, narrowed word by word. */
  const candidates = (tokens: Token[], dot: number): CommandInfo[] => {
    const words = wordStarts(tokens, dot + 1, 2);
    let from = commands();
    let key = '';
    for (let w = 0; w < words.length - 1; w++) {
      const [start, end] = [words[w], words[w + 1]];
      key += tokens.slice(start, end).map((t) => t.Trivia + t.Text).join('');
      let found = kept.get(key);
      if (!found) {
        found = survivors(from, [...tokens.slice(dot, end), tokens[tokens.length - 1]], start - dot);
        if (kept.size >= MAX_WORDS) kept.clear();
        kept.set(key, found);
      }
      if (found.length === 0) break;
      from = found;
    }
    return from === commands() ? [] : from;
  };

  /** Whether every first word in the block was probed or is seen often enough to be. */
  const due = (tokens: Token[]): boolean => {
    let ready = true;
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i].Kind !== DotToken) continue;
      const [start, end] = wordStarts(tokens, i + 1, 1);
      const word = tokens.slice(start, end).map((t) => t.Trivia + t.Text).join('');
      if (kept.has(word)) continue;
      const seen = (sightings.get(word) ?? 0) + 1;
      if (seen > probeAfter) continue;
      if (sightings.size >= MAX_WORDS) sightings.clear();
      sightings.set(word, seen);
      ready = false;
    }
    return ready;
  };

  /** Undefined when no command knows any of the block's first words: Kusto's own grammar then. */
  const grammarFor = (tokens: Token[]): Grammar | undefined => {
    const chosen = new Set<CommandInfo>();
    // Every dot, since `;` can start another command; extra commands never change the result.
    for (let i = 0; i < tokens.length; i++) if (tokens[i].Kind === DotToken) for (const c of candidates(tokens, i)) chosen.add(c);
    // Kept in Kusto's order, since ties go to the earlier command.
    const subset = commands().filter((c) => chosen.has(c));
    if (subset.length === 0) return undefined;
    const key = subset.map((c) => c.Kind).join(',');
    let grammar = grammars.get(key);
    if (grammar) grammars.delete(key);
    else grammar = commandGrammar(P, K.GlobalState.Default, subset);
    grammars.set(key, grammar);
    if (grammars.size > MAX_GRAMMARS) grammars.delete(grammars.keys().next().value as string);
    return grammar;
  };

  return (text) => {
    if (K.KustoCode.GetKind(text) !== K.Editor.CodeKinds.Command) return undefined;
    const tokens = P.TokenParser.ParseTokens(text, globals.ParseOptions);
    if (!due(tokens)) return undefined;
    const grammar = grammarFor(tokens);
    if (!grammar) return undefined;
    const syntax = P.SyntaxParsers.ParseFirst$1(K.Syntax.CommandBlock, grammar.CommandBlock, tokens);
    // As KustoCode.Create builds it, minus the analysis.
    return new K.KustoCode(text, K.Editor.CodeKinds.Command, globals, grammar.CommandBlock, new K.Syntax.SyntaxTree(syntax),
      K.KustoCode.AnalysisState.NotRequested, null, tokens, K.KustoCode.GetTokenStarts(tokens), null);
  };

  /** Token indexes where each of the next `count` words after `from` starts, then where the last ends. */
  function wordStarts(tokens: Token[], from: number, count: number): number[] {
    const starts: number[] = [];
    let i = from;
    while (starts.length < count && tokens[i].Kind !== EndOfTextToken) {
      starts.push(i++);
      // A word is a run of tokens with nothing between them, as `create-merge`.
      while (tokens[i].Kind !== EndOfTextToken && tokens[i].Trivia === '') i++;
    }
    starts.push(i);
    return starts;
  }
}

/**
 * The default grammar's command parsers, in its order. Taken from the grammar
 * itself (its choice among all commands is the node with hundreds of parsers,
 * each tagged with its command's kind), which costs nothing; else built once
 * more (≈250 ms, ≈10 MB) against the same shared rules.
 */
export function defaultCommands(P: KustoInternals['Parsing']): CommandInfo[] {
  const grammar = P.CommandGrammar.GetDefaultCommandGrammar();
  const seen = new Set<ParserNode>();
  const queue: (ParserNode | null)[] = [grammar.CommandBlock];
  for (let node = queue.shift(); node !== undefined && seen.size < 10_000; node = queue.shift()) {
    if (!node || seen.has(node)) continue;
    seen.add(node);
    const children = Array.from({ length: node.ChildParserCount }, (_, i) => node.GetChildParser(i));
    if (children.length > 100 && children.every((c) => c?.Tag)) return children.map((c) => new P.CommandGrammar.CommandParserInfo(c!.Tag!, c));
    queue.push(...children);
  }
  return P.EngineCommandGrammar.prototype.CreateCommandParsers.call(grammar, grammar.PredefinedRules);
}

/** Kusto's own CommandGrammar constructor, run with a chosen list of command parsers. */
function commandGrammar(P: KustoInternals['Parsing'], globals: GlobalState, subset: CommandInfo[]): Grammar {
  const grammar = Object.create(P.EngineCommandGrammar.prototype) as Grammar;
  grammar.CreateCommandParsers = () => subset;
  P.CommandGrammar.ctor.call(grammar, globals);
  return grammar;
}
