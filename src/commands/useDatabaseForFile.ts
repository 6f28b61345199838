import * as vscode from 'vscode';
import type { SchemaBindings } from '../providers/kql/schemaBinding';
import type { Command } from './commandManager';
import { CommandIds } from './ids';
import { DatabaseNode } from '../views/clusterTree/model/nodes/databaseNode';

/** "Use for This File" on a database in the Clusters view: the KQL editor's queries run against it and complete from its schema. */
export class UseDatabaseForFileCommand implements Command {
  readonly id = CommandIds.useDatabaseForFile;

  constructor(private readonly bindings: SchemaBindings) {}

  async execute(node?: unknown): Promise<void> {
    if (!(node instanceof DatabaseNode)) return;
    const editor = [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors].find((e) => e?.document.languageId === 'kusto');
    if (!editor) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a KQL file first, then choose the database to use for it.'));
      return;
    }
    await this.bindings.use(editor.document, { cluster: node.cluster.url, database: node.name });
  }
}
