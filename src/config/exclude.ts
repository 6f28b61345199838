import * as vscode from 'vscode';
import { excludeMatcher } from '../core/pathFilter';
import type { Config } from './config';

/** Whether `kustoMi.diagnostics.exclude` excludes this file (globs relative to its workspace folder). */
export function isExcluded(config: Config, uri: vscode.Uri): boolean {
  const globs = config.excludeGlobs;
  if (globs.length === 0 || uri.scheme === 'untitled') return false;
  return excludeMatcher(globs)(vscode.workspace.asRelativePath(uri, false));
}
