// The blob-size rule in the CLI: tree-sitter analysis of the files whose
// language the size analyzer knows and whose text mentions a managed identity.
// The runtime and each grammar load only when such a file is met.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createSizeAnalyzer, type SizeAnalyzer } from '../../analyzers';
import type { Finding } from '../../core/findings';

const MARKER = Buffer.from(';managed_identity=');

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
  analyzer ??= createSizeAnalyzer({ wasmDir: locateWasmDir() });
  return analyzer;
}

/** Whether the file may hold a size finding: a known language and the marker in its bytes. */
export function mayHaveSizeFindings(file: string, bytes: Buffer): boolean {
  return sizeAnalyzer().languageForFile(file) !== undefined && bytes.indexOf(MARKER) !== -1;
}

/** mayHaveSizeFindings for text already decoded (UTF-16 and UTF-32 files). */
export function mayTextHaveSizeFindings(file: string, text: string): boolean {
  return sizeAnalyzer().languageForFile(file) !== undefined && text.includes(';managed_identity=');
}

/** Size findings of a file's text (empty for languages the analyzer does not know). */
export async function sizeFindings(file: string, text: string): Promise<Finding[]> {
  const language = sizeAnalyzer().languageForFile(file);
  if (!language || !text.includes(';managed_identity=')) return [];
  return sizeAnalyzer().analyze(text, language);
}
