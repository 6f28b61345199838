// Test helper: loads syntaxes/kusto.tmLanguage.json with vscode-textmate and
// vscode-oniguruma (the engine VS Code uses) and tokenizes KQL into
// [text, scopes] pairs. The grammar embeds `source.json` for ``` policy
// literals; a test picks what that resolves to: nothing (as when the JSON
// grammar is missing), the stub in test/fixtures/grammar, or VS Code's real
// JSON grammar when one is installed under .vscode-test.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

export type Token = [text: string, scopes: string[]];
export type JsonGrammar = 'none' | 'stub' | 'real';

/** The folder holding this project's package.json, found from the compiled test's location or the cwd. */
export function repoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    let dir = start;
    for (;;) {
      const pkg = path.join(dir, 'package.json');
      if (fs.existsSync(pkg) && fs.existsSync(path.join(dir, 'syntaxes'))) return dir;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error('repository root (package.json next to syntaxes/) not found');
}

export const GRAMMAR_PATH = (): string => path.join(repoRoot(), 'syntaxes', 'kusto.tmLanguage.json');
const STUB_JSON_PATH = (): string => path.join(repoRoot(), 'test', 'fixtures', 'grammar', 'json-stub.tmLanguage.json');

/** VS Code's own JSON grammar, if a VS Code or code-server is installed for the extension tests. */
export function realJsonGrammarPath(): string | undefined {
  const candidates = [
    '.vscode-test/host/node_modules/code-server/lib/vscode/extensions/json/syntaxes/JSON.tmLanguage.json',
    '.vscode-test/vscode/resources/app/extensions/json/syntaxes/JSON.tmLanguage.json',
  ];
  return candidates.map((c) => path.join(repoRoot(), c)).find((p) => fs.existsSync(p));
}

let onig: Promise<vsctm.IOnigLib> | undefined;

function onigLib(): Promise<vsctm.IOnigLib> {
  onig ??= (async () => {
    const wasm = fs.readFileSync(path.join(repoRoot(), 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    };
  })();
  return onig;
}

/** Compiles `patterns` the way vscode-textmate will; throws on a bad regex. */
export async function compileRegex(pattern: string): Promise<void> {
  const lib = await onigLib();
  lib.createOnigScanner([pattern]);
}

const grammars = new Map<JsonGrammar, Promise<vsctm.IGrammar>>();

export function loadGrammar(json: JsonGrammar = 'none'): Promise<vsctm.IGrammar> {
  let g = grammars.get(json);
  if (!g) {
    const registry = new vsctm.Registry({
      onigLib: onigLib(),
      loadGrammar: async (scopeName) => {
        const file = scopeName === 'source.kusto' ? GRAMMAR_PATH()
          : scopeName === 'source.json' && json === 'stub' ? STUB_JSON_PATH()
          : scopeName === 'source.json' && json === 'real' ? realJsonGrammarPath()
          : undefined;
        return file ? vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
      },
    });
    g = registry.loadGrammar('source.kusto').then((grammar) => {
      if (!grammar) throw new Error('source.kusto did not load');
      return grammar;
    });
    grammars.set(json, g);
  }
  return g;
}

/** Tokenizes `text` (lines separated by \n) and returns every token as [text, scopes]. */
export async function tokenize(text: string, json: JsonGrammar = 'none'): Promise<Token[]> {
  const grammar = await loadGrammar(json);
  const tokens: Token[] = [];
  let stack = vsctm.INITIAL;
  for (const line of text.split(/\r?\n/)) {
    const result = grammar.tokenizeLine(line, stack);
    for (const t of result.tokens) {
      const piece = line.substring(t.startIndex, t.endIndex);
      tokens.push([piece, t.scopes]);
    }
    stack = result.ruleStack;
  }
  return tokens;
}

/** The scopes of the `nth` token whose text is `text` (both trimmed); fails the test if there is none. */
export function scopesOf(tokens: readonly Token[], text: string, nth = 0): string[] {
  const matches = tokens.filter(([t]) => t.trim() === text.trim());
  if (matches.length <= nth) {
    throw new Error(`no token ${JSON.stringify(text)} (#${nth}) in:\n${render(tokens)}`);
  }
  return matches[nth][1];
}

/** Whether some scope equals `scope` or starts with `scope.` (TextMate selector semantics). */
export function hasScope(scopes: readonly string[], scope: string): boolean {
  return scopes.some((s) => s.split(' ').some((part) => part === scope || part.startsWith(scope + '.')));
}

/** One token per line: text, then its scopes without the root scope. For snapshots and failure messages. */
export function render(tokens: readonly Token[]): string {
  return tokens
    .map(([text, scopes]) => `${JSON.stringify(text)} ${scopes.filter((s) => s !== 'source.kusto').join(' ')}`.trimEnd())
    .join('\n');
}
