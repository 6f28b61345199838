// Lists the files to scan under the given paths, the way a developer expects
// from ripgrep: `.gitignore` files (nested ones too) are honoured, `.git/` and
// `node_modules/` are always skipped, symlinks are not followed, `--exclude`
// globs prune files and whole directories. Files named explicitly are always
// scanned unless excluded. Only .gitignore files at or below each scanned path
// are read (not those of parent directories).

import * as fs from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { excludeMatcher } from '../../core/pathFilter';

const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);

interface IgnoreLevel {
  /** Absolute directory the .gitignore lives in. */
  readonly base: string;
  readonly rules: Ignore;
}

export interface WalkOptions {
  readonly cwd: string;
  /** Globs matched against the path relative to `cwd`; a glob without `/` matches the base name. */
  readonly exclude: readonly string[];
  /** Called for directories that cannot be read. */
  readonly onError: (file: string, error: Error) => void;
}

/** Forward-slash path of `file` relative to `cwd`. */
export function relativePath(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return path.sep === '/' ? rel : rel.split(path.sep).join('/');
}

/** Absolute paths of the files to scan, sorted, without duplicates. */
export async function listFiles(roots: readonly string[], options: WalkOptions): Promise<string[]> {
  const excluded = excludeMatcher(options.exclude);
  const files = new Set<string>();

  async function visitDir(dir: string, levels: readonly IgnoreLevel[]): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      options.onError(dir, e as Error);
      return;
    }
    let here = levels;
    if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      try {
        const rules = ignore().add(await fs.readFile(path.join(dir, '.gitignore'), 'utf8'));
        here = [...levels, { base: dir, rules }];
      } catch (e) {
        options.onError(path.join(dir, '.gitignore'), e as Error);
      }
    }
    const subdirs: Promise<void>[] = [];
    for (const entry of entries) {
      const isDir = entry.isDirectory();
      if (!isDir && !entry.isFile()) continue; // symlinks, sockets, devices
      if (isDir && ALWAYS_SKIPPED.has(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (here.length > 0 && isIgnored(here, full, isDir)) continue;
      if (options.exclude.length > 0 && excluded(relativePath(options.cwd, full))) continue;
      if (isDir) subdirs.push(visitDir(full, here));
      else files.add(full);
    }
    await Promise.all(subdirs);
  }

  for (const root of roots) {
    const full = path.resolve(options.cwd, root);
    const stat = await fs.stat(full); // the caller checked existence; errors propagate
    if (stat.isDirectory()) await visitDir(full, []);
    else if (!excluded(relativePath(options.cwd, full))) files.add(full);
  }
  return [...files].sort();
}

/** The deepest .gitignore with an opinion on the path wins, as in git. */
function isIgnored(levels: readonly IgnoreLevel[], full: string, isDir: boolean): boolean {
  for (let i = levels.length - 1; i >= 0; i--) {
    const rel = relativePath(levels[i].base, full) + (isDir ? '/' : '');
    const verdict = levels[i].rules.test(rel);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}
