// The extension's output channel. Every message passes through redactSecrets
// first, so a SAS signature, account key or token can never reach the log,
// whatever a caller hands in. The channel itself is created on first use.
import * as vscode from 'vscode';
import { redactSecrets } from './core/secrets/redact';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
  debug(message: string): void;
  show(): void;
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return redactSecrets(error.message);
  return redactSecrets(String(error));
}

export class OutputLogger implements Logger, vscode.Disposable {
  private channel: vscode.LogOutputChannel | undefined;

  private get out(): vscode.LogOutputChannel {
    this.channel ??= vscode.window.createOutputChannel('Kusto Managed Identity', { log: true });
    return this.channel;
  }

  info(message: string): void { this.out.info(redactSecrets(message)); }
  warn(message: string): void { this.out.warn(redactSecrets(message)); }
  debug(message: string): void { this.out.debug(redactSecrets(message)); }
  error(message: string, error?: unknown): void {
    this.out.error(redactSecrets(error === undefined ? message : `${message}: ${describeError(error)}`));
  }
  show(): void { this.out.show(true); }
  dispose(): void { this.channel?.dispose(); }
}
