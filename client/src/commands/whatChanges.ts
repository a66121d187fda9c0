// "Calico: What Changes If I Apply This?": asks the server which flows change verdict with this file applied and
// shows the list as a Markdown preview beside the editor.
import * as vscode from 'vscode';
import { DiffTrafficRequest, type DiffTrafficResult } from '../../../protocol';
import type { CalicoClient } from '../calicoClient';
import { whatChangesMarkdown } from '../traffic/whatChangesMarkdown';

const SHOW_OUTPUT = 'Show Output';

/** The file from the explorer/editor menu (a Uri or string) or else the active editor's. */
function targetUri(args: unknown[]): vscode.Uri | undefined {
  const [first] = args;
  if (first instanceof vscode.Uri) return first;
  if (typeof first === 'string') return vscode.Uri.parse(first);
  return vscode.window.activeTextEditor?.document.uri;
}

export function whatChangesCommand(calico: CalicoClient) {
  return async (...args: unknown[]): Promise<vscode.Uri | undefined> => {
    const uri = targetUri(args);
    if (!uri) {
      void vscode.window.showInformationMessage('Open a Calico policy YAML file to see what applying it changes.');
      return undefined;
    }
    await calico.ready;
    let result: DiffTrafficResult;
    try {
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Calico: comparing flows before and after…' },
        () => calico.client.sendRequest<DiffTrafficResult>(DiffTrafficRequest, { uri: uri.toString() }),
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      void vscode.window.showErrorMessage(`Calico: ${message}`, SHOW_OUTPUT).then((choice) => {
        if (choice === SHOW_OUTPUT) void vscode.commands.executeCommand('calico.showOutput');
      });
      return undefined;
    }
    const name = uri.path.split('/').pop() || uri.toString();
    const shown = calico.explainDocuments.put(uri.toString(), `what-changes-${name}`, whatChangesMarkdown(name, result));
    try {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', shown);
    } catch {
      // Without the built-in Markdown extension, the source Markdown beside the editor is still readable.
      await vscode.window.showTextDocument(shown, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }
    return shown;
  };
}
