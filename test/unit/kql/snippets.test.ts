import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  findManagedIdentityReferences,
  parseManagedIdentityPolicyCommands,
  validatePolicyLiterals,
} from '../../../src/core/kql/policyLiteral';
import { USAGE_NAMES, usagesForLevel, type PolicyLevel } from '../../../src/core/kql/usages';
import { hasScope, repoRoot, scopesOf, tokenize } from '../grammar/textmate';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

// ---------------------------------------------------------------------------
// A parser for VS Code's snippet syntax (https://code.visualstudio.com/docs/editor/userdefinedsnippets#_grammar),
// strict about `$`: every `$` must start a tabstop, placeholder, choice or variable, or be escaped.

type Part =
  | { kind: 'text'; text: string }
  | { kind: 'tabstop'; index: number; children: Part[] }
  | { kind: 'choice'; index: number; options: string[] }
  | { kind: 'variable'; name: string; children: Part[] };

class SnippetParser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parse(): Part[] {
    const parts = this.parseParts(false);
    if (this.pos !== this.src.length) throw new Error(`unexpected "${this.src[this.pos]}" at ${this.pos}`);
    return parts;
  }

  private parseParts(inPlaceholder: boolean): Part[] {
    const parts: Part[] = [];
    let text = '';
    const flush = () => {
      if (text) parts.push({ kind: 'text', text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\' && '$}\\'.includes(this.src[this.pos + 1] ?? '')) {
        text += this.src[this.pos + 1];
        this.pos += 2;
      } else if (c === '$') {
        flush();
        parts.push(this.parseDollar());
      } else if (c === '}' && inPlaceholder) {
        break;
      } else {
        text += c;
        this.pos++;
      }
    }
    flush();
    return parts;
  }

  private parseDollar(): Part {
    const start = this.pos;
    this.pos++; // $
    const int = /^\d+/.exec(this.src.slice(this.pos));
    if (int) {
      this.pos += int[0].length;
      return { kind: 'tabstop', index: Number(int[0]), children: [] };
    }
    const name = /^[A-Za-z_]\w*/.exec(this.src.slice(this.pos));
    if (name) {
      this.pos += name[0].length;
      return { kind: 'variable', name: name[0], children: [] };
    }
    if (this.src[this.pos] !== '{') throw new Error(`lone "$" at ${start}: escape it as \\$`);
    this.pos++; // {
    const id = /^(\d+)|^([A-Za-z_]\w*)/.exec(this.src.slice(this.pos));
    if (!id) throw new Error(`"\${" without a tabstop number or variable at ${start}`);
    this.pos += id[0].length;
    const next = this.src[this.pos];
    if (next === '}') {
      this.pos++;
      return id[1] ? { kind: 'tabstop', index: Number(id[1]), children: [] } : { kind: 'variable', name: id[2], children: [] };
    }
    if (next === ':') {
      this.pos++;
      const children = this.parseParts(true);
      if (this.src[this.pos] !== '}') throw new Error(`unclosed placeholder starting at ${start}`);
      this.pos++;
      return id[1] ? { kind: 'tabstop', index: Number(id[1]), children } : { kind: 'variable', name: id[2], children };
    }
    if (next === '|' && id[1]) {
      this.pos++;
      const options: string[] = [];
      let option = '';
      for (;;) {
        const c = this.src[this.pos];
        if (c === undefined) throw new Error(`unclosed choice starting at ${start}`);
        if (c === '\\' && ',|\\'.includes(this.src[this.pos + 1] ?? '')) {
          option += this.src[this.pos + 1];
          this.pos += 2;
        } else if (c === ',') {
          options.push(option);
          option = '';
          this.pos++;
        } else if (c === '|') {
          options.push(option);
          if (this.src[this.pos + 1] !== '}') throw new Error(`choice at ${start} must end with "|}"`);
          this.pos += 2;
          return { kind: 'choice', index: Number(id[1]), options };
        } else {
          option += c;
          this.pos++;
        }
      }
    }
    throw new Error(`unexpected "${next ?? 'end'}" after "\${${id[0]}" at ${start}`);
  }
}

function parseBody(snippet: Snippet): Part[] {
  return new SnippetParser(bodyText(snippet)).parse();
}

