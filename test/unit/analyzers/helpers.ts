// Shared set-up for the analyzer tests: the wasm folder of the installed
// @vscode/tree-sitter-wasm, one analyzer per test bundle, and fix application.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { Finding } from '../../../src/core/findings';
import { applyEdits, createSizeAnalyzer, type SizeAnalyzer } from '../../../src/analyzers';

function findUp(start: string): string | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * The repository root: the nearest folder above this (compiled) file that holds
 * package.json; when the bundle was written outside the repository (e.g. to
 * /tmp), the nearest one above the working directory.
 */
export function repoRoot(): string {
  const root = findUp(__dirname) ?? findUp(process.cwd());
  if (!root) throw new Error(`no package.json above ${__dirname} or ${process.cwd()}`);
  return root;
}

/**
 * fast-check, resolved from the repository's node_modules so that bundles
 * written outside the repository (esbuild --outdir=/tmp/...) still find it.
 */
export function fastCheck(): typeof import('fast-check') {
  return createRequire(path.join(repoRoot(), 'package.json'))('fast-check');
}

export function wasmDir(): string {
  return path.join(repoRoot(), 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm');
}

export function fixture(name: string): string {
  return fs.readFileSync(path.join(repoRoot(), 'test', 'fixtures', 'analyzers', name), 'utf8');
}

let shared: SizeAnalyzer | undefined;
export function analyzer(): SizeAnalyzer {
  shared ??= createSizeAnalyzer({ wasmDir: wasmDir() });
  return shared;
}

export function findings(languageId: string, text: string): Promise<Finding[]> {
  return analyzer().analyze(text, languageId);
}

/** Asserts exactly one finding, at the callee `calleeText`, and returns it. */
export async function single(languageId: string, text: string, calleeText: string): Promise<Finding> {
  const found = await findings(languageId, text);
  assert.equal(found.length, 1, `expected one finding, got ${JSON.stringify(found.map((f) => text.slice(f.start, f.end)))}`);
  const finding = found[0] as Finding;
  assert.equal(finding.ruleId, 'mi-blob-size-missing');
  assert.equal(text.slice(finding.start, finding.end), calleeText);
  assert.match(finding.message, /managed-identity/);
  return finding;
}

/** The text after applying the finding's preferred fix. */
export function fixed(text: string, finding: Finding): string {
  const fix = finding.fixes.find((f) => f.isPreferred);
  assert.ok(fix, 'the finding has a preferred fix');
  return applyEdits(text, fix.edits);
}

/** Asserts that `text` has one finding whose fix turns it into `expected`, which has none. */
export async function assertFix(languageId: string, text: string, calleeText: string, expected: string): Promise<Finding> {
  const finding = await single(languageId, text, calleeText);
  const after = fixed(text, finding);
  assert.equal(after, expected);
  assert.deepEqual(await findings(languageId, after), [], 'the fixed text has no finding');
  return finding;
}

export async function assertNone(languageId: string, text: string): Promise<void> {
  const found = await findings(languageId, text);
  assert.deepEqual(found.map((f) => text.slice(f.start, f.end)), []);
}

