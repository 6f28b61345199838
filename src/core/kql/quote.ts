// Quoting of names and strings for KQL commands. Names are always bracketed
// (`['Ops-Archive']`) so keywords, dashes and spaces need no special casing;
// `\` and `'` are escaped so the name can never close the brackets early.

export class KqlQuoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KqlQuoteError';
  }
}

/** Kusto's own limit on entity name length. */
const MAX_NAME_LENGTH = 1024;

// C0/C1 controls and the Unicode line/paragraph separators: never part of a
// valid entity name, and a line break would let text escape a one-line command.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

function escapeBody(value: string, quote: '\'' | '"'): string {
  let out = '';
  for (const ch of value) {
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else out += ch;
  }
  return out;
}

/** `['name']`, for database (and other entity) names. Throws for empty names and control characters. */
export function quoteName(name: string): string {
  if (name.length === 0) throw new KqlQuoteError('An entity name cannot be empty.');
  if (name.length > MAX_NAME_LENGTH) throw new KqlQuoteError(`An entity name cannot be longer than ${MAX_NAME_LENGTH} characters.`);
  if (CONTROL.test(name)) throw new KqlQuoteError('An entity name cannot contain control characters or line breaks.');
  return `['${escapeBody(name, '\'')}']`;
}

/** A double-quoted KQL string literal. Tabs and line breaks are written as escapes. */
export function quoteString(value: string): string {
  const escaped = escapeBody(value, '"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  if (CONTROL.test(escaped)) throw new KqlQuoteError('A KQL string literal cannot contain control characters.');
  return `"${escaped}"`;
}

/** Longest part of a name quoted back in an error message. */
const SHOWN_NAME_LENGTH = 64;

/**
 * A name as an error message may show it: control characters, line breaks and
 * escape sequences written as `\u{…}` (a name never moves the cursor or
 * colours a terminal), long names cut with an ellipsis.
 */
export function showName(name: string): string {
  const chars = [...name];
  const cut = chars.length > SHOWN_NAME_LENGTH ? `${chars.slice(0, SHOWN_NAME_LENGTH).join('')}…` : name;
  return `'${cut.replace(new RegExp(CONTROL.source, 'gu'), (ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`)}'`;
}
