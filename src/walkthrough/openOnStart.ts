// The walkthrough (package.json `contributes.walkthroughs`) says what to try
// first. VS Code opens it when the extension is installed; the demo
// (`npm start`) loads the extension in development mode, where that does not
// happen, so it asks for it through the extension host's environment.
import * as vscode from 'vscode';

export const WALKTHROUGH = 'kustoMi.gettingStarted';

/** `<publisher>.<name>#<walkthrough id>`, as `workbench.action.openWalkthrough` takes it. */
export function walkthroughId(extension: vscode.ExtensionContext['extension']): string {
  return `${extension.id}#${WALKTHROUGH}`;
}

export function openWalkthroughOnStart(context: vscode.ExtensionContext): void {
  if (process.env.KUSTO_MI_OPEN_WALKTHROUGH !== '1') return;
  void vscode.commands.executeCommand('workbench.action.openWalkthrough', walkthroughId(context.extension), false);
}
