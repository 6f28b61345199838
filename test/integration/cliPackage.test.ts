// The command-line scanner as users get it: `npm pack` of this repository
// (built for production by `prepack`), installed from the tarball into an
// empty folder without the network, runs `scan` on a fixture. The same
// installed package runs the pre-commit hook's entry the way pre-commit calls
// it: the entry's words, then the staged file names as arguments.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../host/paths';

const SAS_LINE = 'const blob = "https://contosodata.blob.core.windows.net/in/a.csv?sv=2022-11-02&sp=r&se=2027-01-01T00:00:00Z&sig=PackFakeSignatureOnlyForTests12345678%3D";\n';

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 240_000 });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** The hook's `entry` from .pre-commit-hooks.yaml (a one-hook file, one `key: value` per line). */
function hookEntry(root: string): { id: string; entry: string[]; language: string } {
  const text = fs.readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8');
  const field = (key: string) => new RegExp(`^\\s*-?\\s*${key}:\\s*(.+)$`, 'm').exec(text)?.[1].trim() ?? '';
  return { id: field('id'), entry: field('entry').split(/\s+/), language: field('language') };
}

describe('npm package: the kusto-mi CLI', function () {
  this.timeout(300_000);
  const root = repoRoot();
  let work: string;
  let files: string[];
  let bin: string;
  let fixture: string;
  // npm's own variables from an outer `npm test` would make the inner npm act on this repository.
  const npmEnv: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_')));

  before(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'kusto-mi-npm-'));
    // Pack a copy of what a clone has, so that prepack's production build does not touch this checkout.
    const clone = path.join(work, 'clone');
    fs.mkdirSync(clone);
    for (const entry of ['package.json', 'package-lock.json', '.npmignore', '.pre-commit-hooks.yaml', 'README.md', 'LICENSE', 'CHANGELOG.md', 'esbuild.js', 'src']) {
      fs.cpSync(path.join(root, entry), path.join(clone, entry), { recursive: true });
    }
    fs.symlinkSync(fs.realpathSync(path.join(root, 'node_modules')), path.join(clone, 'node_modules'));
    const packed = run('npm', ['pack', '--json', '--pack-destination', work], clone, npmEnv);
    assert.equal(packed.code, 0, packed.stderr);
    const result = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
    files = result[0].files.map((f) => f.path);
    const tarball = path.join(work, result[0].filename);
    const target = path.join(work, 'installed');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'package.json'), '{ "private": true }\n');
    const installed = run('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], target, npmEnv);
    assert.equal(installed.code, 0, installed.stderr);
    bin = path.join(target, 'node_modules', '.bin');
    fixture = path.join(work, 'repo');
    fs.mkdirSync(path.join(fixture, 'src'), { recursive: true });
    fs.writeFileSync(path.join(fixture, 'src', 'upload.ts'), SAS_LINE);
    fs.writeFileSync(path.join(fixture, 'src', 'clean.ts'), 'const blob = "https://contosodata.blob.core.windows.net/in/a.csv;managed_identity=system";\n');
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it('ships the CLI and what it loads, without the extension, sources or source maps', () => {
    assert.ok(files.includes('dist/cli.js'));
    assert.ok(files.includes('dist/wasm/tree-sitter-c-sharp.wasm'));
    for (const f of files) {
      assert.doesNotMatch(f, /^(src|test|node_modules|media)\/|\.map$|^dist\/extension\.js$/, `${f} should not be in the npm package`);
    }
  });

  it('installs without the network (no runtime dependencies) and scans a folder', () => {
    const r = run(path.join(bin, 'kusto-mi'), ['scan', '.', '--format', 'text'], fixture);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /src\/upload\.ts:1:\d+: sas-blob-uri/);
    assert.doesNotMatch(r.stdout + r.stderr, /PackFakeSignature/, 'the signature is masked');
    const installedCli = fs.readFileSync(path.join(bin, '..', 'kusto-managed-identity', 'dist', 'cli.js'), 'utf8');
    assert.doesNotMatch(installedCli, /^\/\/# sourceMappingURL=/m, 'points to a source map that is not shipped');
  });

  it("runs the pre-commit hook's entry with the staged file names as arguments", () => {
    const hook = hookEntry(root);
    assert.equal(hook.language, 'node');
    const [command, ...args] = hook.entry;
    // pre-commit puts the installed package's bin folder first on PATH.
    const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` };
    const dirty = run(command, [...args, 'src/upload.ts', 'src/clean.ts'], fixture, env);
    assert.equal(dirty.code, 1, dirty.stderr);
    assert.match(dirty.stdout, /src\/upload\.ts:1:\d+: sas-blob-uri/);
    const clean = run(command, [...args, 'src/clean.ts'], fixture, env);
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
  });
});
