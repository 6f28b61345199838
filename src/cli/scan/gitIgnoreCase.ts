// Whether .gitignore patterns match case-insensitively, as git decides it:
// `core.ignorecase` from the repository's config (git sets it at `git init` on
// case-insensitive file systems); outside a repository, the platform's usual
// file system (case-sensitive on Linux).

import * as fs from 'node:fs';
import * as path from 'node:path';

/** The `.git` directory of the repository holding `dir`, if any (a `.git` file points to it: worktrees, submodules). */
function findGitDir(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    const dotGit = path.join(d, '.git');
    try {
      const st = fs.statSync(dotGit);
      if (st.isDirectory()) return dotGit;
      const m = /^gitdir:\s*(.+?)\s*$/m.exec(fs.readFileSync(dotGit, 'utf8'));
      if (m) return path.resolve(d, m[1]);
    } catch {
      // not here; look further up
    }
    if (path.dirname(d) === d) return undefined;
  }
}

/** The value of `[core] ignorecase` in a git config file's text, if set. */
export function parseIgnoreCase(config: string): boolean | undefined {
  let section = '';
  let value: boolean | undefined;
  for (const raw of config.split(/\r?\n/)) {
    const line = raw.replace(/[#;].*$/, '').trim();
    const header = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"[^"]*")?\s*\]/.exec(line);
    if (header) {
      section = header[1].toLowerCase();
      continue;
    }
    const m = /^ignorecase\s*(?:=\s*(\S+))?$/i.exec(line);
    if (section === 'core' && m) value = m[1] === undefined || /^(true|yes|on|1)$/i.test(m[1]);
  }
  return value;
}

export function gitIgnoreCase(dir: string, platform: NodeJS.Platform = process.platform): boolean {
  const gitDir = findGitDir(dir);
  if (gitDir) {
    // A worktree's config lives in the common directory.
    const common = fs.existsSync(path.join(gitDir, 'commondir'))
      ? path.resolve(gitDir, fs.readFileSync(path.join(gitDir, 'commondir'), 'utf8').trim())
      : gitDir;
    for (const config of [path.join(gitDir, 'config.worktree'), path.join(common, 'config')]) {
      try {
        const value = parseIgnoreCase(fs.readFileSync(config, 'utf8'));
        if (value !== undefined) return value;
      } catch {
        // no such config
      }
    }
    return false; // git's default when the repository does not say
  }
  return platform === 'darwin' || platform === 'win32';
}
