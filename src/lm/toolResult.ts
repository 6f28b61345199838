// Every language-model tool answers through here: one text part, JSON with a
// one-line summary first, passed through redactSecrets so no signature, key or
// token can reach a chat transcript even if a value slipped through upstream.
import * as vscode from 'vscode';
import { redactSecrets } from '../core/secrets/redact';

export function toolResult(summary: string, data?: unknown): vscode.LanguageModelToolResult {
  const text = data === undefined ? summary : `${summary}\n${JSON.stringify(data, null, 2)}`;
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(redactSecrets(text))]);
}

/** Thrown for input the model should correct; VS Code hands the message back to the model. */
export class ToolInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolInputError';
  }
}

/** A storage URI without its query or `;` suffix: the part that names the blob, never a credential. */
export function uriWithoutCredentials(uri: string): string {
  const cut = uri.search(/[?;]/);
  return cut < 0 ? uri : uri.slice(0, cut);
}
