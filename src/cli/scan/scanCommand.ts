// `kusto-mi scan [paths...]`: finds SAS URIs and storage account keys in a tree
// and prints them as text, JSON or SARIF; `--fix` rewrites them in place.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { version } from '../../../package.json';
import { EXIT_CLEAN, EXIT_FINDINGS, EXIT_INCOMPLETE, UsageError, type CliCommand, type CliIo } from '../command';
import { printable } from '../printable';
import { fixFile } from './fixFile';
import { fileSink, stdoutSink } from './reportSink';
import { reportWriter } from './reportWriter';
import { scanFiles, type FileFindings } from './scanFiles';
import { listFiles, relativePath, relativePathBytes, type SkipReason } from './walk';
import { redactSecrets } from '../../core/secrets/redact';
import { MAX_FILE_BYTES } from '../../core/sizeLimit';

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

/** The editor's limit too: one rule for what is too large to check, everywhere. */
export const DEFAULT_MAX_FILE_SIZE = MAX_FILE_BYTES;

const USAGE = `Usage: kusto-mi scan [paths...] [options]

Finds Azure Storage URIs that carry a SAS token or an account key, storage
connection strings with an account key, and ingestion calls (C#, Python,
TypeScript/JavaScript, Go) that pass a managed-identity blob without its size,
in the files under each path (default: .).
.gitignore files are honoured; .git/ and node_modules/ are always skipped;
binary files and files larger than --max-file-size are skipped. UTF-16 and
UTF-32 files with a byte order mark are read; FIFOs, sockets and devices are
skipped with a note.

Options:
  -f, --format <text|json|sarif>  Output format (default: text)
  -o, --output <file>             Write the report to a file instead of stdout
      --exclude <glob>            Skip matching paths (relative to the working
                                  directory; a glob without "/" matches file
                                  names). Repeatable.
      --max-file-size <bytes>     Skip larger files (default: ${DEFAULT_MAX_FILE_SIZE}; k/m suffixes allowed)
      --no-kql-syntax             Skip rule kql-syntax (Kusto's parser on .kql,
                                  .csl and .kusto files: thorough, but about
                                  1 s and 100 MB to start)
      --fix                       Rewrite each finding with its preferred fix
                                  (";managed_identity=system", size 0) in place
  -h, --help                      Show this help

Exit codes: 0 nothing found (with --fix: nothing left unfixed), 1 findings,
2 usage error, 3 incomplete: a file or folder could not be read (or, with
--fix, written); each is named on stderr, and findings, if any, are still
reported. 4 internal error.
`;

interface ScanArgs {
  readonly paths: string[];
  readonly format: Format;
  readonly output?: string;
  readonly exclude: string[];
  readonly maxFileSize: number;
  readonly fix: boolean;
  readonly kqlSyntax: boolean;
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
        'no-kql-syntax': { type: 'boolean' },
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
    kqlSyntax: !(values['no-kql-syntax'] ?? false),
    help: values.help ?? false,
  };
}

const SKIPPED: Record<SkipReason, string> = { fifo: 'a FIFO', socket: 'a socket', device: 'a device' };

/** "EACCES: permission denied" from a Node error, without the path it repeats. */
export function describeError(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const code = (e as NodeJS.ErrnoException).code;
  return code && e.message.startsWith(`${code}:`) ? e.message.split(', ')[0] : e.message;
}

/**
 * The report file must be writable before anything is scanned or rewritten:
 * finding that out after a long scan, or after --fix changed files, loses the report.
 */
