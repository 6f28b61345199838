// `--source FILE`: the file that ingests the blob, with the blob-size rule's
// findings when its language is one the rule covers (C#, Python, TS/JS, Go).
import * as fs from 'node:fs/promises';
import { createSizeAnalyzer } from '../../analyzers';
import type { SourceInput } from '../../readiness/core/services';
import { UsageError } from '../command';
import { locateWasmDir, sizeFindings } from '../scan/sizeAnalysis';
import { decodeText } from '../scan/textEncoding';

const KQL = /\.(kql|csl|kusto)$/i;

export async function readSource(file: string): Promise<SourceInput> {
  let text: string;
  try {
    // Decoded as `scan` decodes: UTF-16/32 with a BOM (PowerShell 5 writes UTF-16) too.
    text = decodeText(await fs.readFile(file)).text;
  } catch (e) {
    throw new UsageError(`cannot read --source ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  if (KQL.test(file)) return { fileName: file, text, languageId: 'kusto' };
  // Only asks which language the file is; grammars load in sizeFindings.
  const languageId = createSizeAnalyzer({ wasmDir: locateWasmDir() }).languageForFile(file);
  if (!languageId) return { fileName: file, text };
  try {
    return { fileName: file, text, languageId, sizeFindings: await sizeFindings(file, text) };
  } catch (e) {
    return { fileName: file, text, languageId, sizeError: `The blob-size analysis failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}
