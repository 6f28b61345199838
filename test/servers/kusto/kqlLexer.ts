// A small lexer for the control commands the server understands. Written
// independently of the extension's quoting so that tests check one against
// the other. Handles `.command` words, identifiers, `['name']` / `["name"]`,
// and string literals: "…", '…' (with \ escapes), @"…" / @'…' (verbatim) and ```…```.

export type Token =
  | { readonly kind: 'command'; readonly text: string }
  | { readonly kind: 'ident'; readonly text: string }
  | { readonly kind: 'name'; readonly text: string }
  | { readonly kind: 'string'; readonly text: string };

export class KqlSyntaxError extends Error {
  constructor(message: string, readonly position: number) {
    super(message);
    this.name = 'KqlSyntaxError';
  }
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '\'': '\'', '"': '"' };

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (what: string): never => {
    throw new KqlSyntaxError(`${what} [line:position=1:${i}]`, i);
  };

  const readQuoted = (): string => {
    const quote = text[i];
    let out = '';
    for (i++; i < text.length; i++) {
      const ch = text[i];
      if (ch === quote) {
        i++;
        return out;
      }
      if (ch === '\n' || ch === '\r') fail('Unterminated string literal');
      if (ch === '\\') {
        const next = text[++i];
        if (next === undefined || !(next in ESCAPES)) fail('Invalid escape in string literal');
        out += ESCAPES[next];
      } else out += ch;
    }
    return fail('Unterminated string literal');
  };

  const readVerbatim = (): string => {
    const quote = text[++i];
    let out = '';
    for (i++; i < text.length; i++) {
      if (text[i] === quote) {
        if (text[i + 1] === quote) {
          out += quote;
          i++;
          continue;
        }
        i++;
        return out;
      }
      out += text[i];
    }
    return fail('Unterminated verbatim string literal');
  };

  while (i < text.length) {
    const ch = text[i];
    const rest = text.slice(i);
    if (/\s/.test(ch)) {
      i++;
    } else if (rest.startsWith('```')) {
      const end = text.indexOf('```', i + 3);
      if (end < 0) fail('Unterminated multi-line string literal');
      tokens.push({ kind: 'string', text: text.slice(i + 3, end) });
      i = end + 3;
    } else if (ch === '"' || ch === '\'') {
      tokens.push({ kind: 'string', text: readQuoted() });
    } else if (ch === '@' && (text[i + 1] === '"' || text[i + 1] === '\'')) {
      tokens.push({ kind: 'string', text: readVerbatim() });
    } else if (ch === '[') {
      i++;
      while (/\s/.test(text[i] ?? '')) i++;
      if (text[i] !== '\'' && text[i] !== '"') fail('Expected a quoted name after [');
      const name = readQuoted();
      while (/\s/.test(text[i] ?? '')) i++;
      if (text[i] !== ']') fail('Expected ] after a bracketed name');
      i++;
      tokens.push({ kind: 'name', text: name });
    } else if (ch === '.' && /^\.[a-z][a-z-]*/.test(rest)) {
      const m = /^\.[a-z][a-z-]*/.exec(rest)!;
      tokens.push({ kind: 'command', text: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest)!;
      tokens.push({ kind: 'ident', text: m[0] });
      i += m[0].length;
    } else {
      fail(`Unexpected character '${ch}'`);
    }
  }
  return tokens;
}
