// The codicons and colours of the tree, in one place so states read the same everywhere.
import * as vscode from 'vscode';
import type { NativeIngestionState } from '../model/nativeIngestion';

export const icons = {
  allowed: () => new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  inherited: () => new vscode.ThemeIcon('pass', new vscode.ThemeColor('charts.blue')),
  notAllowed: () => new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('charts.orange')),
  error: () => new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  unknown: () => new vscode.ThemeIcon('database'),
};

export function nativeIngestionIcon(state: NativeIngestionState): vscode.ThemeIcon {
  switch (state) {
    case 'database': return icons.allowed();
    case 'cluster': return icons.inherited();
    case 'none': return icons.notAllowed();
    case 'unknown': return icons.unknown();
  }
}

/** A code span that cannot be broken by backticks in the value. */
export function code(value: string): string {
  return `\`${value.replace(/`/g, "'")}\``;
}

/** Markdown text with the characters Markdown would interpret escaped. */
export function text(value: string): string {
  return value.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
