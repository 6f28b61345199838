// writeFileAtomic and git's case rule for .gitignore, below the CLI.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gitIgnoreCase, parseIgnoreCase } from '../../../src/cli/scan/gitIgnoreCase';
import { FileChangedError, readSnapshot, writeFileAtomic } from '../../../src/cli/scan/writeAtomic';

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kusto-mi-atomic-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('replaces the content and keeps the mode', () => {
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, 'old');
    fs.chmodSync(file, 0o640);
    writeFileAtomic(file, Buffer.from('new'), readSnapshot(file));
    assert.equal(fs.readFileSync(file, 'utf8'), 'new');
    assert.equal(fs.statSync(file).mode & 0o777, 0o640);
    assert.deepEqual(fs.readdirSync(dir), ['a.txt']);
  });

  it('refuses when the content changed though size and modification time did not', () => {
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, 'abc');
    const snapshot = readSnapshot(file);
    fs.writeFileSync(file, 'xyz');
    fs.utimesSync(file, snapshot.mtimeMs / 1000, snapshot.mtimeMs / 1000);
    assert.throws(() => writeFileAtomic(file, Buffer.from('new'), snapshot), FileChangedError);
    assert.equal(fs.readFileSync(file, 'utf8'), 'xyz');
    assert.deepEqual(fs.readdirSync(dir), ['a.txt'], 'no temporary file is left');
  });

  it('refuses a file replaced by another one (a new inode)', () => {
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, 'abc');
    const snapshot = readSnapshot(file);
    fs.writeFileSync(path.join(dir, 'b.txt'), 'abc');
    fs.renameSync(path.join(dir, 'b.txt'), file);
    assert.throws(() => writeFileAtomic(file, Buffer.from('new'), snapshot), FileChangedError);
  });
});

describe('.gitignore case rule (core.ignorecase)', () => {
  it('reads core.ignorecase from a git config', () => {
    assert.equal(parseIgnoreCase('[core]\n\tignorecase = true\n'), true);
    assert.equal(parseIgnoreCase('[core]\n\tbare = false\n\tignoreCase = false\n'), false);
    assert.equal(parseIgnoreCase('[user]\n\tignorecase = true\n[core]\n\tfilemode = true\n'), undefined);
    assert.equal(parseIgnoreCase('[core]\n\tignorecase\n'), true, 'a bare key means true');
    assert.equal(parseIgnoreCase('[core] # comment\n  ignorecase = yes ; why\n'), true);
  });

  it('outside a repository follows the platform: case-sensitive on Linux, not on macOS and Windows', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kusto-mi-nogit-'));
    try {
      assert.equal(gitIgnoreCase(dir, 'linux'), false);
      assert.equal(gitIgnoreCase(dir, 'darwin'), true);
      assert.equal(gitIgnoreCase(dir, 'win32'), true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
