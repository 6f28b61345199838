// Lists the files to scan under the given paths, the way a developer expects
// from ripgrep: `.gitignore` files (nested ones too) are honoured with git's
// case rule, `.git/` and `node_modules/` are always skipped, symlinks are not
// followed, `--exclude` globs prune files and whole directories. Files named
// explicitly are always scanned unless excluded. Only .gitignore files at or
// below each scanned path are read (not those of parent directories).
//
// Only regular files are listed: FIFOs, sockets and devices are reported and
// skipped (opening a FIFO would wait forever). Names that are not valid UTF-8
// are kept as raw bytes, so they can still be opened. The walk is synchronous:
// one readdir per directory with file types, no stat per entry.

import * as fs from 'node:fs';
import type { Dirent } from 'node:fs';
import * as path from 'node:path';
import { excludeMatcher } from '../../core/pathFilter';
import { gitIgnoreCase } from './gitIgnoreCase';
import { compileGitignore, type GitignoreMatcher } from './gitignoreMatcher';

const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);

/** A file to scan. */
export interface ScanTarget {
  /** Absolute path for display; bytes of a name that is not UTF-8 appear as `\xNN`. */
  readonly path: string;
  /** What to open: the path, or its raw bytes when some name on it is not valid UTF-8. */
  readonly fsPath: string | Buffer;
}

interface IgnoreLevel {
  /** Absolute directory the .gitignore lives in, with a trailing separator. */
  readonly prefix: string;
  readonly matcher: GitignoreMatcher;
}

export type SkipReason = 'fifo' | 'socket' | 'device';

export interface WalkOptions {
  readonly cwd: string;
  /** Globs matched against the path relative to `cwd`; a glob without `/` matches the base name. */
  readonly exclude: readonly string[];
  /** Case-insensitive .gitignore matching; default: what git says for the first path (core.ignorecase). */
  readonly ignoreCase?: boolean;
  /** Called for paths and directories that cannot be read. */
  readonly onError: (file: string, error: Error) => void;
  /** Called for files that are not regular files (they are never opened). */
  readonly onSkipped?: (file: string, reason: SkipReason) => void;
}

/** Forward-slash path of `file` relative to `cwd`. */
export function relativePath(cwd: string, file: string): string {
  // The common case, a file under cwd (both absolute and normalised, as the walk makes them), without path.relative.
  const prefix = cwd.endsWith(path.sep) ? cwd : cwd + path.sep;
  const rel = file.startsWith(prefix) ? file.slice(prefix.length) : path.relative(cwd, file);
  return path.sep === '/' ? rel : rel.split(path.sep).join('/');
}

/**
 * The raw bytes of `relativePath(cwd, target.path)` when the target is opened
 * by its bytes (a name on it is not valid UTF-8); undefined otherwise. Each
 * displayed name stands for one raw name, so the tail of the raw path is taken
 * name for name (a leading `..` is plain ASCII).
 */
export function relativePathBytes(cwd: string, target: ScanTarget): Buffer | undefined {
  if (typeof target.fsPath === 'string') return undefined;
  const shown = relativePath(cwd, target.path).split('/');
  const sep = path.sep.charCodeAt(0);
  const raw: Buffer[] = [];
  let start = 0;
  for (let i = 0; i <= target.fsPath.length; i++) {
    if (i < target.fsPath.length && target.fsPath[i] !== sep) continue;
    raw.push(target.fsPath.subarray(start, i));
    start = i + 1;
  }
  const up = shown.filter((n) => n === '..').length;
  const names = raw.filter((n) => n.length > 0).slice(-(shown.length - up));
  const parts = [...shown.slice(0, up).map((n) => Buffer.from(n)), ...names];
  return Buffer.concat(parts.flatMap((p, i) => (i === 0 ? [p] : [Buffer.from('/'), p])));
}

