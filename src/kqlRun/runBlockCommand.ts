import * as vscode from 'vscode';
import type { Command } from '../commands/commandManager';
import { CommandIds } from '../commands/ids';
import type { KqlRunner } from './runner';

/** Runs the block under the caret (Shift+Enter), the selection, or the block a code lens names. */
export class RunBlockCommand implements Command {
  readonly id = CommandIds.runKqlBlock;

  constructor(private readonly runner: KqlRunner) {}

  async execute(uri?: unknown, line?: unknown): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (uri instanceof vscode.Uri && typeof line === 'number') {
      const document = await vscode.workspace.openTextDocument(uri);
      return this.runner.run(document, document.offsetAt(new vscode.Position(line, 0)));
    }
    if (editor?.document.languageId !== 'kusto') return;
    return this.runner.run(editor.document, editor.document.offsetAt(editor.selection.active), editor.selection);
  }
}
