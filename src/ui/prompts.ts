// Every question the cluster commands ask, behind one interface. The default
// asks through vscode.window; tests answer instead (through the extension
// API's `testing.setPrompts`), so quick picks and the modal confirmation are
// exercised, not skipped.
import * as vscode from 'vscode';

export interface PickOptions {
  readonly title: string;
  readonly placeHolder?: string;
}

export interface Prompts {
  pickOne<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions): Promise<T | undefined>;
  /** Items with `picked: true` start selected. */
  pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions): Promise<readonly T[] | undefined>;
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  /** A modal warning with `detail` (the exact command); resolves to the action chosen, undefined for Cancel. */
  confirm(message: string, detail: string, actions: readonly string[]): Promise<string | undefined>;
  info(message: string): void;
  error(message: string): void;
  /** Where to save a file; undefined when cancelled. */
  saveAs(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined>;
}

export const windowPrompts: Prompts = {
  async pickOne(items, options) {
    return vscode.window.showQuickPick([...items], { ...options, ignoreFocusOut: true });
  },
  async pickMany(items, options) {
    return vscode.window.showQuickPick([...items], { ...options, canPickMany: true, ignoreFocusOut: true });
  },
  async input(options) {
    return vscode.window.showInputBox({ ignoreFocusOut: true, ...options });
  },
  async confirm(message, detail, actions) {
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions);
  },
  info(message) {
    void vscode.window.showInformationMessage(message);
  },
  error(message) {
    void vscode.window.showErrorMessage(message);
  },
  async saveAs(options) {
    return vscode.window.showSaveDialog(options);
  },
};

/** The prompts in use: VS Code's, or (in tests) a replacement for some of the methods. */
export class PromptService implements Prompts {
  private impl: Prompts = windowPrompts;

  /** Replaces the given methods until the returned function is called. */
  use(replacement: Partial<Prompts>): () => void {
    const previous = this.impl;
    this.impl = { ...windowPrompts, ...replacement };
    return () => {
      this.impl = previous;
    };
  }

  pickOne<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions): Promise<T | undefined> {
    return this.impl.pickOne(items, options);
  }

  pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions): Promise<readonly T[] | undefined> {
    return this.impl.pickMany(items, options);
  }

  input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    return this.impl.input(options);
  }

  confirm(message: string, detail: string, actions: readonly string[]): Promise<string | undefined> {
    return this.impl.confirm(message, detail, actions);
  }

  info(message: string): void {
    this.impl.info(message);
  }

  error(message: string): void {
    this.impl.error(message);
  }

  saveAs(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined> {
    return this.impl.saveAs(options);
  }
}
