// The least a scan with this project's rules can take on a tree: the two parsers
// it must run, alone and in-process, on exactly the files the scan hands them
// (files read beforehand; no analysis, no findings, no output). tree-sitter parses
// the size rule's candidates; Kusto's parser the blocks of .kql/.csl/.kusto files
// (rule kql-syntax), its load and first-use warm-up included as the scan pays them.
// The scanner bench runs it in a child process per tree (see scanner.bench.ts).
import * as fs from 'node:fs';
import { createSizeAnalyzer, GrammarLoader, grammarFor } from '../../src/analyzers';
import { isKqlFile } from '../../src/cli/scan/kqlSyntaxAnalysis';
import { locateWasmDir, mayHaveSizeFindings } from '../../src/cli/scan/sizeAnalysis';
import { listFiles } from '../../src/cli/scan/walk';
import { codeBlocks } from '../../src/core/kql/codeBlocks';
import { loadKustoLanguage } from '../../src/kqlParser/loadKustoLanguage';
import { syntaxErrors } from '../../src/kqlParser/syntaxDiagnostics';

export interface ParseFloor {
  readonly treeSitterFiles: number;
  /** Seconds: grammar loads and parses. */
  readonly treeSitter: number;
  readonly kqlFiles: number;
  readonly kqlBlocks: number;
  /** Seconds: the parser's load and every block's syntax diagnostics. */
  readonly kql: number;
}

export async function parseFloor(dir: string): Promise<ParseFloor> {
  const wasmDir = locateWasmDir();
  const languages = createSizeAnalyzer({ wasmDir });
  const candidates: { grammar: ReturnType<typeof grammarFor>; text: string }[] = [];
  const kqlTexts: string[] = [];
  for (const target of listFiles([dir], { cwd: process.cwd(), exclude: [], onError: () => undefined })) {
    const bytes = fs.readFileSync(target.fsPath);
    const language = languages.languageForFile(target.path);
    if (language && mayHaveSizeFindings(target.path, bytes)) candidates.push({ grammar: grammarFor(language), text: bytes.toString('utf8') });
    if (isKqlFile(target.path)) kqlTexts.push(bytes.toString('utf8'));
  }

  const loader = new GrammarLoader(wasmDir);
  let t0 = process.hrtime.bigint();
  for (const { grammar, text } of candidates) (await loader.grammar(grammar)).parser.parse(text)?.delete();
  const treeSitter = Number(process.hrtime.bigint() - t0) / 1e9;

  let kqlBlocks = 0;
  t0 = process.hrtime.bigint();
  if (kqlTexts.length > 0) {
    const kusto = loadKustoLanguage();
    for (const text of kqlTexts) {
      for (const block of codeBlocks(text)) {
        syntaxErrors(kusto, block.text);
        kqlBlocks++;
      }
    }
  }
  const kql = Number(process.hrtime.bigint() - t0) / 1e9;
  return { treeSitterFiles: candidates.length, treeSitter, kqlFiles: kqlTexts.length, kqlBlocks, kql };
}
