// The kql-syntax rule in the CLI: Kusto's own parser on .kql/.csl/.kusto files,
// one finding per syntax error, each blank-line-separated block parsed as one
// statement. The parser (≈5 MB) loads only when such a file is met.
import type { Finding } from '../../core/findings';
import { codeBlocks } from '../../core/kql/codeBlocks';
import type { KustoLanguage } from '../../kqlParser/kustoApi';
import { loadKustoLanguage } from '../../kqlParser/loadKustoLanguage';
import { syntaxErrors } from '../../kqlParser/syntaxDiagnostics';

const KQL_FILE = /\.(kql|csl|kusto)$/i;

export function isKqlFile(file: string): boolean {
  return KQL_FILE.test(file);
}

let kusto: KustoLanguage | undefined;

export function kqlSyntaxFindings(text: string): Finding[] {
  kusto ??= loadKustoLanguage();
  const findings: Finding[] = [];
  for (const block of codeBlocks(text)) {
    for (const e of syntaxErrors(kusto, block.text)) {
      if (e.severity !== 'error') continue;
      findings.push({
        ruleId: 'kql-syntax',
        start: block.start + e.start,
        end: block.start + e.end,
        message: `${e.code}: ${e.message}`,
        fixes: [],
      });
    }
  }
  return findings;
}
