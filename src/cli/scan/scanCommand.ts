// `kusto-mi scan [paths...]`: finds SAS URIs and storage account keys in a tree
// and prints them as text, JSON or SARIF; `--fix` rewrites them in place.

import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { Finding } from '../../core/findings';
import { version } from '../../../package.json';
import { EXIT_CLEAN, EXIT_FINDINGS, UsageError, type CliCommand, type CliIo } from '../command';
import { applyPreferredFixes } from './applyFixes';
import { formatJson } from './formatJson';
import { formatSarif } from './formatSarif';
import { formatText } from './formatText';
import { analyzeText } from '../../core/scan/analyzeText';
import { decodeFile } from './analyzeBytes';
import { positionFindings, type ReportedFinding } from './report';
import { scanFiles } from './scanFiles';
import { sizeFindings } from './sizeAnalysis';
import { listFiles, relativePath } from './walk';
import { redactSecrets } from '../../core/secrets/redact';

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;
const MAX_FIX_PASSES = 5;

const USAGE = `Usage: kusto-mi scan [paths...] [options]

Finds Azure Storage URIs that carry a SAS token or an account key, storage
connection strings with an account key, and ingestion calls (C#, Python,
TypeScript/JavaScript, Go) that pass a managed-identity blob without its size,
in the files under each path (default: .).
.gitignore files are honoured; .git/ and node_modules/ are always skipped;
binary files and files larger than --max-file-size are skipped.

Options:
  -f, --format <text|json|sarif>  Output format (default: text)
  -o, --output <file>             Write the report to a file instead of stdout
      --exclude <glob>            Skip matching paths (relative to the working
                                  directory; a glob without "/" matches file
                                  names). Repeatable.
      --max-file-size <bytes>     Skip larger files (default: ${DEFAULT_MAX_FILE_SIZE}; k/m suffixes allowed)
      --fix                       Rewrite each finding with its preferred fix
                                  (";managed_identity=system", size 0) in place
  -h, --help                      Show this help

Exit codes: 0 nothing found (with --fix: nothing left unfixed), 1 findings,
2 usage error, 3 internal error.
`;

interface ScanArgs {
  readonly paths: string[];
  readonly format: Format;
  readonly output?: string;
  readonly exclude: string[];
  readonly maxFileSize: number;
  readonly fix: boolean;
  readonly help: boolean;
}

function parseSize(value: string): number {
  const m = /^(\d+)\s*([kKmMgG]?)[bB]?$/.exec(value.trim());
  if (!m) throw new UsageError(`--max-file-size expects a number of bytes, got '${value}'`);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Number(m[1]) * unit;
}

export function parseScanArgs(argv: readonly string[]): ScanArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        exclude: { type: 'string', multiple: true },
        'max-file-size': { type: 'string' },
        fix: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    // parseArgs explains unknown flags and missing values well; keep its first sentence.
    throw new UsageError((e as Error).message.split('. ')[0]);
  }
  const { values, positionals } = parsed;
  const format = (values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) {
    throw new UsageError(`unknown format '${values.format}'; expected one of ${FORMATS.join(', ')}`);
  }
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    format,
    output: values.output,
    exclude: values.exclude ?? [],
    maxFileSize: values['max-file-size'] === undefined ? DEFAULT_MAX_FILE_SIZE : parseSize(values['max-file-size']),
    fix: values.fix ?? false,
    help: values.help ?? false,
  };
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseScanArgs(argv);
  if (args.help) {
    io.out(USAGE);
    return EXIT_CLEAN;
  }
  for (const p of args.paths) {
    try {
      await fs.stat(path.resolve(io.cwd, p));
    } catch {
      throw new UsageError(`no such file or directory: ${p}`);
    }
  }
  const note = (file: string, text: string): void => io.err(`kusto-mi: ${relativePath(io.cwd, file)}: ${redactSecrets(text)}\n`);
  const started = process.hrtime.bigint();
  const files = await listFiles(args.paths, {
    cwd: io.cwd,
    exclude: args.exclude,
    onError: (file, e) => note(file, `cannot read directory (${e.message})`),
  });
  const scan = await scanFiles(files, {
    maxFileSize: args.maxFileSize,
    onSkipped: (file, reason, size) => {
      if (reason === 'too-large') note(file, `skipped: ${size} bytes is over the ${args.maxFileSize}-byte limit (--max-file-size)`);
    },
    onError: (file, e) => note(file, `cannot read (${e.message})`),
  });

  const reported: ReportedFinding[] = [];
  let fixedCount = 0;
  for (const result of scan.results) {
    const file = relativePath(io.cwd, result.file);
    if (!args.fix) {
      for (const f of result.findings) reported.push({ ...f, file });
      continue;
    }
    // Fixing needs offsets in the whole text, so this (rare) path decodes the whole file.
    const { text: original, hasBom } = decodeFile(await fs.readFile(result.file));
    // A fix can reveal another finding (a SAS rewritten to a managed identity then
    // needs a blob size): like ESLint, fix again until nothing changes.
    let text = original;
    let unfixed: Finding[] = [];
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      const findings = [...analyzeText(text), ...(await sizeFindings(result.file, text))].sort((a, b) => a.start - b.start);
      const outcome = applyPreferredFixes(text, findings);
      for (const f of positionFindings(text, outcome.fixed)) {
        io.err(`fixed ${file}:${f.region.startLine}:${f.region.startColumn}: ${f.ruleId}: ${f.preferredFix?.title ?? ''}\n`);
      }
      fixedCount += outcome.fixed.length;
      unfixed = [...outcome.unfixed];
      if (outcome.fixed.length === 0) break;
      text = outcome.text;
    }
    if (text !== original) await fs.writeFile(result.file, (hasBom ? '\ufeff' : '') + text, 'utf8');
    for (const f of positionFindings(text, unfixed)) reported.push({ ...f, file });
  }

  const report = args.format === 'json' ? formatJson(reported)
    : args.format === 'sarif' ? formatSarif(reported, io.cwd, version)
      : formatText(reported);
  if (args.output !== undefined) await fs.writeFile(path.resolve(io.cwd, args.output), report, 'utf8');
  else io.out(report);

  if (args.format === 'text' || args.output !== undefined) {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const fixed = args.fix ? `, ${fixedCount} fixed` : '';
    io.err(`kusto-mi: ${reported.length} finding(s)${fixed} in ${scan.scannedFiles} file(s), ${(scan.scannedBytes / 1e6).toFixed(1)} MB, ${seconds.toFixed(2)} s\n`);
  }
  return reported.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

export const scanCommand: CliCommand = {
  name: 'scan',
  summary: 'Find SAS tokens, storage account keys and managed-identity blobs without a size (text, JSON or SARIF)',
  usage: USAGE,
  run,
};
