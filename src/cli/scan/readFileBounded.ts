// Reads a file for scanning with as few system calls as possible: open, one
// read into a buffer the caller reuses, close. Only files that fill that
// buffer are stat'ed, so the size limit is checked before a large file is read
// in full. The reads are synchronous: a tight loop beats a thread-pool round
// trip per call by far when most files are small and already cached.
// Files are opened non-blocking, so a FIFO that slipped past the walk's checks
// (replaced after the directory was listed) fails fast instead of waiting.

import * as fs from 'node:fs';

export type ReadOutcome =
  | { readonly kind: 'read'; readonly bytes: Buffer }
  | { readonly kind: 'too-large'; readonly size: number };

const OPEN_FLAGS = fs.constants.O_RDONLY | fs.constants.O_NONBLOCK;

/**
 * Reads `file`. `scratch` is used for files that fit in it; the returned bytes
 * may be a view of it, valid until the next call with the same scratch buffer.
 */
export function readFileBounded(file: string | Buffer, maxSize: number, scratch: Buffer): ReadOutcome {
  const fd = fs.openSync(file, OPEN_FLAGS);
  try {
    const first = fs.readSync(fd, scratch, 0, scratch.length, 0);
    if (first < scratch.length) {
      return first > maxSize ? { kind: 'too-large', size: first } : { kind: 'read', bytes: scratch.subarray(0, first) };
    }
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
    if (st.size > maxSize) return { kind: 'too-large', size: st.size };
    // +1 so a file that grew since fstat is noticed and read to its end.
    let buf = Buffer.allocUnsafe(Math.max(st.size, first) + 1);
    scratch.copy(buf, 0, 0, first);
    let length = first;
    for (;;) {
      if (length === buf.length) {
        if (length > maxSize) return { kind: 'too-large', size: length };
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, length);
        buf = bigger;
      }
      const n = fs.readSync(fd, buf, length, buf.length - length, length);
      if (n === 0) break;
      length += n;
    }
    return { kind: 'read', bytes: buf.subarray(0, length) };
  } finally {
    fs.closeSync(fd);
  }
}
