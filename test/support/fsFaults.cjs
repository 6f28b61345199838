// Fault injection for the CLI under test, loaded with `node --require`: makes
// the real file system fail the way a full disk, a read-only mount or a
// concurrent editor would, for paths in one folder. Configured by the
// KUSTO_MI_FS_FAULTS environment variable (JSON):
//   { "dir": "/abs/folder", "code": "ENOSPC" | "EROFS" | "EACCES" | "EIO" }
//     ENOSPC/EIO: opening for writing works, the first write writes half its bytes and fails.
//     EROFS/EACCES: opening a file in `dir` for writing fails.
//   { "dir": "/abs/folder", "edit": { "file": "/abs/folder/x.cs", "append": "text" } }
//     before the first open for writing in `dir`, `append` is added to `file` (an editor saving).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const config = JSON.parse(process.env.KUSTO_MI_FS_FAULTS || 'null');
if (config) {
  const original = {
    openSync: fs.openSync, writeSync: fs.writeSync, writeFileSync: fs.writeFileSync,
    appendFileSync: fs.appendFileSync, promisesWriteFile: fs.promises.writeFile,
  };
  const failing = new Set();
  let edited = false;
  const inDir = (p) => typeof p === 'string' && path.dirname(path.resolve(p)) === config.dir
    || Buffer.isBuffer(p) && path.dirname(path.resolve(p.toString('latin1'))) === path.resolve(Buffer.from(config.dir).toString('latin1'));
  const forWriting = (flags) => (typeof flags === 'number'
    ? (flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR)) !== 0
    : typeof flags === 'string' && /[wa+]/.test(flags));
  const error = (code, syscall, p) => Object.assign(new Error(`${code}: injected fault, ${syscall} '${p}'`), { code, syscall, path: String(p) });

  /** Runs before opening `p` for writing; throws when the open must fail. */
  function beforeWriteOpen(p, syscall) {
    if (config.edit && !edited) {
      edited = true;
      original.appendFileSync(config.edit.file, config.edit.append);
    }
    if (config.code === 'EROFS' || config.code === 'EACCES') throw error(config.code, syscall, p);
  }
  const partial = config.code === 'ENOSPC' || config.code === 'EIO';

  fs.openSync = function (p, flags, mode) {
    if (inDir(p) && forWriting(flags)) {
      beforeWriteOpen(p, 'open');
      const fd = original.openSync.call(fs, p, flags, mode);
      if (partial) failing.add(fd);
      return fd;
    }
    return original.openSync.call(fs, p, flags, mode);
  };
  fs.writeSync = function (fd, buffer, offset, length, position) {
    if (failing.has(fd) && typeof buffer !== 'string') {
      const len = typeof length === 'number' ? length : buffer.length - (offset || 0);
      original.writeSync.call(fs, fd, buffer, offset || 0, Math.floor(len / 2));
      throw error(config.code, 'write', fd);
    }
    return original.writeSync.apply(fs, arguments);
  };
  fs.writeFileSync = function (p, data, options) {
    if (inDir(p)) {
      beforeWriteOpen(p, 'open');
      if (partial) {
        original.writeFileSync.call(fs, p, Buffer.from(data).subarray(0, Math.floor(Buffer.byteLength(data) / 2)));
        throw error(config.code, 'write', p);
      }
    }
    return original.writeFileSync.call(fs, p, data, options);
  };
  fs.promises.writeFile = async function (p, data, options) {
    if (inDir(p)) {
      beforeWriteOpen(p, 'open');
      if (partial) {
        original.writeFileSync.call(fs, p, Buffer.from(data).subarray(0, Math.floor(Buffer.byteLength(data) / 2)));
        throw error(config.code, 'write', p);
      }
    }
    return original.promisesWriteFile.call(fs.promises, p, data, options);
  };
}
