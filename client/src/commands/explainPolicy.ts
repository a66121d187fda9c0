// "Calico: Explain Policy": asks the server for Markdown and shows it rendered beside the editor.
import * as vscode from 'vscode';
import { ExplainPolicyRequest, type ExplainPolicyParams, type ExplainPolicyResult } from '../../../protocol';
import type { CalicoClient } from '../calicoClient';

type Position = { line: number; character: number };

const SHOW_OUTPUT = 'Show Output';

/** Accepts (uri, position) from the code lens or palette, or `{uri, position}`; falls back to the active editor. */
export function explainTarget(args: unknown[], editor: vscode.TextEditor | undefined): ExplainPolicyParams | undefined {
  const [first, second] = args;
  if (typeof first === 'string' || first instanceof vscode.Uri) {
    return { uri: first.toString(), position: asPosition(second) };
  }
  if (first && typeof first === 'object' && 'uri' in first) {
    const o = first as { uri: unknown; position?: unknown };
    if (typeof o.uri === 'string' || o.uri instanceof vscode.Uri) return { uri: o.uri.toString(), position: asPosition(o.position) };
  }
  if (!editor) return undefined;
  const { line, character } = editor.selection.active;
  return { uri: editor.document.uri.toString(), position: { line, character } };
}

function asPosition(value: unknown): Position | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { line, character } = value as Partial<Position>;
  return typeof line === 'number' && typeof character === 'number' ? { line, character } : undefined;
}

export function explainPolicyCommand(calico: CalicoClient) {
  return async (...args: unknown[]): Promise<vscode.Uri | undefined> => {
    const params = explainTarget(args, vscode.window.activeTextEditor);
    if (!params) {
      void vscode.window.showInformationMessage('Open a Calico policy YAML file to explain it.');
      return undefined;
    }
    await calico.ready;
    let result: ExplainPolicyResult | undefined;
    try {
      result = await calico.client.sendRequest<ExplainPolicyResult>(ExplainPolicyRequest, params);
    } catch (error) {
      // A crash is not "no policy here": say what failed and offer the log.
      const message = error instanceof Error ? error.message : String(error);
      void vscode.window.showErrorMessage(`Calico: ${message}`, SHOW_OUTPUT).then((choice) => {
        if (choice === SHOW_OUTPUT) void vscode.commands.executeCommand('calico.showOutput');
      });
      return undefined;
    }
    if (!result?.markdown) {
      void vscode.window.showInformationMessage('No Calico policy at the cursor to explain.');
      return undefined;
    }
    const uri = calico.explainDocuments.put(params.uri, result.title || 'policy', result.markdown);
    try {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    } catch {
      // Without the built-in Markdown extension, the source Markdown beside the editor is still readable.
      await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }
    return uri;
  };
}