function bodyText(snippet: Snippet): string {
  return Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
}

function walk(parts: readonly Part[], visit: (p: Part) => void): void {
  for (const p of parts) {
    visit(p);
    if (p.kind === 'tabstop' || p.kind === 'variable') walk(p.children, visit);
  }
}

/** The text VS Code inserts: defaults and first choices, unless `values` gives a tabstop's text. Tabs stay tabs. */
function expand(parts: readonly Part[], values: Readonly<Record<number, string>> = {}): string {
  return parts.map((p) => {
    switch (p.kind) {
      case 'text': return p.text;
      case 'tabstop': return values[p.index] ?? expand(p.children, values);
      case 'choice': return values[p.index] ?? p.options[0];
      case 'variable': return expand(p.children, values);
    }
  }).join('');
}

// ---------------------------------------------------------------------------

const snippets = (): Record<string, Snippet> =>
  JSON.parse(fs.readFileSync(path.join(repoRoot(), 'snippets', 'kusto.json'), 'utf8')) as Record<string, Snippet>;

const GUID = '6a5820b9-fdf6-4cc4-81b9-b416b444fd6d';

function levelOf(body: string): PolicyLevel {
  return /^\.\S+ cluster /.test(body) ? 'cluster' : 'database';
}

describe('snippets/kusto.json', () => {
  it('has a prefix, a body and a description for each snippet', () => {
    const all = snippets();
    assert.ok(Object.keys(all).length >= 13);
    for (const [name, s] of Object.entries(all)) {
      const prefixes = Array.isArray(s.prefix) ? s.prefix : [s.prefix];
      assert.ok(prefixes.length > 0 && prefixes.every((p) => typeof p === 'string' && p.trim() === p && p !== ''), name);
      assert.ok(typeof s.description === 'string' && s.description.length > 20, name);
      assert.ok(bodyText(s).length > 0, name);
    }
  });

  it('uses prefixes that are unique across snippets, ignoring case', () => {
    const seen = new Map<string, string>();
    for (const [name, s] of Object.entries(snippets())) {
      for (const p of Array.isArray(s.prefix) ? s.prefix : [s.prefix]) {
        const key = p.toLowerCase();
        assert.ok(!seen.has(key), `prefix "${p}" of "${name}" is also used by "${seen.get(key)}"`);
        seen.set(key, name);
      }
    }
  });

  it('has one prefix per snippet, the literal command start (VS Code lists a snippet once per prefix)', () => {
    for (const [name, s] of Object.entries(snippets())) {
      assert.equal(typeof s.prefix, 'string', `${name}: one prefix`);
      const command = bodyText(s).split(/\s/)[0];
      assert.ok((s.prefix as string).startsWith(command + ' '), `${name}: a prefix starting with ${command}`);
    }
  });

  it('parses every body as VS Code snippet syntax, with $0 and numbered tabstops from 1', () => {
    for (const [name, s] of Object.entries(snippets())) {
      const parts = parseBody(s);
      const indices = new Set<number>();
      walk(parts, (p) => {
        if (p.kind === 'tabstop' || p.kind === 'choice') indices.add(p.index);
        assert.notEqual(p.kind, 'variable', `${name}: no variables expected`);
      });
      assert.ok(indices.has(0), `${name}: ends with $0`);
      const numbered = [...indices].filter((i) => i > 0).sort((a, b) => a - b);
      assert.deepEqual(numbered, numbered.map((_, i) => i + 1), `${name}: tabstops 1..n`);
    }
  });

  it('rejects broken snippet syntax (the parser itself)', () => {
    for (const bad of ['${1:x', '${1|a,b}', '${1|a,b|', 'cost $ 5', '${:x}', '${1:${2:y}']) {
      assert.throws(() => new SnippetParser(bad).parse(), Error, bad);
    }
    assert.deepEqual(new SnippetParser('a\\$b ${1|x\\,y,z|}').parse(), [
      { kind: 'text', text: 'a$b ' },
      { kind: 'choice', index: 1, options: ['x,y', 'z'] },
    ]);
  });

  it('offers exactly the usages valid at the policy level, NativeIngestion first', () => {
    for (const [name, s] of Object.entries(snippets())) {
      const body = bodyText(s);
      if (!/policy managed_identity/.test(body)) continue;
      walk(parseBody(s), (p) => {
        if (p.kind !== 'choice') return;
        const level = levelOf(body);
        assert.deepEqual([...p.options].sort(), usagesForLevel(level).map((u) => u.name).sort(), name);
        assert.equal(p.options[0], 'NativeIngestion', name);
        if (level === 'database') assert.ok(!p.options.includes('SandboxArtifacts'), name);
        for (const o of p.options) assert.ok((USAGE_NAMES as readonly string[]).includes(o), `${name}: ${o}`);
      });
    }
  });

  it('covers .show, .alter, .alter-merge and .delete at both levels, and both literal forms', () => {
    const seen = new Set<string>();
    for (const s of Object.values(snippets())) {
      const body = bodyText(s);
      const m = /^(\.[a-z-]+) (cluster|database)\b.*policy managed_identity ?(```|")?/s.exec(body);
      if (m) seen.add([m[1], m[2], m[3] ?? ''].join(' '));
    }
    const expected: string[] = [];
    for (const level of ['cluster', 'database']) {
      expected.push(`.show ${level} `, `.delete ${level} `);
      for (const cmd of ['.alter', '.alter-merge']) expected.push(`${cmd} ${level} "`, `${cmd} ${level} \`\`\``);
    }
    assert.deepEqual([...seen].sort(), expected.sort());
  });

  it('expands every policy snippet, with every usage choice, to a policy literal that validates', () => {
    let checked = 0;
    for (const [name, s] of Object.entries(snippets())) {
      const body = bodyText(s);
      if (!/^\.alter/.test(body)) continue;
      const parts = parseBody(s);
      const level = levelOf(body);
      const oidIndex = level === 'cluster' ? 1 : 2;
      let choice: Extract<Part, { kind: 'choice' }> | undefined;
      walk(parts, (p) => {
        if (p.kind === 'choice') choice = p;
      });
      assert.ok(choice, name);
      for (const usage of choice.options) {
        const text = expand(parts, { [oidIndex]: GUID, [choice.index]: usage });
        const [cmd, ...rest] = parseManagedIdentityPolicyCommands(text);
        assert.equal(rest.length, 0, text);
        assert.ok(cmd, `${name}: not recognised as a policy command:\n${text}`);
        assert.equal(cmd.level, level, name);
        assert.equal(cmd.entries[0]?.objectId?.text, GUID, name);
        assert.equal(cmd.entries[0]?.allowedUsages?.text, usage, name);
        assert.deepEqual(validatePolicyLiterals(text), [], `${name} with ${usage}`);
        checked++;
      }
      // Left as inserted, the object id is `system`, which is valid: no error while the user is still in the snippet.
      assert.deepEqual(validatePolicyLiterals(expand(parts)), [], name);
    }
    assert.equal(checked, 4 * 10 + 4 * 9);
  });

  it('expands the .ingest snippet to a blob URI with ;managed_identity=system', () => {
    const ingest = Object.values(snippets()).find((s) => bodyText(s).startsWith('.ingest'));
    assert.ok(ingest);
    const text = expand(parseBody(ingest));
    assert.equal(text, ".ingest into table TableName ('https://account.blob.core.windows.net/container/file.csv;managed_identity=system') with (format='csv')");
    assert.deepEqual(findManagedIdentityReferences(text).map((r) => [r.value, r.kind]), [['system', 'system']]);
  });

  it('expands to KQL the grammar scopes as a managed_identity policy literal', async () => {
    for (const [name, s] of Object.entries(snippets())) {
      const body = bodyText(s);
      if (!/^\.alter/.test(body)) continue;
      const tokens = await tokenize(expand(parseBody(s)));
      assert.ok(hasScope(scopesOf(tokens, 'ObjectId'), 'support.type.property-name.json'), name);
      assert.ok(hasScope(scopesOf(tokens, 'AllowedUsages'), 'support.type.property-name.json'), name);
      assert.ok(hasScope(scopesOf(tokens, 'NativeIngestion'), 'meta.command.policy.managed-identity.kusto'), name);
    }
  });
});
