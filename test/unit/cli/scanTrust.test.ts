// `kusto-mi scan` as an adversarial user tries it: odd encodings, files that
// cannot be read or written, a full disk, an editor saving mid-fix, FIFOs,
// names that are not UTF-8, case rules of .gitignore, old Mac line endings.
// The real CLI runs as a child process; faults come from the real file system
// (permissions, as `nobody` when the tests run as root) or are injected into it
// by test/support/fsFaults.cjs.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chownForUnprivileged, cliPath, repoRoot, runCli, runCliWith } from './cliHarness';

const root = repoRoot();
const FAULTS = path.join(root, 'test', 'support', 'fsFaults.cjs');
const SIG = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789%2BaBcD%3D';
const URI = `https://a1.blob.core.windows.net/c/f.csv?sv=2022-11-02&sp=r&sig=${SIG}`;
const FIXED = 'https://a1.blob.core.windows.net/c/f.csv;managed_identity=system';

interface Row { file: string; line: number; column: number }

function rows(stdout: string): Row[] {
  return (JSON.parse(stdout) as Row[]).map(({ file, line, column }) => ({ file, line, column }));
}

function assertNoStackTrace(stderr: string): void {
  assert.doesNotMatch(stderr, /^\s+at /m, 'no stack trace');
}

describe('kusto-mi scan: trust', function () {
  this.timeout(60_000);
  let cli: string;
  let dir: string;

  before(() => {
    cli = cliPath(root);
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kusto-mi-trust-'));
  });
  afterEach(() => {
    spawnSync('chmod', ['-R', 'u+rwx', dir]);
    spawnSync('rm', ['-rf', dir]); // rm copes with paths longer than PATH_MAX
  });

  describe('--fix never corrupts a file', () => {
    it('keeps every byte of a file that is not valid UTF-8 outside the rewritten URI', () => {
      const before = Buffer.concat([Buffer.from('// Gr\xfc\xdfe, caf\xe9 (Latin-1)\n', 'latin1'), Buffer.from(`var u = "${URI}";\n`), Buffer.from([0xc3, 0x28, 0xa0, 0x0a])]);
      fs.writeFileSync(path.join(dir, 'latin1.cs'), before);
      const run = runCli(cli, ['scan', '--fix', '--format', 'json'], dir);
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(fs.readFileSync(path.join(dir, 'latin1.cs')), Buffer.from(before.toString('latin1').replace(URI, FIXED), 'latin1'));
    });

    it('keeps the file mode, leaves no temporary file and fixes through a symbolic link', () => {
      fs.writeFileSync(path.join(dir, 'run.sh'), `curl "${URI}"\n`, { mode: 0o751 });
      fs.chmodSync(path.join(dir, 'run.sh'), 0o751);
      fs.symlinkSync('run.sh', path.join(dir, 'link.sh'));
      const run = runCli(cli, ['scan', '--fix', 'link.sh'], dir);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(fs.readFileSync(path.join(dir, 'run.sh'), 'utf8'), `curl "${FIXED}"\n`);
      assert.equal(fs.statSync(path.join(dir, 'run.sh')).mode & 0o7777, 0o751);
      assert.ok(fs.lstatSync(path.join(dir, 'link.sh')).isSymbolicLink(), 'the link stays a link');
      assert.deepEqual(fs.readdirSync(dir).sort(), ['link.sh', 'run.sh']);
    });

    for (const code of ['ENOSPC', 'EIO'] as const) {
      it(`leaves the original intact when the disk fails mid-write (${code}), reports it and exits 3`, () => {
        const original = `// header\nvar u = "${URI}";\n${'// padding\n'.repeat(500)}`;
        fs.writeFileSync(path.join(dir, 'a.cs'), original);
        const run = runCliWith(cli, ['scan', '--fix'], dir, { preload: FAULTS, env: { KUSTO_MI_FS_FAULTS: JSON.stringify({ dir, code }) } });
        assert.equal(fs.readFileSync(path.join(dir, 'a.cs'), 'utf8'), original, 'the file is unchanged');
        assert.deepEqual(fs.readdirSync(dir), ['a.cs'], 'no temporary file is left');
        assert.equal(run.code, 3, run.stderr);
        assert.match(run.stderr, new RegExp(`a\\.cs: not fixed \\(${code}`));
        assertNoStackTrace(run.stderr);
      });
    }

    it('does not overwrite an edit made between reading and writing, and says so', () => {
      const file = path.join(dir, 'a.cs');
      fs.writeFileSync(file, `var u = "${URI}";\n`);
      const edit = { file, append: '// saved by an editor meanwhile\n' };
      const run = runCliWith(cli, ['scan', '--fix'], dir, { preload: FAULTS, env: { KUSTO_MI_FS_FAULTS: JSON.stringify({ dir, edit }) } });
      assert.equal(fs.readFileSync(file, 'utf8'), `var u = "${URI}";\n// saved by an editor meanwhile\n`);
      assert.equal(run.code, 3, run.stderr);
      assert.match(run.stderr, /a\.cs: not fixed \(the file changed while it was being fixed/);
      assert.deepEqual(fs.readdirSync(dir), ['a.cs']);
    });

    for (const code of ['EROFS', 'EACCES'] as const) {
      it(`reports a file it cannot write (${code}), fixes the others and exits 3 without a stack trace`, () => {
        const ro = path.join(dir, 'ro');
        fs.mkdirSync(ro);
        fs.writeFileSync(path.join(ro, 'a.cs'), `var u = "${URI}";\n`);
        fs.writeFileSync(path.join(dir, 'b.cs'), `var u = "${URI}";\n`);
        const run = runCliWith(cli, ['scan', '--fix', '--format', 'json'], dir, { preload: FAULTS, env: { KUSTO_MI_FS_FAULTS: JSON.stringify({ dir: ro, code }) } });
        assert.equal(run.code, 3, run.stderr);
        assert.match(run.stderr, new RegExp(`ro/a\\.cs: not fixed \\(${code}`));
        assert.equal(fs.readFileSync(path.join(ro, 'a.cs'), 'utf8'), `var u = "${URI}";\n`);
        assert.equal(fs.readFileSync(path.join(dir, 'b.cs'), 'utf8'), `var u = "${FIXED}";\n`);
        assert.deepEqual(rows(run.stdout).map((r) => r.file), ['ro/a.cs'], 'the unfixed finding is still reported');
        assertNoStackTrace(run.stderr);
      });
    }

    it('skips a read-only file and a file in a read-only folder (file permissions)', () => {
      fs.mkdirSync(path.join(dir, 'locked'));
      fs.writeFileSync(path.join(dir, 'readonly.cs'), `var u = "${URI}";\n`);
      fs.writeFileSync(path.join(dir, 'locked', 'a.cs'), `var u = "${URI}";\n`);
      fs.writeFileSync(path.join(dir, 'ok.cs'), `var u = "${URI}";\n`);
      chownForUnprivileged(dir);
      fs.chmodSync(path.join(dir, 'readonly.cs'), 0o444);
      fs.chmodSync(path.join(dir, 'locked'), 0o555);
      const run = runCliWith(cli, ['scan', '--fix'], dir, { unprivileged: true });
      assert.equal(run.code, 3, run.stderr);
      assert.match(run.stderr, /readonly\.cs: not fixed \(EACCES/);
      assert.match(run.stderr, /locked\/a\.cs: not fixed \(EACCES/);
      assert.equal(fs.readFileSync(path.join(dir, 'readonly.cs'), 'utf8'), `var u = "${URI}";\n`);
      assert.equal(fs.readFileSync(path.join(dir, 'ok.cs'), 'utf8'), `var u = "${FIXED}";\n`);
      assertNoStackTrace(run.stderr);
    });

    for (const [name, output] of [['a missing folder', 'no/such/dir/report.json'], ['a folder', '.']] as const) {
      it(`refuses --output naming ${name} before scanning or fixing anything: exit 2, one line`, () => {
        fs.writeFileSync(path.join(dir, 'a.cs'), `var u = "${URI}";\n`);
        const run = runCli(cli, ['scan', '--fix', '--format', 'json', '--output', output], dir);
        assert.equal(run.code, 2, run.stderr);
        assert.match(run.stderr.split('\n')[0], /^kusto-mi: cannot write --output /);
        assert.equal(run.stderr.trimEnd().split('\n').length, 2, 'one line and the usage hint');
        assert.equal(fs.readFileSync(path.join(dir, 'a.cs'), 'utf8'), `var u = "${URI}";\n`, 'nothing was fixed');
      });
    }

    it('refuses an --output in a folder it may not write (permissions): exit 2 before fixing', () => {
      fs.mkdirSync(path.join(dir, 'reports'));
      fs.writeFileSync(path.join(dir, 'a.cs'), `var u = "${URI}";\n`);
      chownForUnprivileged(dir);
      fs.chmodSync(path.join(dir, 'reports'), 0o555);
      const run = runCliWith(cli, ['scan', '--fix', '--output', 'reports/out.txt'], dir, { unprivileged: true });
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /^kusto-mi: cannot write --output reports\/out\.txt: EACCES: permission denied\n/);
      assert.equal(fs.readFileSync(path.join(dir, 'a.cs'), 'utf8'), `var u = "${URI}";\n`, 'nothing was fixed');
    });
  });

  describe('every file that could hold a secret is read, or the run says so', () => {
    const encodings: Array<[string, (s: string) => Buffer]> = [
      ['UTF-16 LE', (s) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')])],
      ['UTF-16 BE', (s) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()])],
      ['UTF-32 LE', (s) => Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), ...[...s].map((c) => { const b = Buffer.alloc(4); b.writeUInt32LE(c.codePointAt(0)!); return b; })])],
      ['UTF-32 BE', (s) => Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), ...[...s].map((c) => { const b = Buffer.alloc(4); b.writeUInt32BE(c.codePointAt(0)!); return b; })])],
    ];
    for (const [name, encode] of encodings) {
      it(`scans a ${name} file with a BOM, and --fix keeps its encoding and BOM`, () => {
        const text = `# PowerShell 5 — Größe\r\n$u = "${URI}"\r\n`;
        fs.writeFileSync(path.join(dir, 'ingest.ps1'), encode(text));
        const scan = runCli(cli, ['scan', '--format', 'json'], dir);
        assert.equal(scan.code, 1, scan.stderr);
        assert.deepEqual(rows(scan.stdout), [{ file: 'ingest.ps1', line: 2, column: 7 }]);
        const fix = runCli(cli, ['scan', '--fix', '--format', 'json'], dir);
        assert.equal(fix.code, 0, fix.stderr);
        assert.deepEqual(fs.readFileSync(path.join(dir, 'ingest.ps1')), encode(text.replace(URI, FIXED)));
      });
    }

    it('lists files it cannot read (EACCES) and exits 3, with the findings of the others', () => {
      fs.writeFileSync(path.join(dir, 'secret.cs'), `var u = "${URI}";\n`);
      fs.writeFileSync(path.join(dir, 'other.cs'), `var u = "${URI}";\n`);
      fs.mkdirSync(path.join(dir, 'closed'));
      chownForUnprivileged(dir);
      fs.chmodSync(path.join(dir, 'secret.cs'), 0o000);
      fs.chmodSync(path.join(dir, 'closed'), 0o000);
      const run = runCliWith(cli, ['scan', '--format', 'json'], dir, { unprivileged: true });
      assert.equal(run.code, 3, run.stderr);
      assert.match(run.stderr, /secret\.cs: cannot read \(EACCES: permission denied\)/);
      assert.match(run.stderr, /closed: cannot read \(EACCES/);
      assert.match(run.stderr, /incomplete: 2 path\(s\) could not be read/);
      assert.deepEqual(rows(run.stdout).map((r) => r.file), ['other.cs']);
    });

    it('lists a symbolic-link loop named on the command line (ELOOP) and exits 3', () => {
      fs.symlinkSync('b', path.join(dir, 'a'));
      fs.symlinkSync('a', path.join(dir, 'b'));
      const run = runCli(cli, ['scan', 'a'], dir);
      assert.equal(run.code, 3, run.stderr);
      assert.match(run.stderr, /a: cannot read \(ELOOP/);
    });

    it('lists a folder whose path is too long to open (ENAMETOOLONG) and exits 3', () => {
      const name = 'd'.repeat(200);
      const made = spawnSync('bash', ['-c', `cd "$1" && for i in $(seq 25); do mkdir ${name} && cd ${name} || exit 1; done`, 'mk', dir]);
      assert.equal(made.status, 0, String(made.stderr));
      const run = runCli(cli, ['scan'], dir);
      assert.equal(run.code, 3, run.stderr);
      assert.match(run.stderr, /cannot read \(ENAMETOOLONG/);
      assertNoStackTrace(run.stderr);
    });

    it('reads and fixes a file whose name is not valid UTF-8, showing the odd byte as \\xff', () => {
      const raw = Buffer.concat([Buffer.from(`${dir}/f`), Buffer.from([0xff]), Buffer.from('.cs')]);
      fs.writeFileSync(raw, `var u = "${URI}";\n`);
      const run = runCli(cli, ['scan', '--format', 'json'], dir);
      assert.equal(run.code, 1, run.stderr);
      assert.deepEqual(rows(run.stdout), [{ file: 'f\\xff.cs', line: 1, column: 10 }]);
      const fix = runCli(cli, ['scan', '--fix'], dir);
      assert.equal(fix.code, 0, fix.stderr);
      assert.equal(fs.readFileSync(raw, 'utf8'), `var u = "${FIXED}";\n`);
    });

    it('SARIF: the URI of a name that is not valid UTF-8 percent-encodes its raw bytes, the display text is its description', () => {
      fs.mkdirSync(path.join(dir, 'src \u00e9'));
      const raw = Buffer.concat([Buffer.from(`${dir}/src \u00e9/f`), Buffer.from([0xff, 0x41]), Buffer.from('.cs')]);
      fs.writeFileSync(raw, `var u = "${URI}";\n`);
      const run = runCli(cli, ['scan', '--format', 'sarif'], dir);
      assert.equal(run.code, 1, run.stderr);
      const [result] = JSON.parse(run.stdout).runs[0].results;
      const location = result.locations[0].physicalLocation.artifactLocation;
      // Decoding the URI gives back the file's very bytes (a \xNN text would name another file).
      assert.equal(location.uri, 'src%20%C3%A9/f%FFA.cs');
      assert.deepEqual(Buffer.from(location.uri.replace(/%([0-9A-F]{2})/g, (_: string, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1'),
        Buffer.concat([Buffer.from('src \u00e9/f'), Buffer.from([0xff, 0x41]), Buffer.from('.cs')]));
      assert.equal(location.description.text, 'src \u00e9/f\\xffA.cs');
      assert.deepEqual(result.fixes[0].artifactChanges[0].artifactLocation.uri, location.uri);
    });

    it('never waits on a FIFO, named on the command line or met in the walk: skipped with a note', () => {
      fs.mkdirSync(path.join(dir, 'src'));
      assert.equal(spawnSync('mkfifo', [path.join(dir, 'src', 'pipe.cs'), path.join(dir, 'named.fifo')]).status, 0);
      fs.writeFileSync(path.join(dir, 'src', 'a.cs'), `var u = "${URI}";\n`);
      const run = runCliWith(cli, ['scan', '.', 'named.fifo', '--format', 'json'], dir, { timeoutMs: 20_000 });
      assert.equal(run.signal, null, 'the process exits by itself');
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stderr, /named\.fifo: skipped: a FIFO, not a regular file/);
      assert.match(run.stderr, /src\/pipe\.cs: skipped: a FIFO, not a regular file/);
      assert.deepEqual(rows(run.stdout).map((r) => r.file), ['src/a.cs']);
    });

    it('matches .gitignore case-sensitively on Linux, case-insensitively where git config says core.ignorecase', function () {
      if (process.platform !== 'linux') this.skip();
      fs.writeFileSync(path.join(dir, '.gitignore'), '*.LOG\nSecrets/\n');
      fs.mkdirSync(path.join(dir, 'secrets'));
      fs.writeFileSync(path.join(dir, 'run.log'), `${URI}\n`);
      fs.writeFileSync(path.join(dir, 'secrets', 'a.txt'), `${URI}\n`);
      const sensitive = runCli(cli, ['scan', '--format', 'json'], dir);
      assert.deepEqual(rows(sensitive.stdout).map((r) => r.file), ['run.log', 'secrets/a.txt']);
      assert.equal(spawnSync('git', ['init', '-q', dir]).status, 0);
      assert.equal(spawnSync('git', ['-C', dir, 'config', 'core.ignorecase', 'true']).status, 0);
      const insensitive = runCli(cli, ['scan', '--format', 'json'], dir);
      assert.deepEqual(JSON.parse(insensitive.stdout), []);
    });

    it('numbers lines of CR-only (old Mac) files as an editor does', () => {
      fs.writeFileSync(path.join(dir, 'mac.txt'), `first\rsecond\r\ruri: ${URI}\rlast`);
      fs.writeFileSync(path.join(dir, 'mixed.txt'), `a\r\nb\rc\nuri: ${URI}\n`);
      const run = runCli(cli, ['scan', '--format', 'json'], dir);
      assert.deepEqual(rows(run.stdout), [{ file: 'mac.txt', line: 4, column: 6 }, { file: 'mixed.txt', line: 4, column: 6 }]);
    });
  });

  it('documents the exit codes in --help and the README', () => {
    const top = runCli(cli, ['--help'], dir);
    assert.match(top.stdout, /3 incomplete scan/);
    const scan = runCli(cli, ['scan', '--help'], dir);
    assert.match(scan.stdout, /3 incomplete: a file or folder could not be read/);
    assert.match(fs.readFileSync(path.join(root, 'README.md'), 'utf8'), /\| 3 \| Incomplete: /);
  });

  describe('output is safe to print', () => {
    it('escapes control characters and ANSI escapes in file names', () => {
      fs.writeFileSync(path.join(dir, 'evil\u001b[2J\u001b[31mname.cs'), `var u = "${URI}";\n`);
      const run = runCli(cli, ['scan'], dir);
      assert.equal(run.code, 1);
      assert.ok(!run.stdout.includes('\u001b') && !run.stderr.includes('\u001b'), 'no raw escape reaches the terminal');
      assert.match(run.stdout, /^evil\\e\[2J\\e\[31mname\.cs:1:10: sas-blob-uri: /);
    });
  });
});
