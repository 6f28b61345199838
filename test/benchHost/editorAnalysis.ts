// Runs inside the real VS Code host for the editor benchmark: the time the
// extension takes to produce a document's diagnostics (all analyzers, as on
// every debounced edit), for a 10,000-line file with SAS URIs sprinkled in.
import * as vscode from 'vscode';

const EXTENSION_ID = 'kusto-mi-tools.kusto-managed-identity';

interface BenchApi {
  testing: { documentAnalysis: { analyzeNow(document: vscode.TextDocument): Promise<unknown[]> } };
}

function tenThousandLines(): string {
  const lines: string[] = ['import { BlobDescriptor } from "azure-kusto-ingest";'];
  for (let i = 1; i < 10_000; i++) {
    if (i % 500 === 0) lines.push(`const blob${i} = "https://acct${i}.blob.core.windows.net/c/f${i}.csv?sv=2022-11-02&sp=r&se=2027-01-01&sig=BenchFakeSig${i}abcdefghij%3D";`);
    else lines.push(`export function f${i}(x: number): number { return x * ${i} + ${i % 7}; } // line ${i}`);
  }
  return lines.join('\n');
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<BenchApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} not found`);
  const api = await extension.activate();
  const document = await vscode.workspace.openTextDocument({ language: 'typescript', content: tenThousandLines() });
  const analysis = api.testing.documentAnalysis;
  for (let i = 0; i < 5; i++) await analysis.analyzeNow(document);
  const samples: number[] = [];
  let findings = 0;
  for (let i = 0; i < 30; i++) {
    const started = performance.now();
    findings = (await analysis.analyzeNow(document)).length;
    samples.push(performance.now() - started);
  }
  console.log(`BENCH editorDiagnosticsMs=${median(samples).toFixed(3)} findings=${findings} lines=${document.lineCount}`);
}