/** A name that is not valid UTF-8 shown with its odd bytes as `\xNN` (never U+FFFD, which would hide which file it is). */
export function displayName(raw: Buffer): string {
  const text = raw.toString('utf8');
  if (!text.includes('\ufffd')) return text;
  let out = '';
  for (const byte of raw) out += byte < 0x80 ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`;
  return out;
}

function specialKind(entry: Dirent | fs.Stats): SkipReason | undefined {
  if (entry.isFIFO()) return 'fifo';
  if (entry.isSocket()) return 'socket';
  if (entry.isBlockDevice() || entry.isCharacterDevice()) return 'device';
  return undefined;
}

/** Files to scan, sorted by path, without duplicates. */
export function listFiles(roots: readonly string[], options: WalkOptions): ScanTarget[] {
  const excluded = excludeMatcher(options.exclude);
  const hasExcludes = options.exclude.length > 0;
  const ignorecase = options.ignoreCase ?? gitIgnoreCase(path.resolve(options.cwd, roots[0] ?? '.'));
  const files = new Map<string, ScanTarget>();

  function readIgnore(dir: string, fsDir: string | Buffer, levels: readonly IgnoreLevel[]): readonly IgnoreLevel[] {
    const file = path.join(dir, '.gitignore');
    try {
      const text = fs.readFileSync(typeof fsDir === 'string' ? file : Buffer.concat([fsDir, Buffer.from('/.gitignore')]), 'utf8');
      return [...levels, { prefix: dir + path.sep, matcher: compileGitignore(text, ignorecase) }];
    } catch (e) {
      options.onError(file, e as Error);
      return levels;
    }
  }

  function visitDir(dir: string, fsDir: string | Buffer, levels: readonly IgnoreLevel[]): void {
    let entries: Dirent[];
    try {
      entries = fs.readdirSync(fsDir as string, { withFileTypes: true });
    } catch (e) {
      options.onError(dir, e as Error);
      return;
    }
    // A name that did not decode as UTF-8: read the directory again as bytes so every entry can be opened.
    let raw: Buffer[] | undefined;
    if (typeof fsDir !== 'string' || entries.some((e) => e.name.includes('\ufffd'))) {
      try {
        const bufferEntries = fs.readdirSync(fsDir, { withFileTypes: true, encoding: 'buffer' });
        entries = bufferEntries as unknown as Dirent[];
        raw = bufferEntries.map((e) => e.name);
      } catch (e) {
        options.onError(dir, e as Error);
        return;
      }
    }
    let here = levels;
    if (entries.some((e) => String(e.name) === '.gitignore' && e.isFile())) here = readIgnore(dir, fsDir, levels);
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i];
      const name = raw ? displayName(raw[i]) : entry.name;
      const isDir = entry.isDirectory();
      if (!isDir && !entry.isFile()) {
        const special = specialKind(entry);
        if (special) options.onSkipped?.(dir + path.sep + name, special);
        continue; // symbolic links are not followed
      }
      if (isDir && ALWAYS_SKIPPED.has(name)) continue;
      const full = dir + path.sep + name; // dir is absolute and normalised, name has no separator
      if (here.length > 0 && isIgnored(here, full, name, isDir)) continue;
      if (hasExcludes && excluded(relativePath(options.cwd, full))) continue;
      const fsPath = raw && (typeof fsDir !== 'string' || raw[i].toString('utf8') !== name)
        ? Buffer.concat([typeof fsDir === 'string' ? Buffer.from(dir) : fsDir, Buffer.from(path.sep), raw[i]])
        : full;
      if (isDir) visitDir(full, fsPath, here);
      else files.set(full, { path: full, fsPath });
    }
  }

  for (const root of roots) {
    const full = path.resolve(options.cwd, root);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch (e) {
      options.onError(full, e as Error);
      continue;
    }
    if (stat.isDirectory()) visitDir(full, full, []);
    else if (excluded(relativePath(options.cwd, full))) continue;
    else if (stat.isFile()) files.set(full, { path: full, fsPath: full });
    else options.onSkipped?.(full, specialKind(stat) ?? 'device');
  }
  // The default sort compares strings natively, several times faster than a comparator function.
  return [...files.keys()].sort().map((key) => files.get(key)!);
}

/** The deepest .gitignore with an opinion on the path wins, as in git. */
function isIgnored(levels: readonly IgnoreLevel[], full: string, name: string, isDir: boolean): boolean {
  const base = isDir ? `${name}/` : name;
  for (let i = levels.length - 1; i >= 0; i--) {
    let rel = full.slice(levels[i].prefix.length);
    if (path.sep !== '/') rel = rel.split(path.sep).join('/');
    const verdict = levels[i].matcher.test(isDir ? `${rel}/` : rel, base);
    if (verdict !== undefined) return verdict === 'ignored';
  }
  return false;
}
