// Replaces a file's content so that no reader, crash or full disk ever sees it
// half-written: the new bytes go to a temporary file in the same folder, are
// flushed to disk, get the original's mode, and are renamed over the original.
// Before the rename the original is compared with what was read; an edit made
// in between (by an editor, a formatter) is never overwritten.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

/** What the file looked like when it was read. */
export interface ReadSnapshot {
  readonly bytes: Uint8Array;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
}

/** The file changed between reading and writing; it was left as it is. */
export class FileChangedError extends Error {
  readonly code = 'ECHANGED';
  constructor() {
    super('the file changed while it was being fixed; it was left as it is');
    this.name = 'FileChangedError';
  }
}

/** Reads a file with the stat that lets `writeFileAtomic` notice a later change. */
export function readSnapshot(file: string | Buffer): ReadSnapshot {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
    const bytes = fs.readFileSync(fd);
    return { bytes, size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, mode: st.mode, uid: st.uid, gid: st.gid };
  } finally {
    fs.closeSync(fd);
  }
}

function unchanged(file: string | Buffer, before: ReadSnapshot): boolean {
  const st = fs.statSync(file);
  if (st.size !== before.size || st.mtimeMs !== before.mtimeMs || st.ino !== before.ino) return false;
  // Same size and time can still hide an edit (coarse timestamps): compare the bytes too.
  return Buffer.from(before.bytes.buffer, before.bytes.byteOffset, before.bytes.length).equals(fs.readFileSync(file));
}

function join(dir: string | Buffer, name: string): string | Buffer {
  return typeof dir === 'string' ? path.join(dir, name) : Buffer.concat([dir, Buffer.from(`/${name}`)]);
}

function dirname(file: string | Buffer): string | Buffer {
  if (typeof file === 'string') return path.dirname(file);
  const slash = file.lastIndexOf(0x2f);
  return slash <= 0 ? Buffer.from(slash === 0 ? '/' : '.') : file.subarray(0, slash);
}

/**
 * Writes `data` over `file` atomically. Throws FileChangedError when the file
 * no longer matches `before`, or the file system's error (EACCES, EROFS,
 * ENOSPC, ...) with the original untouched and no temporary file left behind.
 */
export function writeFileAtomic(file: string | Buffer, data: Uint8Array, before: ReadSnapshot): void {
  // A symbolic link named on the command line is kept a link: its target is rewritten.
  const target = typeof file === 'string' ? fs.realpathSync(file) : fs.realpathSync.native(file, { encoding: 'buffer' });
  // A read-only file stays unchanged even though its folder would allow replacing it.
  fs.accessSync(target, fs.constants.W_OK);
  const dir = dirname(target);
  const temp = join(dir, `.kusto-mi-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const fd = fs.openSync(temp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
  let renamed = false;
  try {
    try {
      for (let at = 0; at < data.length;) at += fs.writeSync(fd, data, at, data.length - at);
      fs.fchmodSync(fd, before.mode & 0o7777);
      // Run as root (a CI container), the file keeps its owner instead of becoming root's.
      if (process.getuid?.() === 0) fs.fchownSync(fd, before.uid, before.gid);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (!unchanged(target, before)) throw new FileChangedError();
    fs.renameSync(temp, target);
    renamed = true;
    syncDir(dir);
  } finally {
    if (!renamed) fs.rmSync(temp, { force: true });
  }
}

/** Makes the rename durable; some file systems cannot fsync a directory, which is fine. */
function syncDir(dir: string | Buffer): void {
  try {
    const fd = fs.openSync(dir, fs.constants.O_RDONLY);
    try { fs.fsyncSync(fd); } finally { fs.closeSync(fd); }
  } catch {
    // best effort
  }
}
