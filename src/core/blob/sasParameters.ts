// What the SAS query parameters are and mean. Sources: "Create a service SAS",
// "Create an account SAS" and "Create a user delegation SAS" (Azure Storage REST docs).

/**
 * Every query parameter a SAS token may carry (lower case). Anything else in the
 * query (snapshot=, versionid=, comp=, ...) is not part of the SAS, and a
 * managed-identity URI cannot carry it, so we refuse to rewrite such URIs.
 */
export const SAS_PARAMETERS: ReadonlySet<string> = new Set([
  'sv', 'ss', 'srt', 'sp', 'se', 'st', 'spr', 'sig', 'sr', 'si', 'sdd', 'sip', 'ses',
  'skoid', 'sktid', 'skt', 'ske', 'sks', 'skv', 'saoid', 'suoid', 'scid', 'sduoid', 'skdutid',
  'rscc', 'rscd', 'rsce', 'rscl', 'rsct',
]);

export function isSasParameter(name: string): boolean {
  return SAS_PARAMETERS.has(name.toLowerCase());
}

const HEX = /^[0-9a-f]{2}$/i;

/**
 * True when a `sig=` (or key) value is a documentation placeholder or a value
 * filled in at run time rather than a literal secret: empty, `<signature>`,
 * `{sig}`, `${SIG}`, `$SIG`, `%SIG%`, `%s`, `...`, or an already masked `***`.
 * Obviously fake but literal values (`xxx`) are still reported.
 */
export function isPlaceholderValue(value: string): boolean {
  if (value.length === 0) return true;
  if (/[<>{}[\]()$*…]|\.\.\.|&lt;|&gt;/.test(value)) return true;
  // A `%` that does not start a %XX escape is a variable or printf slot (%SIG%, %s).
  for (let i = value.indexOf('%'); i !== -1; i = value.indexOf('%', i + 1)) {
    if (!HEX.test(value.slice(i + 1, i + 3))) return true;
  }
  return false;
}

/** Letters of `sp` (signed permissions) in words. `p` differs between SAS kinds. */
const PERMISSION_WORDS: Readonly<Record<string, string>> = {
  r: 'read',
  a: 'add',
  c: 'create',
  w: 'write',
  d: 'delete',
  x: 'delete version',
  y: 'permanent delete',
  l: 'list',
  t: 'tags',
  f: 'filter by tags',
  m: 'move',
  e: 'execute',
  o: 'change ownership',
  i: 'set immutability policy',
  u: 'update',
};

/**
 * `sp` letters in words. In an account SAS (one with `ss`/`srt`) `p` means
 * "process" (queue messages); in a service SAS it means "change permissions" (ADLS ACLs).
 */
export function describePermissions(sp: string, isAccountSas: boolean): string[] {
  const words: string[] = [];
  for (const letter of sp) {
    const word = letter === 'p' ? (isAccountSas ? 'process' : 'change permissions') : PERMISSION_WORDS[letter];
    words.push(word ?? `unknown (${letter})`);
  }
  return words;
}

const SERVICE_WORDS: Readonly<Record<string, string>> = { b: 'blob', f: 'file', q: 'queue', t: 'table' };
const RESOURCE_TYPE_WORDS: Readonly<Record<string, string>> = { s: 'service', c: 'container', o: 'object' };
const SIGNED_RESOURCE_WORDS: Readonly<Record<string, string>> = {
  b: 'blob', bv: 'blob version', bs: 'blob snapshot', c: 'container', d: 'directory', f: 'file', s: 'share',
};

/** `ss` letters in words (account SAS). */
export function describeServices(ss: string): string[] {
  return [...ss].map((c) => SERVICE_WORDS[c] ?? `unknown (${c})`);
}

/** `srt` letters in words (account SAS). */
export function describeResourceTypes(srt: string): string[] {
  return [...srt].map((c) => RESOURCE_TYPE_WORDS[c] ?? `unknown (${c})`);
}

/** `sr` (service SAS) in words. */
export function describeSignedResource(sr: string): string {
  return SIGNED_RESOURCE_WORDS[sr] ?? sr;
}
