// Where the report goes. Standard output, a pipe or a device (`/dev/null`,
// `/dev/stdout`) gets each piece as it comes. A regular file is written when
// the scan ends, as before: a scan that fails halfway leaves the previous
// report whole instead of half a new one.

import * as fs from 'node:fs';

export interface ReportSink {
  write(chunk: string): void;
  /** Finishes the report; the error that stopped it, if one did (nothing is written after it). */
  close(): Error | undefined;
}

export function stdoutSink(out: (text: string) => void): ReportSink {
  return { write: out, close: () => undefined };
}

export function fileSink(file: string): ReportSink {
  let streaming = false;
  try {
    streaming = !fs.statSync(file).isFile();
  } catch {
    streaming = false; // a new file: written at the end
  }
  let error: Error | undefined;
  let fd: number | undefined;
  const pending: string[] = [];
  const put = (chunk: string): void => {
    if (error) return;
    try {
      fd ??= fs.openSync(file, 'w');
      const bytes = Buffer.from(chunk, 'utf8');
      for (let at = 0; at < bytes.length;) at += fs.writeSync(fd, bytes, at, bytes.length - at);
    } catch (e) {
      error = e as Error;
    }
  };
  return {
    write(chunk) {
      if (streaming) put(chunk);
      else pending.push(chunk);
    },
    close() {
      for (const chunk of pending.splice(0)) put(chunk);
      if (fd === undefined && !error) put(''); // an empty report still creates or empties the file
      if (fd !== undefined) {
        try {
          fs.closeSync(fd);
        } catch (e) {
          error ??= e as Error;
        }
      }
      return error;
    },
  };
}
