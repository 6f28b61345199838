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

/**
 * A documentation placeholder such as `<TableName>`, `<object-id>` or `<SAS token>`:
 * a template to fill in, not KQL to run. Kusto's parser rejects it (KS198, KS005)
 * and its error recovery misreads the rest of the block, so a block holding one
 * gets no finding: a false "syntax error" in a docs template fails a CI run for
 * nothing. (`a < b` never matches: a letter must follow `<` directly.)
 */
const PLACEHOLDER = /<[A-Za-z](?:[\w. -]{0,40}\w)?>/;

export function kqlSyntaxFindings(text: string): Finding[] {
  kusto ??= loadKustoLanguage();
  const findings: Finding[] = [];
  for (const block of codeBlocks(text)) {
    if (PLACEHOLDER.test(block.text)) continue;
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
