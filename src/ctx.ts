// The one context object: settings, log, and the pieces features share. It
// keeps two lifetimes apart: the extension's (subscriptions) and the
// connection's (disposed and rebuilt when auth or cluster settings change).
import * as vscode from 'vscode';
import { Config } from './config/config';
import { OutputLogger, type Logger } from './log';
import { disposeAll } from './util/dispose';

export class Ctx implements vscode.Disposable {
  readonly config: Config;
  readonly log: Logger;
  private connectionCleanups: vscode.Disposable[] = [];

  constructor(readonly extensionContext: vscode.ExtensionContext) {
    this.config = new Config();
    const logger = new OutputLogger();
    this.log = logger;
    extensionContext.subscriptions.push(this.config, logger, this);
  }

  get extensionUri(): vscode.Uri {
    return this.extensionContext.extensionUri;
  }

  /** Disposed with the extension. */
  pushExtCleanup(d: vscode.Disposable): void {
    this.extensionContext.subscriptions.push(d);
  }

  /** Disposed when the connection settings change (see resetConnections). */
  pushConnectionCleanup(d: vscode.Disposable): void {
    this.connectionCleanups.push(d);
  }

  resetConnections(): void {
    disposeAll(this.connectionCleanups.splice(0));
  }

  dispose(): void {
    this.resetConnections();
  }
}
