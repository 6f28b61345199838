// Commands parse against a grammar of only the commands that can match them
// (src/kqlParser/commandSubsets.ts). The diagnostics must be exactly those of
// Kusto's own KustoCode.Parse: same codes, messages and offsets, for valid,
// broken, unknown and mixed blocks.
import assert from 'node:assert/strict';
import { listItems, type KustoCode } from '../../../src/kqlParser/kustoApi';
import { commandParser, defaultCommands, type KustoInternals } from '../../../src/kqlParser/commandSubsets';
import { loadKustoLanguage } from '../../../src/kqlParser/loadKustoLanguage';

const POLICY = '```[{"ObjectId":"3a6f5a8e-0000-4000-8000-000000000001","AllowedUsages":"NativeIngestion,AutomatedFlows"}]```';
const URI = "h'https://status91.blob.core.windows.net/timeout/data.csv;managed_identity=system'";

/** Commands the fast grammar must parse itself (a word some command knows). */
const KNOWN = [
  '.show tables', '.show tables | where TableName startswith "a"', '.show table T details', '.show tabels', '.show', '.show ',
  '.show database Sales policy managed_identity', '.show databases', '.show cluster policy managed_identity', '.show functions',
  '.create table T (a:string, b:int)', '.create table', '.create table T', '.create table T (a:string', '.create table T (a:strin)',
  '.create-merge table T (a:string)', '.create-merge table T (a:string, b:dynamic) with (folder="x", docstring="y")',
  '.create-merge tables T1 (a:int), T2 (b:string)', '.create-merge', '.create-merge tabel T (a:string)', '.create-merge table',
  '.create-or-alter function F() { T | take 1 }', '.create-or-alter function with (folder="f") F(x:int) { T | where a == x }',
  '.create-or-alter function F( { T }', '.alter table T (a:string)', '.alter-merge table T (a:string)',
  `.alter-merge database Sales policy managed_identity ${POLICY}`, `.alter database Sales policy managed_identity ${POLICY}`,
  `.alter-merge database Sales polcy managed_identity ${POLICY}`, `.alter cluster policy managed_identity ${POLICY}`,
  '.alter-merge database Sales policy managed_identity', '.alter table T policy retention "{}"', '.alter-merge table T policy retention softdelete = 10d',
  '.delete database Sales policy managed_identity', '.drop table T', '.drop table T ifexists', '.drop tables (A, B)', '.drop',
  `.ingest into table T (${URI}) with (format='csv')`, `.ingest into table T (${URI})`, `.ingest into T (${URI}) with (format='csv')`,
  `.ingest async into table T (${URI}, ${URI}) with (format='json', ingestionMappingReference='m')`, `.ingest into table T (${URI}) with (format='csv'`,
  `.ingest inline into table T <| a,b`, `.export to csv (${URI}) <| T | take 10`, `.export async compressed to json (${URI}) with (namePrefix='x') <| T`,
  `.export to csv (${URI})`, '.set-or-append T <| T | take 1', '.set-or-append T with (folder="x") <| print 1', '.set-or-append T <|',
  '.set T <| .show tables', '.set-or-replace T <| range x from 1 to 10 step 1', '.append T <| T', '.append T <| T | where',
  '.execute database script <|\n.create table A (a:int)\n.create table B (b:int)',
  '.show tables; .create table X (a:int)', '.show tables;\n.show databases', '.show tables\nT | take 1',
  '.create table T (a:int) \n| where x', '// leading comment\n.create-merge table T (a:string)\n', '.create-merge table T (a:string) // trailing',
  '.create table T (a:int) with (docstring = "a.b", folder = "x.y")', '.show tables; .foo', '.add database Sales admins (\'aadapp=x\')',
  '.create ingestion mapping T "m" \'[{"column":"a","path":"$.a"}]\'', '.create table T ingestion json mapping "m" \'[{"column":"a","path":"$.a"}]\'',
  '.create materialized-view V on table T { T | summarize count() by a }', '.create async materialized-view with (backfill=true) V on table T { T }',
  '.clear table T data', '.rename table A to B', '.show table T policy ingestionbatching',
];

