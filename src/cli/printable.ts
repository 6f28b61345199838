// Text that reaches a terminal from outside the program (database names,
// object ids and error messages from a server, file names from a disk) is
// printed with its control characters escaped: an ANSI escape in a database
// name must not recolour the terminal, move the cursor or hide a line, and
// bidirectional overrides must not reorder what the user reads.

// C0 controls, DEL, C1 controls (0x9b is a one-byte CSI), line/paragraph separators, bidi embeddings/overrides/isolates.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

function hex(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every control character shown as an escape (`\e`, `\n`, `\x07`, `\u202e`). */
export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => NAMED[c] ?? hex(c));
}

/**
 * JSON text with the characters JSON.stringify leaves raw but a terminal acts
 * on (C1 controls, bidi overrides) written as \u escapes; still the same JSON value.
 */
export function terminalSafeJson(json: string): string {
  return json.replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
