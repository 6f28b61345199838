import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  findManagedIdentityReferences,
  findPolicyLiteralValues,
  getPolicyLiteralContext,
  parseManagedIdentityPolicyCommands,
  validatePolicyLiterals,
} from '../../../src/core/kql/policyLiteral';

const GUID = '6a5820b9-fdf6-4cc4-81b9-b416b444fd6d';
const GUID2 = 'aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb';
const CURSOR = '¦';

/** Removes the cursor mark from `marked` and returns the text and the mark's offset. */
function at(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf(CURSOR);
  assert.ok(offset >= 0, 'test text needs a cursor mark');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

function contextAt(marked: string) {
  const { text, offset } = at(marked);
  return { ctx: getPolicyLiteralContext(text, offset), text, offset };
}

const DOC_DATABASE = `.alter-merge database MyDb policy managed_identity "[ { 'ObjectId' : '${GUID}', 'AllowedUsages' : 'NativeIngestion' }]"`;
const DOC_CLUSTER = `.alter-merge cluster policy managed_identity "[ { 'ObjectId' : '${GUID}', 'AllowedUsages' : 'NativeIngestion' }]"`;
const MULTI_LINE = [
  '.alter database db policy managed_identity ```',
  '[',
  '  {',
  `    "ObjectId": "${GUID2}",`,
  '    "AllowedUsages": "NativeIngestion, ExternalTable"',
  '  }',
  ']```',
].join('\n');

describe('kql/policyLiteral', () => {
  describe('parseManagedIdentityPolicyCommands', () => {
    it('reads the documented database-level command', () => {
      const [cmd, ...rest] = parseManagedIdentityPolicyCommands(DOC_DATABASE);
      assert.equal(rest.length, 0);
      assert.equal(cmd.command, 'alter-merge');
      assert.equal(cmd.level, 'database');
      assert.equal(cmd.database, 'MyDb');
      assert.equal(cmd.literal.quote, '"');
      assert.equal(cmd.literal.innerQuote, "'");
      assert.equal(cmd.entries.length, 1);
      const e = cmd.entries[0];
      assert.equal(e.closed, true);
      assert.equal(e.objectId?.text, GUID);
      assert.equal(DOC_DATABASE.slice(e.objectId!.start, e.objectId!.end), GUID);
      assert.equal(e.allowedUsages?.text, 'NativeIngestion');
      assert.deepEqual(e.allowedUsages?.usages.map((u) => DOC_DATABASE.slice(u.start, u.end)), ['NativeIngestion']);
    });

    it('reads the documented cluster-level command', () => {
      const [cmd] = parseManagedIdentityPolicyCommands(DOC_CLUSTER);
      assert.equal(cmd.level, 'cluster');
      assert.equal(cmd.database, undefined);
      assert.equal(cmd.end, DOC_CLUSTER.length);
    });

    it('reads the multi-line ``` form with double-quoted JSON', () => {
      const [cmd] = parseManagedIdentityPolicyCommands(MULTI_LINE);
      assert.equal(cmd.command, 'alter');
      assert.equal(cmd.database, 'db');
      assert.equal(cmd.literal.quote, '```');
      assert.equal(cmd.literal.innerQuote, '"');
      const usages = cmd.entries[0].allowedUsages!.usages;
      assert.deepEqual(usages.map((u) => u.name), ['NativeIngestion', 'ExternalTable']);
      assert.deepEqual(usages.map((u) => MULTI_LINE.slice(u.start, u.end)), ['NativeIngestion', 'ExternalTable']);
    });

    it('reads bracketed database names, names with dashes, keywords in any case', () => {
      const texts: [string, string][] = [
        [`.alter-merge database ['my-db'] policy managed_identity "[{'ObjectId':'system','AllowedUsages':'All'}]"`, 'my-db'],
        [`.alter database ["x y"] policy managed_identity "[{'ObjectId':'system','AllowedUsages':'All'}]"`, 'x y'],
        [`.alter database my-db policy managed_identity "[{'ObjectId':'system','AllowedUsages':'All'}]"`, 'my-db'],
        [`.ALTER-MERGE DATABASE Db1 POLICY MANAGED_IDENTITY "[{'ObjectId':'system','AllowedUsages':'All'}]"`, 'Db1'],
      ];
      for (const [text, name] of texts) {
        const cmds = parseManagedIdentityPolicyCommands(text);
        assert.equal(cmds.length, 1, text);
        assert.equal(cmds[0].database, name, text);
      }
    });

    it('reads escaped double quotes inside "..." and maps offsets back through the escapes', () => {
      const text = `.alter cluster policy managed_identity "[{\\"ObjectId\\":\\"${GUID}\\",\\"AllowedUsages\\":\\"SqlRequest\\"}]"`;
      const [cmd] = parseManagedIdentityPolicyCommands(text);
      const e = cmd.entries[0];
      assert.equal(e.objectId?.text, GUID);
      assert.equal(text.slice(e.objectId!.start, e.objectId!.end), GUID);
      assert.equal(text.slice(e.allowedUsages!.start, e.allowedUsages!.end), 'SqlRequest');
    });

    it("reads '...', verbatim @\"...\" and obfuscated h'...' literals", () => {
      const forms = [
        `.alter cluster policy managed_identity '[{"ObjectId":"${GUID}","AllowedUsages":"All"}]'`,
        `.alter cluster policy managed_identity @"[{'ObjectId':'${GUID}','AllowedUsages':'All'}]"`,
        `.alter cluster policy managed_identity h'[{"ObjectId":"${GUID}","AllowedUsages":"All"}]'`,
        `.alter cluster policy managed_identity H@"[{'ObjectId':'${GUID}','AllowedUsages':'All'}]"`,
      ];
      for (const text of forms) {
        const cmds = parseManagedIdentityPolicyCommands(text);
        assert.equal(cmds.length, 1, text);
        assert.equal(cmds[0].entries[0].objectId?.text, GUID, text);
        assert.equal(cmds[0].entries[0].allowedUsages?.text, 'All', text);
      }
      assert.equal(parseManagedIdentityPolicyCommands(forms[2])[0].literal.obfuscated, true);
      assert.equal(parseManagedIdentityPolicyCommands(forms[1])[0].literal.verbatim, true);
    });

    it('accepts comments and line breaks between the parts of the command', () => {
      const text = `.alter-merge database // the db\n  MyDb\n  policy managed_identity\n  "[{'ObjectId':'system','AllowedUsages':'All'}]"`;
      assert.equal(parseManagedIdentityPolicyCommands(text).length, 1);
    });

    it('reads several objects and several commands', () => {
      const text = [
        `.alter cluster policy managed_identity "[{'ObjectId':'${GUID}','AllowedUsages':'All'},{'ObjectId':'${GUID2}','AllowedUsages':'AzureAI'}]"`,
        '',
        DOC_DATABASE,
      ].join('\n');
      const cmds = parseManagedIdentityPolicyCommands(text);
      assert.equal(cmds.length, 2);
      assert.deepEqual(cmds[0].entries.map((e) => e.objectId?.text), [GUID, GUID2]);
    });

    it('ignores other policies, other commands, commented-out commands and commands in strings', () => {
      const negatives = [
        `.alter database db policy retention "{}"`,
        `.show cluster policy managed_identity`,
        `.delete database db policy managed_identity`,
        `// .alter cluster policy managed_identity "[{'ObjectId':'x','AllowedUsages':'All'}]"`,
        `print s = ".alter cluster policy managed_identity '[]'"`,
        `.alter cluster policy managed_identity`,
        `.alter table T policy managed_identity "[]"`,
        `T | where x == ".alter"`,
      ];
      for (const text of negatives) assert.deepEqual(parseManagedIdentityPolicyCommands(text), [], text);
    });
  });

  describe('findPolicyLiteralValues', () => {
    it('lists every ObjectId and AllowedUsages value with offsets and level', () => {
      const text = `${DOC_CLUSTER}\n\n${MULTI_LINE}`;
      const values = findPolicyLiteralValues(text);
      assert.deepEqual(values.map((v) => [v.property, v.level, v.text]), [
        ['ObjectId', 'cluster', GUID],
        ['AllowedUsages', 'cluster', 'NativeIngestion'],
        ['ObjectId', 'database', GUID2],
        ['AllowedUsages', 'database', 'NativeIngestion, ExternalTable'],
      ]);
      for (const v of values) assert.equal(text.slice(v.start, v.end), v.text);
      assert.equal(values[2].database, 'db');
    });

    it('finds nothing in text without policy commands', () => {
      assert.deepEqual(findPolicyLiteralValues(`T | where ObjectId == '${GUID}'`), []);
    });
  });

  describe('getPolicyLiteralContext', () => {
    it('an ObjectId value between its quotes', () => {
      const { ctx, text } = contextAt(`.alter-merge cluster policy managed_identity "[ { 'ObjectId' : '6a58¦20b9', 'AllowedUsages' : 'NativeIngestion' }]"`);
      assert.equal(ctx?.kind, 'objectIdValue');
      assert.equal(ctx.level, 'cluster');
      assert.equal(ctx.valueText, '6a5820b9');
      assert.equal(text.slice(ctx.valueRange.start, ctx.valueRange.end), '6a5820b9');
      assert.equal(ctx.inString, true);
    });

    it('an empty ObjectId value, at database level', () => {
      const { ctx, offset } = contextAt(`.alter database db policy managed_identity "[ { 'ObjectId' : '¦', 'AllowedUsages' : 'All' }]"`);
      assert.equal(ctx?.kind, 'objectIdValue');
      assert.equal(ctx.level, 'database');
      assert.equal(ctx.database, 'db');
      assert.deepEqual(ctx.valueRange, { start: offset, end: offset });
      assert.equal(ctx.valueText, '');
    });

    it('an ObjectId being typed in an unterminated literal', () => {
      const { ctx, text } = contextAt(`.alter-merge cluster policy managed_identity "[{'ObjectId':'6a¦`);
      assert.equal(ctx?.kind, 'objectIdValue');
      assert.equal(text.slice(ctx.valueRange.start, ctx.valueRange.end), '6a');
    });

    it('the current item of the AllowedUsages list, and the others already listed', () => {
      const { ctx, text } = contextAt(`.alter cluster policy managed_identity "[{'ObjectId':'system','AllowedUsages':'NativeIngestion, Ext¦ernalT, SqlRequest'}]"`);
      assert.equal(ctx?.kind, 'allowedUsagesValue');
      assert.equal(ctx.valueText, 'ExternalT');
      assert.equal(text.slice(ctx.valueRange.start, ctx.valueRange.end), 'ExternalT');
      assert.deepEqual(ctx.usagesAlreadyListed, ['NativeIngestion', 'SqlRequest']);
    });

    it('an empty item after a comma', () => {
      const { ctx, offset } = contextAt(`.alter cluster policy managed_identity "[{'ObjectId':'system','AllowedUsages':'NativeIngestion, ¦'}]"`);
      assert.equal(ctx?.kind, 'allowedUsagesValue');
      assert.deepEqual(ctx.valueRange, { start: offset, end: offset });
      assert.deepEqual(ctx.usagesAlreadyListed, ['NativeIngestion']);
    });

    it('the first item when the cursor is at the start of the value', () => {
      const { ctx } = contextAt(`.alter cluster policy managed_identity "[{'ObjectId':'system','AllowedUsages':'¦All'}]"`);
      assert.equal(ctx?.kind, 'allowedUsagesValue');
      assert.equal(ctx.valueText, 'All');
      assert.deepEqual(ctx.usagesAlreadyListed, []);
    });

    it('AllowedUsages in the multi-line form, keys matched ignoring case', () => {
      const marked = MULTI_LINE.replace('"NativeIngestion, ExternalTable"', '"NativeIngestion, ¦"').replace('"AllowedUsages"', '"allowedusages"');
      const { ctx } = contextAt(marked);
      assert.equal(ctx?.kind, 'allowedUsagesValue');
      assert.equal(ctx.level, 'database');
      assert.equal(ctx.innerQuote, '"');
      assert.deepEqual(ctx.usagesAlreadyListed, ['NativeIngestion']);
    });

    it('AllowedUsages inside \\"-escaped JSON', () => {
      const { ctx, text } = contextAt(`.alter cluster policy managed_identity "[{\\"ObjectId\\":\\"system\\",\\"AllowedUsages\\":\\"Nat¦\\"}]"`);
      assert.equal(ctx?.kind, 'allowedUsagesValue');
      assert.equal(text.slice(ctx.valueRange.start, ctx.valueRange.end), 'Nat');
    });

    it('a property name inside quotes, and a key position outside quotes', () => {
      const inQuotes = contextAt(`.alter cluster policy managed_identity "[{'Obj¦'}]"`);
      assert.equal(inQuotes.ctx?.kind, 'propertyName');
      assert.equal(inQuotes.ctx.valueText, 'Obj');
      assert.equal(inQuotes.ctx.inString, true);

      const afterBrace = contextAt(`.alter cluster policy managed_identity "[{ ¦ }]"`);
      assert.equal(afterBrace.ctx?.kind, 'propertyName');
      assert.equal(afterBrace.ctx.inString, false);
      assert.equal(afterBrace.ctx.innerQuote, "'");

      const afterComma = contextAt(`.alter cluster policy managed_identity "[{'ObjectId':'system', ¦}]"`);
      assert.equal(afterComma.ctx?.kind, 'propertyName');
    });

    it('a value position after the colon, before any quote', () => {
      const oid = contextAt(`.alter cluster policy managed_identity "[{'ObjectId': ¦}]"`);
      assert.equal(oid.ctx?.kind, 'objectIdValue');
      assert.equal(oid.ctx.inString, false);
      const usages = contextAt(`.alter cluster policy managed_identity "[{'AllowedUsages':¦`);
      assert.equal(usages.ctx?.kind, 'allowedUsagesValue');
    });

    it('other places inside the literal', () => {
      for (const marked of [
        `.alter cluster policy managed_identity "¦[{'ObjectId':'system'}]"`,
        `.alter cluster policy managed_identity "[{'ObjectId'¦:'system'}]"`,
        `.alter cluster policy managed_identity "[{'ObjectId':'system'¦}]"`,
        `.alter cluster policy managed_identity "[{'DisplayName':'x¦'}]"`,
        `.alter cluster policy managed_identity "[{'ObjectId':'system'}]¦"`,
      ]) {
        assert.equal(contextAt(marked).ctx?.kind, 'other', marked);
      }
    });

    it('lists the ObjectIds already in the literal', () => {
      const { ctx } = contextAt(`.alter cluster policy managed_identity "[{'ObjectId':'${GUID}','AllowedUsages':'All'},{'ObjectId':'¦'}]"`);
      assert.deepEqual(ctx?.objectIdsInLiteral, [GUID]);
    });

    it('is undefined outside policy literals', () => {
      for (const marked of [
        `.alter cluster policy manag¦ed_identity "[{'ObjectId':'x'}]"`,
        `.alter cluster policy managed_identity ¦"[{'ObjectId':'x'}]"`,
        `.alter cluster policy managed_identity "[{'ObjectId':'x'}]"¦`,
        `.alter database db policy retention "{'SoftDeletePeriod':'¦'}"`,
        `// .alter cluster policy managed_identity "[{'ObjectId':'¦'}]"`,
        `T | extend x = "[{'ObjectId':'¦'}]"`,
      ]) {
        assert.equal(contextAt(marked).ctx, undefined, marked);
      }
    });

    it('returns, at every offset of a sample, a range holding the offset', () => {
      const sample = `${DOC_CLUSTER}\n${MULTI_LINE}\n.alter cluster policy managed_identity "[{\\"ObjectId\\":'x', 'AllowedUsages': 'A,,B'`;
      let inside = 0;
      for (let offset = 0; offset <= sample.length; offset++) {
        const ctx = getPolicyLiteralContext(sample, offset);
        if (!ctx) continue;
        inside++;
        assert.ok(ctx.valueRange.start <= offset && offset <= ctx.valueRange.end, `offset ${offset}`);
        assert.equal(sample.slice(ctx.valueRange.start, ctx.valueRange.end), ctx.valueText, `offset ${offset}`);
      }
      assert.ok(inside > 200);
    });

    it('never throws on arbitrary text after a policy command head (property)', () => {
      fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...`[]{}:,'"\\ \nabcAllObjectIdAllowedUsages\`@h`.split('')) }), fc.nat(), (tail, n) => {
        const text = `.alter-merge cluster policy managed_identity ${tail}`;
        const offset = n % (text.length + 1);
        getPolicyLiteralContext(text, offset);
        validatePolicyLiterals(text);
        findPolicyLiteralValues(text);
      }));
    });
  });

  describe('validatePolicyLiterals', () => {
    it('accepts the documented commands and the ``` form', () => {
      assert.deepEqual(validatePolicyLiterals(DOC_CLUSTER), []);
      assert.deepEqual(validatePolicyLiterals(DOC_DATABASE), []);
      assert.deepEqual(validatePolicyLiterals(MULTI_LINE), []);
    });

    it('accepts "system" as ObjectId (the docs reserve it for the system-assigned identity)', () => {
      assert.deepEqual(validatePolicyLiterals(`.alter cluster policy managed_identity "[{'ObjectId':'system','AllowedUsages':'All'}]"`), []);
    });

    it('reports an unknown usage with a did-you-mean suggestion, at the item', () => {
      const text = `.alter cluster policy managed_identity "[{'ObjectId':'${GUID}','AllowedUsages':'NativeIngestion, ExternalTables'}]"`;
      const [p, ...rest] = validatePolicyLiterals(text);
      assert.equal(rest.length, 0);
      assert.equal(p.code, 'unknown-usage');
      assert.equal(p.severity, 'error');
      assert.equal(text.slice(p.start, p.end), 'ExternalTables');
      assert.equal(p.suggestion, 'ExternalTable');
      assert.match(p.message, /Did you mean "ExternalTable"/);
    });

    it('reports an unknown usage without a suggestion when nothing is close', () => {
      const [p] = validatePolicyLiterals(`.alter cluster policy managed_identity "[{'ObjectId':'system','AllowedUsages':'Telemetry'}]"`);
      assert.equal(p.code, 'unknown-usage');
      assert.equal(p.suggestion, undefined);
    });

    it('warns about a usage in the wrong case', () => {
      const text = `.alter cluster policy managed_identity "[{'ObjectId':'system','AllowedUsages':'nativeingestion'}]"`;
      const [p] = validatePolicyLiterals(text);
      assert.equal(p.code, 'usage-wrong-case');
      assert.equal(p.severity, 'warning');
      assert.equal(p.suggestion, 'NativeIngestion');
    });

    it('reports SandboxArtifacts in a database policy, not in a cluster policy', () => {
      const db = `.alter-merge database db policy managed_identity "[{'ObjectId':'${GUID}','AllowedUsages':'NativeIngestion,SandboxArtifacts'}]"`;
      const [p, ...rest] = validatePolicyLiterals(db);
      assert.equal(rest.length, 0);
      assert.equal(p.code, 'usage-not-valid-at-level');
      assert.equal(p.level, 'database');
      assert.equal(db.slice(p.start, p.end), 'SandboxArtifacts');
      assert.deepEqual(validatePolicyLiterals(db.replace('database db', 'cluster')), []);
    });

    it('reports an ObjectId that is not a GUID, such as the docs placeholder', () => {
      const text = `.alter-merge cluster policy managed_identity "[ { 'ObjectId' : '<Managed identity object Id>', 'AllowedUsages' : 'NativeIngestion' }]"`;
      const [p, ...rest] = validatePolicyLiterals(text);
      assert.equal(rest.length, 0);
      assert.equal(p.code, 'invalid-object-id');
      assert.equal(text.slice(p.start, p.end), '<Managed identity object Id>');
      for (const bad of [`${GUID}x`, GUID.slice(1), 'sys', `{${GUID}}`]) {
        const problems = validatePolicyLiterals(`.alter cluster policy managed_identity "[{'ObjectId':'${bad}','AllowedUsages':'All'}]"`);
        assert.deepEqual(problems.map((x) => x.code), ['invalid-object-id'], bad);
      }
    });

    it('reports an empty ObjectId on its quotes', () => {
      const text = `.alter cluster policy managed_identity "[{'ObjectId':'','AllowedUsages':'All'}]"`;
      const [p] = validatePolicyLiterals(text);
      assert.equal(p.code, 'invalid-object-id');
      assert.equal(text.slice(p.start, p.end), "''");
    });

    it('reports a policy object without ObjectId or AllowedUsages, and an empty AllowedUsages', () => {
      const codes = (t: string) => validatePolicyLiterals(t).map((p) => p.code);
      assert.deepEqual(codes(`.alter cluster policy managed_identity "[{'AllowedUsages':'All'}]"`), ['missing-object-id']);
      assert.deepEqual(codes(`.alter cluster policy managed_identity "[{'ObjectId':'system'}]"`), ['missing-allowed-usages']);
      assert.deepEqual(codes(`.alter cluster policy managed_identity "[{'ObjectId':'system','AllowedUsages':' '}]"`), ['missing-allowed-usages']);
      assert.deepEqual(codes(`.alter cluster policy managed_identity "[]"`), []);
    });

    it('maps offsets through escapes in the ``` and \\" forms', () => {
      const text = `.alter cluster policy managed_identity "[{\\"ObjectId\\":\\"nope\\",\\"AllowedUsages\\":\\"Natve\\"}]"`;
      const problems = validatePolicyLiterals(text);
      assert.deepEqual(problems.map((p) => [p.code, text.slice(p.start, p.end)]), [
        ['invalid-object-id', 'nope'],
        ['unknown-usage', 'Natve'],
      ]);
    });

    it('skips values still being typed', () => {
      assert.deepEqual(validatePolicyLiterals(`.alter cluster policy managed_identity "[{'ObjectId':'${GUID}','AllowedUsages':'Nat`), []);
    });

    it('ignores commented-out commands', () => {
      assert.deepEqual(validatePolicyLiterals(`// .alter cluster policy managed_identity "[{'ObjectId':'x','AllowedUsages':'Nope'}]"`), []);
    });
  });

  describe('findManagedIdentityReferences', () => {
    it('finds the documented system and object-id forms, with the value offsets', () => {
      const text = [
        `"https://demosa.blob.core.windows.net/test/export.csv;managed_identity=${GUID}"`,
        `"https://demosa.blob.core.windows.net/test/export.csv;managed_identity=system"`,
      ].join('\n');
      const refs = findManagedIdentityReferences(text);
      assert.deepEqual(refs.map((r) => [r.value, r.kind, text.slice(r.start, r.end)]), [
        [GUID, 'objectId', GUID],
        ['system', 'system', 'system'],
      ]);
      assert.equal(text.slice(refs[0].keyStart, refs[0].start), ';managed_identity=');
    });

    it('finds references in KQL, C#, Python and template strings', () => {
      const cases: [string, string, string][] = [
        [`.ingest into table T ('https://a.blob.core.windows.net/c/f.csv;managed_identity=system') with (format='csv')`, 'system', 'system'],
        [`var uri = "https://a.blob.core.windows.net/c/f.csv;managed_identity=" + id;`, '', 'invalid'],
        [`uri = f"https://a.blob.core.windows.net/c/f.csv;managed_identity={object_id}"`, '{object_id}', 'placeholder'],
        ['const u = `https://a/c/f.csv;managed_identity=${id}`;', '${id}', 'placeholder'],
        [`"https://a/c/f.csv;managed_identity={objectId}"`, '{objectId}', 'placeholder'],
        [`"https://a/c/f.csv;managed_identity=<objectId>"`, '<objectId>', 'placeholder'],
        [`fmt.Sprintf("https://a/c/f.csv;managed_identity=%s", id)`, '%s', 'placeholder'],
        [`"https://a/c/f.csv;MANAGED_IDENTITY=SYSTEM"`, 'SYSTEM', 'system'],
        [`"https://a/c/f.csv;managed_identity=systen"`, 'systen', 'invalid'],
        [`"https://a/c/f.csv;managed_identity=${GUID}\\"`, GUID, 'objectId'],
        [`'https://a/c/f.csv; managed_identity = system'`, 'system', 'system'],
      ];
      for (const [text, value, kind] of cases) {
        const refs = findManagedIdentityReferences(text);
        assert.equal(refs.length, 1, text);
        assert.equal(refs[0].value, value, text);
        assert.equal(refs[0].kind, kind, text);
        assert.equal(text.slice(refs[0].start, refs[0].end), value, text);
      }
    });

    it('finds several references and none where there are none', () => {
      assert.equal(findManagedIdentityReferences(`'a;managed_identity=system' 'b;managed_identity=${GUID}'`).length, 2);
      for (const text of ['managed_identity=system', 'policy managed_identity', '?sv=2020&sig=abc', '']) {
        assert.deepEqual(findManagedIdentityReferences(text), [], text);
      }
    });
  });
});
