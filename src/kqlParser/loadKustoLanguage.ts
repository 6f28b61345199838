// Loads Kusto.Language (≈5 MB minified, ≈250 ms, ≈100 MB) on first use. It is
// never bundled: its Bridge.NET runtime defines globals (`Bridge`, `System`,
// `Kusto`) and expects to run as a plain script. The build copies the two files
// to dist/vendor/kusto/; tests, run from out/, find them in node_modules.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { DatabaseSchema } from '../core/kql/databaseSchema';
import { commandParser, type CommandParser, type KustoInternals } from './commandSubsets';
import type { SignatureSource } from './signatureSource';
import type { GlobalState, KustoCode, KustoCodeService, KustoLanguage } from './kustoApi';

const BRIDGE = 'bridge.min.js';
const LANGUAGE = 'Kusto.Language.Bridge.min.js';

/** dist/vendor/kusto next to the bundle; else the package in a node_modules above. */
export function locateKustoLanguage(from = __dirname): string {
  const bundled = path.join(from, 'vendor', 'kusto');
  if (fs.existsSync(path.join(bundled, LANGUAGE))) return bundled;
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', '@kusto', 'language-service-next');
    if (fs.existsSync(path.join(candidate, LANGUAGE))) return candidate;
    if (path.dirname(dir) === dir) return bundled;
  }
}

type Symbol = { readonly __symbol?: true };

interface KustoGlobals {
  Kusto: {
    Language: {
      Symbols: {
        ScalarTypes: { GetSymbol(type: string): Symbol | null; Dynamic: Symbol };
        ColumnSymbol: new (name: string, type: Symbol, description: null, originalColumns: null, source: null, examples: null) => Symbol;
        TableSymbol: { $ctor4: new (name: string, columns: Symbol[]) => Symbol };
        FunctionSymbol: { $ctor16: new (name: string, parameterList: string, body: string, description: null) => Symbol };
        DatabaseSymbol: { $ctor2: new (name: string, alternateName: null, members: Symbol[]) => Symbol };
        ParameterTypeKind: Record<string, unknown>;
      };
      GlobalState: { Default: GlobalState & { WithDatabase(db: Symbol): GlobalState } };
      KustoCode: { Parse(text: string, globals: GlobalState): KustoCode; ParseAndAnalyze(text: string, globals: GlobalState): KustoCode };
      Syntax: { SyntaxKind: { FunctionCallExpression: number } };
      Editor: {
        KustoCodeService: { $ctor1: new (text: string, globals: GlobalState) => KustoCodeService };
        FormattingOptions: { Default: unknown };
      };
    };
  };
}

let loaded: KustoLanguage | undefined;

export function loadKustoLanguage(dir = locateKustoLanguage()): KustoLanguage {
  if (loaded) return loaded;
  const load = createRequire(path.join(dir, 'package.json'));
  load(path.join(dir, BRIDGE));
  load(path.join(dir, LANGUAGE));
  const K = (globalThis as unknown as KustoGlobals).Kusto.Language;
  const defaultGlobals = K.GlobalState.Default;
  // Commands parse against only the commands that can match them (same diagnostics, ≈15x faster).
  // That reaches into Kusto.Language's internals: should a new version change them, the
  // first error turns it off and every block goes to Kusto's own grammar, as before.
  let parseCommand: CommandParser | undefined;
  try {
    parseCommand = commandParser(K as unknown as KustoInternals);
  } catch {
    parseCommand = undefined;
  }
  const fastCommand = (text: string): KustoCode | undefined => {
    try {
      return parseCommand?.(text);
    } catch {
      parseCommand = undefined;
      return undefined;
    }
  };
  const parameterKinds: Record<number, string> = {};
  for (const [name, value] of Object.entries(K.Symbols.ParameterTypeKind)) if (typeof value === 'number') parameterKinds[value] = name;
  loaded = {
    defaultGlobals,
    parse: (text, globals = defaultGlobals) => (globals === defaultGlobals ? fastCommand(text) : undefined) ?? K.KustoCode.Parse(text, globals),
    analyze: (text, globals) => K.KustoCode.ParseAndAnalyze(text, globals),
    codeService: (text, globals = defaultGlobals) => new K.Editor.KustoCodeService.$ctor1(text, globals),
    signatureSource: (text, globals = defaultGlobals) => ({
      syntax: (K.KustoCode.ParseAndAnalyze(text, globals) as KustoCode & { Syntax: SignatureSource['syntax'] }).Syntax,
      functionCallKind: K.Syntax.SyntaxKind.FunctionCallExpression,
      parameterKinds,
    }),
    format: (service) => service.GetFormattedText(K.Editor.FormattingOptions.Default, 0)?.Text ?? undefined,
    globalsFor: (schema: DatabaseSchema) => {
      const S = K.Symbols;
      const column = (c: { name: string; type: string }) => new S.ColumnSymbol(c.name, S.ScalarTypes.GetSymbol(c.type) ?? S.ScalarTypes.Dynamic, null, null, null, null);
      const members: Symbol[] = [
        ...schema.tables.map((t) => new S.TableSymbol.$ctor4(t.name, t.columns.map(column))),
        ...schema.functions.map((f) => new S.FunctionSymbol.$ctor16(f.name, f.parameters, f.body, null)),
      ];
      return K.GlobalState.Default.WithDatabase(new S.DatabaseSymbol.$ctor2(schema.name, null, members));
    },
  };
  return loaded;
}