/** Unknown first words, typos and bare dots: Kusto's own grammar parses them. */
const UNKNOWN = ['.foo', '.purge table T records <| where a == 1', '.creat table T (a:string)', '.', '. ', '.123', '.foo bar; .baz'];

describe('command subset grammars', function () {
  this.timeout(120_000);
  const kusto = loadKustoLanguage();
  const K = (globalThis as unknown as { Kusto: { Language: KustoInternals & { KustoCode: { Parse(text: string, globals: unknown): KustoCode } } } }).Kusto.Language;
  // Probing every first word at once, so that each block here goes through a subset grammar.
  const fast = commandParser(K, 0);
  const diagnostics = (code: KustoCode) => listItems(code.GetSyntaxDiagnostics()).map((d) => `${d.Code} ${d.Start}+${d.Length} ${d.Message}`);
  const kustos = (text: string) => diagnostics(K.KustoCode.Parse(text, kusto.defaultGlobals));

  for (const text of KNOWN) {
    it(`same diagnostics: ${JSON.stringify(text).slice(0, 90)}`, () => {
      const code = fast(text);
      assert.ok(code, 'the subset grammar parses it');
      assert.deepEqual(diagnostics(code), kustos(text));
    });
  }

  it('diagnostics come out, where Kusto finds them, through the subset grammar', () => {
    const broken = KNOWN.filter((t) => kustos(t).length > 0);
    assert.ok(broken.length >= 15, `${broken.length} broken commands in the corpus`);
  });

  for (const text of UNKNOWN) {
    it(`an unknown command goes to Kusto's grammar: ${JSON.stringify(text)}`, () => {
      assert.equal(fast(text), undefined);
      assert.deepEqual(diagnostics(kusto.parse(text)), kustos(text));
    });
  }

  it("takes the default grammar's own command parsers, the same list Kusto builds", () => {
    const taken = defaultCommands(K.Parsing).map((c) => c.Kind);
    const grammar = K.Parsing.CommandGrammar.GetDefaultCommandGrammar();
    const built = K.Parsing.EngineCommandGrammar.prototype.CreateCommandParsers.call(grammar, grammar.PredefinedRules).map((c) => c.Kind);
    assert.ok(taken.length > 500, `${taken.length} commands`);
    assert.deepEqual(taken, built);
  });

  it('a first word seen once stays with Kusto\'s grammar: probing it costs more than it saves', () => {
    const patient = commandParser(K);
    assert.equal(patient('.create-merge table A (a:string)'), undefined);
    assert.equal(patient('.show tables; .create-merge table B (b:int)'), undefined, '.show is new');
    assert.ok(patient('.create-merge table C (c:long)'));
    assert.ok(patient('.show tables'));
  });

  it('a query is not its business', () => {
    assert.equal(fast('T | take 1'), undefined);
    assert.equal(fast('T | where a == 1 | extend b = c.d'), undefined);
  });

  it('a block of many commands keeps the same diagnostics, in order', () => {
    const script = KNOWN.slice(0, 20).join('\n');
    assert.deepEqual(diagnostics(kusto.parse(script)), kustos(script));
  });

  // Last: it turns the fast path off for the rest of this process.
  it("should Kusto's internals change, parse falls back to Kusto's own grammar instead of failing", () => {
    const syntaxParsers = K.Parsing.SyntaxParsers;
    const original = syntaxParsers.ParseFirst$1;
    for (const text of ['.show tabels', '.create-merge table T (a:string)']) kusto.parse(text); // seen twice: due for the fast path
    // Kusto's own parse calls it too: it fails once, for the fast path, then is itself again.
    let failed = 0;
    syntaxParsers.ParseFirst$1 = () => {
      syntaxParsers.ParseFirst$1 = original;
      failed++;
      throw new TypeError('changed internals');
    };
    try {
      for (const text of ['.show tabels', '.create-merge table T (a:strin)']) {
        assert.deepEqual(diagnostics(kusto.parse(text)), kustos(text));
      }
      assert.equal(failed, 1, 'the fast path was taken, and failed');
    } finally {
      syntaxParsers.ParseFirst$1 = original;
    }
  });
});
