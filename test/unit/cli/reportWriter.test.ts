// The scan writes its report a file at a time. What a user (or a SARIF upload)
// gets must be byte for byte the report printed whole, and a report file must
// not be touched before the scan has finished.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { terminalSafeJson } from '../../../src/cli/printable';
import { jsonRow } from '../../../src/cli/scan/formatJson';
import { sarifDocument, sarifResult } from '../../../src/cli/scan/formatSarif';
import { formatText } from '../../../src/cli/scan/formatText';
import type { ReportedFinding } from '../../../src/cli/scan/report';
import { fileSink } from '../../../src/cli/scan/reportSink';
import { reportWriter, type ReportFormat } from '../../../src/cli/scan/reportWriter';

const region = (line: number) => ({ startLine: line, startColumn: 3, endLine: line, endColumn: 40 });
const FILES: ReportedFinding[][] = [
  [
    { file: 'src/a.cs', ruleId: 'sas-blob-uri', region: region(4), usage: 'NativeIngestion', message: 'Blob URI carries a SAS token (sig=***)',
      preferredFix: { title: 'Use the managed identity', replacements: [{ region: region(4), text: ';managed_identity=system' }] } },
    { file: 'src/a.cs', ruleId: 'mi-blob-size-missing', region: region(9), message: 'no size' },
  ],
  [],
  [{ file: 'docs/\u202eevil.md', fileBytes: Buffer.from([0x64, 0x2f, 0xff]), ruleId: 'storage-account-key', region: region(1), message: 'key\u2028here \u009b' }],
];

function written(format: ReportFormat, files: ReportedFinding[][]): { out: string; count: number } {
  let out = '';
  const writer = reportWriter(format, (chunk) => { out += chunk; }, '/work/repo', '1.2.3');
  for (const findings of files) writer.add(findings);
  writer.end();
  return { out, count: writer.count };
}

describe('scan report written a file at a time', () => {
  for (const files of [FILES, [], [[]]]) {
    const all = files.flat();
    const label = `${all.length} finding(s) in ${files.length} batch(es)`;
    it(`JSON: the bytes of the whole report, ${label}`, () => {
      const { out, count } = written('json', files);
      assert.equal(out, terminalSafeJson(`${JSON.stringify(all.map(jsonRow), null, 2)}\n`));
      assert.equal(count, all.length);
    });
    it(`SARIF: the bytes of the whole log, ${label}`, () => {
      const { out } = written('sarif', files);
      assert.equal(out, terminalSafeJson(`${JSON.stringify(sarifDocument('/work/repo', '1.2.3', all.map(sarifResult)), null, 2)}\n`));
      assert.equal(JSON.parse(out).runs[0].results.length, all.length);
    });
    it(`text: one line per finding, ${label}`, () => {
      assert.equal(written('text', files).out, formatText(all));
    });
  }
});

describe('report file sink', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kusto-mi-sink-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('leaves a regular file as it is until the scan has finished, then replaces its content', () => {
    const file = path.join(dir, 'report.json');
    fs.writeFileSync(file, 'the previous report\n');
    const sink = fileSink(file);
    sink.write('[\n  {"a": 1}');
    sink.write('\n]\n');
    assert.equal(fs.readFileSync(file, 'utf8'), 'the previous report\n');
    assert.equal(sink.close(), undefined);
    assert.equal(fs.readFileSync(file, 'utf8'), '[\n  {"a": 1}\n]\n');
  });

  it('creates a new file, even for an empty report', () => {
    const file = path.join(dir, 'new.txt');
    assert.equal(fileSink(file).close(), undefined);
    assert.equal(fs.readFileSync(file, 'utf8'), '');
  });

  it('writes to a device as the report comes, and says when the device refuses', function () {
    const devNull = fileSink('/dev/null');
    devNull.write('x'.repeat(1 << 20));
    assert.equal(devNull.close(), undefined);
    if (!fs.existsSync('/dev/full')) this.skip();
    const full = fileSink('/dev/full');
    full.write('report');
    assert.equal((full.close() as NodeJS.ErrnoException | undefined)?.code, 'ENOSPC');
  });
});
