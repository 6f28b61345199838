import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GRAMMAR_PATH, compileRegex, hasScope, realJsonGrammarPath, render, repoRoot, scopesOf, tokenize, type Token } from './textmate';

const GUID = '6a5820b9-fdf6-4cc4-81b9-b416b444fd6d';

/** Asserts that the `nth` token spelled `text` has `scope` (or a scope below it). */
function expectScope(tokens: readonly Token[], text: string, scope: string, nth = 0): void {
  const scopes = scopesOf(tokens, text, nth);
  assert.ok(hasScope(scopes, scope), `${JSON.stringify(text)} should have ${scope}, has ${scopes.join(', ')}\n\n${render(tokens)}`);
}

function expectNoScope(tokens: readonly Token[], text: string, scope: string, nth = 0): void {
  const scopes = scopesOf(tokens, text, nth);
  assert.ok(!hasScope(scopes, scope), `${JSON.stringify(text)} should not have ${scope}, has ${scopes.join(', ')}`);
}

describe('grammar: source.kusto', () => {
  describe('the grammar file', () => {
    let grammar: { scopeName: string; patterns: unknown[]; repository: Record<string, unknown> };
    before(() => {
      grammar = JSON.parse(fs.readFileSync(GRAMMAR_PATH(), 'utf8')) as typeof grammar;
    });

    it('is source.kusto', () => assert.equal(grammar.scopeName, 'source.kusto'));

    it('compiles every regex with oniguruma', async () => {
      const regexes: string[] = [];
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === 'object') {
          for (const [k, v] of Object.entries(node)) {
            if ((k === 'match' || k === 'begin' || k === 'end' || k === 'while') && typeof v === 'string') regexes.push(v);
            else walk(v);
          }
        }
      };
      walk(grammar);
      assert.ok(regexes.length > 40);
      for (const re of regexes) await assert.doesNotReject(compileRegex(re), re);
    });

    it('resolves every #include and uses every repository rule', () => {
      const included = new Set<string>();
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === 'object') {
          for (const [k, v] of Object.entries(node)) {
            if (k === 'include' && typeof v === 'string' && v.startsWith('#')) included.add(v.slice(1));
            else walk(v);
          }
        }
      };
      walk(grammar);
      for (const name of included) assert.ok(name in grammar.repository, `#${name} is not in the repository`);
      for (const name of Object.keys(grammar.repository)) assert.ok(included.has(name), `repository rule ${name} is never included`);
    });
  });

  describe('comments', () => {
    it('scopes // to the end of the line, and nothing inside it', async () => {
      const t = await tokenize('T | take 10 // where x == "y"');
      expectScope(t, '//', 'punctuation.definition.comment.kusto');
      expectScope(t, ' where x == "y"', 'comment.line.double-slash.kusto');
      expectScope(t, 'take', 'keyword.other.query.kusto');
    });

    it('is a comment at the start of a line too', async () => {
      const t = await tokenize('// .alter cluster policy managed_identity "[]"');
      assert.equal(t.length, 2);
      expectScope(t, ' .alter cluster policy managed_identity "[]"', 'comment.line.double-slash.kusto');
    });
  });

  describe('management commands', () => {
    const commands = ['.show', '.alter', '.alter-merge', '.delete', '.create', '.create-or-alter', '.create-merge', '.drop',
      '.ingest', '.set', '.set-or-append', '.set-or-replace', '.append', '.export', '.add', '.rename', '.execute'];
    for (const cmd of commands) {
      it(`${cmd} is one command keyword`, async () => {
        const t = await tokenize(`${cmd} table T`);
        expectScope(t, cmd, 'keyword.control.command.kusto');
      });
    }

    it('scopes an unknown dotted command at the start of a line', async () => {
      const t = await tokenize('.dup-next-failed-ingest into T');
      expectScope(t, '.dup-next-failed-ingest', 'keyword.control.command.kusto');
    });

    it('does not take a member access for a command', async () => {
      const t = await tokenize('T | extend x = d.show');
      assert.ok(!t.some(([, s]) => hasScope(s, 'keyword.control.command')), render(t));
    });

    it('scopes policy kinds after policy', async () => {
      for (const kind of ['managed_identity', 'retention', 'caching', 'ingestionbatching', 'streamingingestion', 'callout']) {
        const t = await tokenize(`.show database db policy ${kind}`);
        expectScope(t, 'policy', 'keyword.other.kusto');
        expectScope(t, kind, 'support.type.policy.kusto');
      }
    });

    it('scopes the .show and .delete managed_identity commands', async () => {
      const t = await tokenize('.delete cluster policy managed_identity');
      expectScope(t, '.delete', 'keyword.control.command.kusto');
      expectScope(t, 'cluster', 'keyword.other.kusto');
      expectScope(t, 'managed_identity', 'support.type.policy.kusto');
    });

    it('scopes the .ingest command from the docs, with the managed identity in the URI', async () => {
      const t = await tokenize(".ingest into table T ('https://demosa.blob.core.windows.net/test/export.csv;managed_identity=system') with (format='csv')");
      expectScope(t, '.ingest', 'keyword.control.command.kusto');
      expectScope(t, 'into', 'keyword.other.kusto');
      expectScope(t, 'table', 'keyword.other.kusto');
      expectScope(t, 'with', 'keyword.other.kusto');
      expectScope(t, 'https://demosa.blob.core.windows.net/test/export.csv', 'string.quoted.single.kusto');
      expectScope(t, 'managed_identity', 'constant.other.placeholder.managed-identity.kusto');
      expectScope(t, 'managed_identity', 'string.quoted.single.kusto');
      expectScope(t, 'system', 'constant.language.system.kusto');
      expectScope(t, 'csv', 'string.quoted.single.kusto');
    });
  });

  describe(';managed_identity= inside a URI string', () => {
    // Light+ colours entity.other.attribute-name red (#e50000) and the 2026 themes colour
    // keyword.operator red: inside a string the suffix must read as part of the text, not as an error.
    const RED_IN_SOME_THEME = ['entity.other.attribute-name', 'keyword.operator', 'invalid', 'markup.deleted'];
    for (const literal of ["'https://a.blob.core.windows.net/c/x.csv;managed_identity=system'",
      '"https://a.blob.core.windows.net/c/x.csv;managed_identity=system"',
      "@'https://a.blob.core.windows.net/c/x.csv;managed_identity=system'",
      `h'https://a.blob.core.windows.net/c/x.csv;managed_identity=${GUID}'`]) {
      it(`is coloured calmly in ${literal.slice(0, 2)}...`, async () => {
        const t = await tokenize(`.ingest into table T (${literal})`);
        expectScope(t, 'managed_identity', 'constant.other.placeholder.managed-identity.kusto');
        for (const text of ['managed_identity', '=', ';']) {
          for (const scope of RED_IN_SOME_THEME) expectNoScope(t, text, scope);
          expectScope(t, text, 'string');
        }
      });
    }
  });

  describe('queries', () => {
    it('scopes tabular operators, including dashed ones and order by / sort by', async () => {
      const t = await tokenize('T | where a > 1 | project-away b | mv-expand c | summarize count() by bin(ts, 1h) | order by x desc | sort by y asc | top 3 by z | take 5 | render timechart');
      for (const op of ['where', 'project-away', 'mv-expand', 'summarize', 'order', 'sort', 'top', 'take', 'render']) {
        expectScope(t, op, 'keyword.other.query.kusto');
      }
      expectScope(t, 'by', 'keyword.other.kusto');
      expectScope(t, 'desc', 'keyword.other.kusto');
      expectScope(t, '|', 'keyword.operator.pipe.kusto');
      expectScope(t, 'count', 'support.function.kusto');
      expectScope(t, 'bin', 'support.function.kusto');
    });

    it('scopes extend, join, union, parse, let', async () => {
      const t = await tokenize('let limit_ = 10; T | extend s = strcat(a, "x") | join kind=inner (U) on id | union V | parse s with * "k=" v:int');
      for (const op of ['let', 'extend', 'join', 'union', 'parse']) expectScope(t, op, 'keyword.other.query.kusto');
      expectScope(t, 'limit_', 'variable.other.declaration.kusto');
      expectScope(t, 'on', 'keyword.other.kusto');
      expectScope(t, 'kind', 'keyword.other.kusto');
      expectScope(t, 'strcat', 'support.function.kusto');
      expectScope(t, 'int', 'storage.type.kusto');
    });

    it('scopes built-in functions only when called', async () => {
      const t = await tokenize('T | where ts > ago(1d) and now() > ts | extend j = parse_json(s), n = tostring(j.a), d = dcount(x) | count');
      for (const f of ['ago', 'now', 'parse_json', 'tostring', 'dcount']) expectScope(t, f, 'support.function.kusto');
      expectScope(t, 'count', 'keyword.other.query.kusto');
    });

    it('scopes word operators and logical keywords', async () => {
      const t = await tokenize('T | where a has "x" and b !contains "y" or c in ("a") or d !in~ ("b") or e between (1 .. 2) or not(f)');
      expectScope(t, 'has', 'keyword.other.operator.kusto');
      expectScope(t, '!contains', 'keyword.other.operator.kusto');
      expectScope(t, 'in', 'keyword.other.operator.kusto');
      expectScope(t, '!in~', 'keyword.other.operator.kusto');
      expectScope(t, 'between', 'keyword.other.operator.kusto');
      expectScope(t, 'and', 'keyword.other.operator.logical.kusto');
      expectScope(t, 'or', 'keyword.other.operator.logical.kusto');
    });

    it('scopes keywords of commands: table, database, cluster, with, into', async () => {
      const t = await tokenize('.set-or-append T with (tags=\'["a"]\') <| cluster("c").database("d").U | take 1');
      expectScope(t, '.set-or-append', 'keyword.control.command.kusto');
      expectScope(t, 'with', 'keyword.other.kusto');
      expectScope(t, '<|', 'keyword.operator.pipe.kusto');
      expectScope(t, 'cluster', 'support.function.kusto');
      expectScope(t, 'database', 'support.function.kusto');
    });

    it('scopes types in schemas, conversions and typeof, but not a column named time', async () => {
      const t = await tokenize('.create table T (a:string, b: long, c:real, d:bool, e:datetime, f:timespan, g:dynamic, h:guid, i:decimal, j:int) | where time > x | extend y = typeof(long)');
      for (const ty of ['string', 'long', 'real', 'bool', 'datetime', 'timespan', 'dynamic', 'guid', 'decimal', 'int']) {
        expectScope(t, ty, 'storage.type.kusto');
      }
      expectScope(t, 'long', 'storage.type.kusto', 1);
      expectNoScope(t, 'time', 'storage.type');
    });

    it('scopes true, false, $left', async () => {
      const t = await tokenize('T | join (U) on $left.a == $right.b | where x == true or y == false');
      expectScope(t, '$left', 'variable.language.kusto');
      expectScope(t, 'true', 'constant.language.boolean.kusto');
      expectScope(t, '==', 'keyword.operator.comparison.kusto');
    });
  });

  describe('literals', () => {
    it('scopes numbers', async () => {
      const t = await tokenize('print a = 42, b = 1.5, c = 1e3, d = 0x1F');
      expectScope(t, '42', 'constant.numeric.kusto');
      expectScope(t, '1.5', 'constant.numeric.kusto');
      expectScope(t, '1e3', 'constant.numeric.kusto');
      expectScope(t, '0x1F', 'constant.numeric.hex.kusto');
    });

    it('scopes both ends of a 1..10 range', async () => {
      const t = await tokenize('T | where x between (1..10)');
      expectScope(t, '1', 'constant.numeric.kusto');
      expectScope(t, '..', 'keyword.operator.range.kusto');
      expectScope(t, '10', 'constant.numeric.kusto');
    });

    it('scopes timespan literals with every unit', async () => {
      const spans = ['1d', '30m', '2h', '10s', '100ms', '1.5d', '5tick', '3microsecond', '2days', '7ticks', '4hours', '1min', '1millisecond'];
      const t = await tokenize(`print ${spans.join(', ')}`);
      for (const s of spans) expectScope(t, s, 'constant.numeric.timespan.kusto');
    });

    it('does not take identifiers for timespans', async () => {
      const t = await tokenize('T | project col1d, x2h');
      expectNoScope(t, 'col1d', 'constant.numeric');
    });

    it('scopes GUIDs, bare and in guid(...)', async () => {
      const t = await tokenize(`print a = ${GUID}, b = guid(aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb)`);
      expectScope(t, GUID, 'constant.numeric.guid.kusto');
      expectScope(t, 'guid', 'storage.type.kusto');
      expectScope(t, 'aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb', 'constant.numeric.guid.kusto');
    });

    it('scopes datetime(...), timespan(...) and dynamic(...)', async () => {
      const t = await tokenize('print a = datetime(2024-01-31 10:00:00), b = timespan(1.5h), c = dynamic({"k": [1, "v", datetime(2020-01-01)]})');
      expectScope(t, 'datetime', 'storage.type.kusto');
      expectScope(t, '2024-01-31 10:00:00', 'constant.numeric.datetime.kusto');
      expectScope(t, '2024-01-31 10:00:00', 'meta.literal.datetime.kusto');
      expectScope(t, 'timespan', 'storage.type.kusto');
      expectScope(t, '1.5h', 'constant.numeric.timespan.kusto');
      expectScope(t, 'dynamic', 'storage.type.kusto');
      expectScope(t, 'k', 'string.quoted.double.kusto');
      expectScope(t, '1', 'constant.numeric.kusto');
      expectScope(t, '2020-01-01', 'constant.numeric.datetime.kusto');
      const last = t[t.length - 1];
      assert.equal(last[0], ')');
      assert.ok(hasScope(last[1], 'meta.literal.dynamic.kusto'), render(t));
    });

    it('scopes bracketed names', async () => {
      const t = await tokenize(`.show database ['my-db'] policy retention | union ["x"]`);
      expectScope(t, 'my-db', 'variable.other.bracketed.kusto');
      expectScope(t, '[', 'punctuation.definition.name.begin.kusto');
      expectScope(t, 'x', 'variable.other.bracketed.kusto');
    });
  });

  describe('strings', () => {
    it("'...' with backslash escapes", async () => {
      const t = await tokenize(String.raw`print s = 'it\'s \n fine'`);
      expectScope(t, "'", 'punctuation.definition.string.begin.kusto');
      expectScope(t, String.raw`\'`, 'constant.character.escape.kusto');
      expectScope(t, 'it', 'string.quoted.single.kusto');
      expectScope(t, ' fine', 'string.quoted.single.kusto');
    });

    it('"..." with backslash escapes', async () => {
      const t = await tokenize(String.raw`print s = "say \"hi\"", n = 1`);
      expectScope(t, String.raw`\"`, 'constant.character.escape.kusto');
      expectScope(t, 'hi', 'string.quoted.double.kusto');
      expectScope(t, '1', 'constant.numeric.kusto');
    });

    it("verbatim @'...' with '' doubling and no backslash escapes", async () => {
      const t = await tokenize(String.raw`print p = @'C:\temp\x', q = @'it''s', n = 1`);
      expectScope(t, '@', 'storage.type.string.kusto');
      expectScope(t, String.raw`C:\temp\x`, 'string.quoted.single.verbatim.kusto');
      expectScope(t, "''", 'constant.character.escape.kusto');
      expectScope(t, '1', 'constant.numeric.kusto');
    });

    it('verbatim @"..." with "" doubling', async () => {
      const t = await tokenize(String.raw`print p = @"a\""b", n = 1`);
      expectScope(t, 'a\\', 'string.quoted.double.verbatim.kusto');
      expectScope(t, '""', 'constant.character.escape.kusto');
      expectScope(t, '1', 'constant.numeric.kusto');
    });

    it("obfuscated h'...', H\"...\", h@'...', H@\"...\" are scoped apart from plain strings", async () => {
      const cases: [string, string, string][] = [
        ["h'secret1'", 'secret1', 'string.quoted.single.obfuscated.kusto'],
        ['H"secret2"', 'secret2', 'string.quoted.double.obfuscated.kusto'],
        ["h@'secret3'", 'secret3', 'string.quoted.single.obfuscated.verbatim.kusto'],
        ['H@"secret4"', 'secret4', 'string.quoted.double.obfuscated.verbatim.kusto'],
      ];
      for (const [source, content, scope] of cases) {
        const t = await tokenize(`print s = ${source}, n = 1`);
        expectScope(t, content, scope);
        expectScope(t, content, 'string.quoted');
        assert.ok(hasScope(scopesOf(t, content), 'string.quoted.single.obfuscated') || hasScope(scopesOf(t, content), 'string.quoted.double.obfuscated'));
        expectScope(t, source.replace(/['"].*/, ''), 'storage.type.string.kusto');
        expectScope(t, '1', 'constant.numeric.kusto');
      }
    });

    it("h@'...' keeps '' doubling and no escapes", async () => {
      const t = await tokenize(String.raw`print s = h@'https://a/b?sig=x\y''z', n = 1`);
      expectScope(t, String.raw`https://a/b?sig=x\y`, 'string.quoted.single.obfuscated.verbatim.kusto');
      expectScope(t, "''", 'constant.character.escape.kusto');
      expectScope(t, 'z', 'string.quoted.single.obfuscated.verbatim.kusto');
      expectScope(t, '1', 'constant.numeric.kusto');
    });

    it('does not take the h of an identifier for an obfuscated prefix', async () => {
      const t = await tokenize("T | where path'x'");
      expectNoScope(t, 'path', 'storage.type.string');
    });

    it('```...``` spans lines', async () => {
      const t = await tokenize('print s = ```line one\nline "two" // not a comment\n```, n = 1');
      expectScope(t, 'line one', 'string.quoted.other.multiline.kusto');
      expectScope(t, 'line "two" // not a comment', 'string.quoted.other.multiline.kusto');
      expectScope(t, '```', 'punctuation.definition.string.end.kusto', 1);
      expectScope(t, '1', 'constant.numeric.kusto');
      expectNoScope(t, '1', 'string');
    });

    it('ends an unterminated single-line string at the end of its line', async () => {
      const t = await tokenize("print s = 'open\nT | take 1");
      expectScope(t, 'take', 'keyword.other.query.kusto');
    });
  });

  describe('policy managed_identity literals', () => {
    it('scopes the pseudo-JSON of the documented single-line form', async () => {
      const line = `.alter-merge database ['my-db'] policy managed_identity "[{'ObjectId':'${GUID}','AllowedUsages':'NativeIngestion'}]"`;
      const t = await tokenize(line);
      expectScope(t, '.alter-merge', 'keyword.control.command.kusto');
      expectScope(t, 'database', 'keyword.other.kusto');
      expectScope(t, 'my-db', 'variable.other.bracketed.kusto');
      expectScope(t, 'policy', 'keyword.other.kusto');
      expectScope(t, 'managed_identity', 'support.type.policy.kusto');
      expectScope(t, 'ObjectId', 'support.type.property-name.json');
      expectScope(t, 'AllowedUsages', 'support.type.property-name.json');
      expectScope(t, 'ObjectId', 'string.quoted.double.kusto');
      expectScope(t, GUID, 'string.quoted.single.json');
      expectScope(t, 'NativeIngestion', 'string.quoted.single.json');
      expectScope(t, ':', 'punctuation.separator.dictionary.key-value.json');
      expectScope(t, '[', 'punctuation.definition.array.begin.json', 1);
      expectScope(t, '{', 'punctuation.definition.dictionary.begin.json');
      for (const [text, scopes] of t) {
        if (text.trim() !== '') assert.ok(hasScope(scopes, 'meta.command.policy.managed-identity.kusto'), `${text}\n${render(t)}`);
      }
    });

    it('scopes the docs form with spaces, at cluster level', async () => {
      const t = await tokenize(`.alter-merge cluster policy managed_identity "[ { 'ObjectId' : '<Managed identity object Id>', 'AllowedUsages' : 'NativeIngestion' }]" `);
      expectScope(t, 'cluster', 'keyword.other.kusto');
      expectScope(t, 'ObjectId', 'support.type.property-name.json');
      expectScope(t, '<Managed identity object Id>', 'string.quoted.single.json');
    });

    it('scopes \\"-escaped JSON inside "..."', async () => {
      const t = await tokenize(String.raw`.alter cluster policy managed_identity "[{\"ObjectId\":\"system\",\"AllowedUsages\":\"All\"}]"`);
      expectScope(t, 'ObjectId', 'support.type.property-name.json');
      expectScope(t, 'system', 'string.quoted.double.json');
      expectScope(t, String.raw`\"`, 'punctuation.support.type.property-name.begin.json');
    });

    it("scopes JSON inside '...' and h'...' literals", async () => {
      const plain = await tokenize(`.alter cluster policy managed_identity '[{"ObjectId":"system","AllowedUsages":"All"}]'`);
      expectScope(plain, 'ObjectId', 'support.type.property-name.json');
      expectScope(plain, 'ObjectId', 'string.quoted.single.kusto');
      const hidden = await tokenize(`.alter cluster policy managed_identity h'[{"ObjectId":"system","AllowedUsages":"All"}]'`);
      expectScope(hidden, 'ObjectId', 'support.type.property-name.json');
      expectScope(hidden, 'ObjectId', 'string.quoted.single.obfuscated.kusto');
    });

    it('scopes the rest of the line and the next lines normally again', async () => {
      const t = await tokenize(`.alter cluster policy managed_identity "[]" // done\nT | take 1`);
      expectScope(t, ' done', 'comment.line.double-slash.kusto');
      expectNoScope(t, 'take', 'meta.command.policy');
      expectScope(t, 'take', 'keyword.other.query.kusto');
    });

    it('ends at the next token when the literal is missing', async () => {
      const t = await tokenize('.alter cluster policy managed_identity\nT | take 1');
      expectNoScope(t, 'T', 'meta.command.policy');
      expectScope(t, 'take', 'keyword.other.query.kusto');
    });

    it('accepts the literal on the next line', async () => {
      const t = await tokenize(`.alter-merge database db policy managed_identity\n  "[{'ObjectId':'system','AllowedUsages':'All'}]"`);
      expectScope(t, 'db', 'variable.other.database.kusto');
      expectScope(t, 'ObjectId', 'support.type.property-name.json');
    });

    const multiLine = [
      '.alter-merge cluster policy managed_identity ```[',
      '  {',
      `    "ObjectId": "${GUID}",`,
      '    "AllowedUsages": "AutomatedFlows"',
      '  }',
      ']```',
      'T | take 1',
    ].join('\n');

    it('marks the ``` literal as embedded JSON and colours it without source.json', async () => {
      const t = await tokenize(multiLine, 'none');
      expectScope(t, 'ObjectId', 'meta.embedded.block.json');
      expectScope(t, 'ObjectId', 'support.type.property-name.json');
      expectScope(t, GUID, 'string.quoted.double.json');
      expectScope(t, 'ObjectId', 'string.quoted.other.multiline.kusto');
      expectScope(t, 'take', 'keyword.other.query.kusto');
      expectNoScope(t, 'take', 'string');
    });

    it('hands the ``` literal to source.json when there is one (stub grammar)', async () => {
      const t = await tokenize(multiLine, 'stub');
      expectScope(t, '"ObjectId"', 'support.type.property-name.json.stub');
      expectScope(t, '"ObjectId"', 'meta.embedded.block.json');
      expectScope(t, `"${GUID}"`, 'string.quoted.double.json.stub');
      expectScope(t, '```', 'punctuation.definition.string.end.kusto', 1);
      expectScope(t, 'take', 'keyword.other.query.kusto');
    });

    it("hands the ``` literal to VS Code's JSON grammar (from the installed VS Code host)", async () => {
      assert.ok(realJsonGrammarPath(), 'VS Code\'s JSON grammar was not found: install the host with `npm run setup-host`');
      const t = await tokenize(multiLine, 'real');
      expectScope(t, 'ObjectId', 'support.type.property-name.json');
      expectScope(t, GUID, 'string.quoted.double.json');
      expectScope(t, 'take', 'keyword.other.query.kusto');
    });
  });

  describe('snapshot', () => {
    // test/fixtures/grammar/sample.kql is tokenized and compared with sample.kql.snap.
    // After an intended grammar change, rewrite the snapshot with UPDATE_GRAMMAR_SNAPSHOTS=1 and review its diff.
    it('matches test/fixtures/grammar/sample.kql.snap', async () => {
      const dir = path.join(repoRoot(), 'test', 'fixtures', 'grammar');
      const source = fs.readFileSync(path.join(dir, 'sample.kql'), 'utf8');
      const actual = render(await tokenize(source.replace(/\r?\n$/, ''))) + '\n';
      const snapPath = path.join(dir, 'sample.kql.snap');
      if (process.env.UPDATE_GRAMMAR_SNAPSHOTS === '1') fs.writeFileSync(snapPath, actual);
      assert.equal(actual, fs.readFileSync(snapPath, 'utf8'));
    });
  });
});
