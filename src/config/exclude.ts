import * as vscode from 'vscode';
import { excludeMatcher, type PathMatcher } from '../core/pathFilter';
import type { Config } from './config';

// Compiled once per distinct setting value: every analysis of every document asks.
let cached: { key: string; matcher: PathMatcher } | undefined;

/** Whether `kustoMi.diagnostics.exclude` excludes this file (globs relative to its workspace folder). */
export function isExcluded(config: Config, uri: vscode.Uri): boolean {
  const globs = config.excludeGlobs;
  if (globs.length === 0 || uri.scheme === 'untitled') return false;
  const key = JSON.stringify(globs);
  if (cached?.key !== key) cached = { key, matcher: excludeMatcher(globs) };
  return cached.matcher(vscode.workspace.asRelativePath(uri, false));
}
