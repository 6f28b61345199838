// Reads a file for scanning with as few thread-pool round trips as possible:
// open + one read (+ a close nobody waits for) for the common small file, into a buffer
// the caller reuses. Only files that fill that buffer are stat'ed, so the size
// limit is checked before a large file is read in full.

import * as fs from 'node:fs';

export type ReadOutcome =
  | { readonly kind: 'read'; readonly bytes: Buffer }
  | { readonly kind: 'too-large'; readonly size: number };

function open(file: string): Promise<number> {
  return new Promise((resolve, reject) => fs.open(file, 'r', (e, fd) => (e ? reject(e) : resolve(fd))));
}

function read(fd: number, buf: Buffer, offset: number, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) => fs.read(fd, buf, offset, length, position, (e, n) => (e ? reject(e) : resolve(n))));
}

function size(fd: number): Promise<number> {
  return new Promise((resolve, reject) => fs.fstat(fd, (e, st) => (e ? reject(e) : resolve(st.size))));
}

function closeQuietly(fd: number): void {
  // Not awaited: nothing depends on it, and waiting would add a thread-pool round trip per file.
  fs.close(fd, () => undefined);
}

/**
 * Reads `file`. `scratch` is used for files that fit in it; the returned bytes
 * may be a view of it, valid until the next call with the same scratch buffer.
 */
export async function readFileBounded(file: string, maxSize: number, scratch: Buffer): Promise<ReadOutcome> {
  const fd = await open(file);
  try {
    const first = await read(fd, scratch, 0, scratch.length, 0);
    if (first < scratch.length) {
      return first > maxSize ? { kind: 'too-large', size: first } : { kind: 'read', bytes: scratch.subarray(0, first) };
    }
    const total = await size(fd);
    if (total > maxSize) return { kind: 'too-large', size: total };
    // +1 so a file that grew since fstat is noticed and read to its end.
    let buf = Buffer.allocUnsafe(Math.max(total, first) + 1);
    scratch.copy(buf, 0, 0, first);
    let length = first;
    for (;;) {
      if (length === buf.length) {
        if (length > maxSize) return { kind: 'too-large', size: length };
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, length);
        buf = bigger;
      }
      const n = await read(fd, buf, length, buf.length - length, length);
      if (n === 0) break;
      length += n;
    }
    return { kind: 'read', bytes: buf.subarray(0, length) };
  } finally {
    closeQuietly(fd);
  }
}
