// The blob-size rule in the CLI: tree-sitter analysis of the files whose
// language the size analyzer knows and whose text mentions a managed identity.
// The runtime and each grammar load only when such a file is met.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createSizeAnalyzer, sizeTriggers, type SizeAnalyzer, type SizeLanguageId } from '../../analyzers';
import { hasToken } from '../../analyzers/tokens';
import type { Finding } from '../../core/findings';

const MARKER = Buffer.from(';managed_identity=');
/** Trigger names as bytes, per language: they are ASCII, so a byte search finds exactly what a text search would. */
const TRIGGER_BYTES = new Map<SizeLanguageId, readonly Buffer[]>();
let parses = 0;

/** dist/wasm next to the bundled CLI; else the package in a node_modules above (tests run it from out/). */
export function locateWasmDir(): string {
  const bundled = path.join(__dirname, 'wasm');
  if (fs.existsSync(path.join(bundled, 'tree-sitter.wasm'))) return bundled;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm');
    if (fs.existsSync(path.join(candidate, 'tree-sitter.wasm'))) return candidate;
    if (path.dirname(dir) === dir) return bundled;
  }
}

let analyzer: SizeAnalyzer | undefined;
function sizeAnalyzer(): SizeAnalyzer {
  analyzer ??= createSizeAnalyzer({ wasmDir: locateWasmDir(), onParse: () => parses++ });
  return analyzer;
}

/** Files parsed for the size rule so far in this process (tests prove the prefilter with it). */
export function sizeParseCount(): number {
  return parses;
}

function triggerBytes(language: SizeLanguageId): readonly Buffer[] {
  let found = TRIGGER_BYTES.get(language);
  if (!found) {
    found = sizeTriggers(language).map((t) => Buffer.from(t, 'latin1'));
    TRIGGER_BYTES.set(language, found);
  }
  return found;
}

/** [A-Za-z0-9_$], the identifier characters of the analyzer's token search. */
function isIdentByte(b: number | undefined): boolean {
  return b !== undefined && ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x5f || b === 0x24);
}

/** `name` occurs in `bytes` not glued to identifier characters (as the analyzer's tokenOffsets finds calls). */
function hasTokenBytes(bytes: Buffer, name: Buffer): boolean {
  for (let i = bytes.indexOf(name); i !== -1; i = bytes.indexOf(name, i + 1)) {
    if (!isIdentByte(i > 0 ? bytes[i - 1] : undefined) && !isIdentByte(bytes[i + name.length])) return true;
  }
  return false;
}

/**
 * Whether the file may hold a size finding, from its bytes alone: a known
 * language, the marker, and one of the language's call names as a whole
 * identifier. Without all three the analyzer finds nothing, so the file is
 * neither decoded whole nor parsed: on a tree of ingestion code this skips the
 * files that only mention a managed-identity URI (configuration, helpers).
 */
export function mayHaveSizeFindings(file: string, bytes: Buffer): boolean {
  const language = sizeAnalyzer().languageForFile(file);
  return language !== undefined && bytes.indexOf(MARKER) !== -1 && triggerBytes(language).some((t) => hasTokenBytes(bytes, t));
}

/** mayHaveSizeFindings for text already decoded (UTF-16 and UTF-32 files). */
export function mayTextHaveSizeFindings(file: string, text: string): boolean {
  const language = sizeAnalyzer().languageForFile(file);
  return language !== undefined && text.includes(';managed_identity=')
    && sizeTriggers(language).some((t) => hasToken(text, t, 0, text.length));
}

/** Size findings of a file's text (empty for languages the analyzer does not know). */
export async function sizeFindings(file: string, text: string): Promise<Finding[]> {
  const language = sizeAnalyzer().languageForFile(file);
  if (!language || !text.includes(';managed_identity=')) return [];
  return sizeAnalyzer().analyze(text, language);
}