function checkOutput(file: string, shown: string): void {
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new UsageError(`cannot write --output ${shown}: ${describeError(e)}`);
  }
  try {
    if (st?.isDirectory()) throw new UsageError(`cannot write --output ${shown}: it is a directory`);
    if (st) fs.closeSync(fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK)); // no truncation yet
    else {
      const dir = path.dirname(file);
      if (!fs.statSync(dir).isDirectory()) throw new UsageError(`cannot write --output ${shown}: ${path.dirname(shown)} is not a directory`);
      fs.accessSync(dir, fs.constants.W_OK);
    }
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot write --output ${shown}: ${code === 'ENOENT' || code === 'ENOTDIR' ? 'no such directory' : describeError(e)}`);
  }
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseScanArgs(argv);
  if (args.help) {
    io.out(USAGE);
    return EXIT_CLEAN;
  }
  for (const p of args.paths) {
    try {
      fs.lstatSync(path.resolve(io.cwd, p));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // Other failures (EACCES, ELOOP, ENAMETOOLONG) are unreadable paths: listed below, exit 3.
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new UsageError(`no such file or directory: ${printable(p)}`);
    }
  }
  const output = args.output === undefined ? undefined : path.resolve(io.cwd, args.output);
  if (output !== undefined) checkOutput(output, printable(args.output!));

  const shown = (file: string): string => printable(relativePath(io.cwd, file));
  const note = (file: string, text: string): void => io.err(`kusto-mi: ${shown(file)}: ${redactSecrets(text)}\n`);
  const incomplete: string[] = [];
  const unreadable = (file: string, e: Error, what: string): void => {
    incomplete.push(file);
    note(file, `${what} (${describeError(e)})`);
  };
  const started = process.hrtime.bigint();
  const files = listFiles(args.paths, {
    cwd: io.cwd,
    exclude: args.exclude,
    onError: (file, e) => unreadable(file, e, 'cannot read'),
    onSkipped: (file, reason) => note(file, `skipped: ${SKIPPED[reason]}, not a regular file`),
  });
  const sink = output === undefined ? stdoutSink((text) => io.out(text)) : fileSink(output);
  const report = reportWriter(args.format, (chunk) => sink.write(chunk), io.cwd, version);
  let fixedCount = 0;
  const reportFile = async (result: FileFindings): Promise<void> => {
    const file = relativePath(io.cwd, result.target.path);
    const fileBytes = relativePathBytes(io.cwd, result.target);
    const where = fileBytes ? { file, fileBytes } : { file };
    if (!args.fix) {
      report.add(result.findings.map((f) => ({ ...f, ...where })));
      return;
    }
    try {
      const outcome = await fixFile(result.target);
      for (const f of outcome.fixed) {
        io.err(`fixed ${printable(file)}:${f.region.startLine}:${f.region.startColumn}: ${f.ruleId}: ${f.preferredFix?.title ?? ''}\n`);
      }
      fixedCount += outcome.fixed.length;
      if (outcome.unencodable) note(result.target.path, 'some findings were not fixed: the file is not valid UTF-8 and their rewrite is not plain ASCII');
      report.add(outcome.remaining.map((f) => ({ ...f, ...where })));
    } catch (e) {
      unreadable(result.target.path, e as Error, 'not fixed');
      report.add(result.findings.map((f) => ({ ...f, ...where })));
    }
  };
  const scan = await scanFiles(files, {
    maxFileSize: args.maxFileSize,
    kqlSyntax: args.kqlSyntax,
    onSkipped: (file, reason, size) => {
      if (reason === 'too-large') note(file, `skipped: ${size} bytes is over the ${args.maxFileSize}-byte limit (--max-file-size)`);
    },
    onError: (file, e) => unreadable(file, e, 'cannot read'),
    onFindings: reportFile,
  });
  report.end();
  const writeError = sink.close();
  if (writeError && output !== undefined) {
    incomplete.push(output);
    io.err(`kusto-mi: cannot write --output ${printable(args.output!)} (${describeError(writeError)})\n`);
  }

  if (args.format === 'text' || output !== undefined) {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const fixed = args.fix ? `, ${fixedCount} fixed` : '';
    io.err(`kusto-mi: ${report.count} finding(s)${fixed} in ${scan.scannedFiles} file(s), ${(scan.scannedBytes / 1e6).toFixed(1)} MB, ${seconds.toFixed(2)} s\n`);
  }
  if (incomplete.length > 0) {
    io.err(`kusto-mi: incomplete: ${incomplete.length} path(s) could not be ${args.fix ? 'read or written' : 'read'} (listed above)\n`);
    return EXIT_INCOMPLETE;
  }
  return report.count > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

export const scanCommand: CliCommand = {
  name: 'scan',
  summary: 'Find SAS tokens, storage account keys and managed-identity blobs without a size (text, JSON or SARIF)',
  usage: USAGE,
  run,
};
