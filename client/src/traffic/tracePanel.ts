// The trace view: one webview beside the editor showing the last simulated flow; links open the policy or rule.
import * as vscode from 'vscode';
import type { FlowResult } from '../../../protocol';
import { flowTitle, traceBody } from './traceHtml';
import { newNonce, webviewShell } from './webviewShell';

export interface OpenLocationMessage {
  type: 'open';
  uri: string;
  line: number;
  character: number;
}

/** Opens a trace link: a file (or cluster) URI at the policy's or rule's line. */
export async function openLocation(message: OpenLocationMessage): Promise<void> {
  if (typeof message?.uri !== 'string' || typeof message.line !== 'number') return;
  const position = new vscode.Position(Math.max(0, message.line), Math.max(0, Number(message.character) || 0));
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(message.uri, true));
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
}

export class TracePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private last: FlowResult | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** The flow on show, for tests. */
  get shown(): FlowResult | undefined {
    return this.last;
  }

  show(result: FlowResult, focusPolicy?: string): void {
    this.last = result;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('calico.trafficTrace', 'Traffic', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'media'), vscode.Uri.joinPath(this.extensionUri, 'media')],
      });
      this.panel.onDidDispose(() => (this.panel = undefined));
      this.panel.webview.onDidReceiveMessage((m: OpenLocationMessage) => {
        if (m?.type === 'open') openLocation(m).catch((e: unknown) => void vscode.window.showWarningMessage(`Could not open ${m.uri}: ${String(e)}`));
      });
    } else {
      this.panel.reveal(this.panel.viewColumn ?? vscode.ViewColumn.Beside, false);
    }
    const webview = this.panel.webview;
    const asset = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...p)).toString();
    this.panel.title = `Traffic: ${result.from} → ${result.to}`;
    webview.html = webviewShell({
      title: flowTitle(result),
      cspSource: webview.cspSource,
      nonce: newNonce(),
      styleUris: [asset('media', 'trace.css')],
      scriptUri: asset('dist', 'media', 'trace.js'),
      body: traceBody(result, focusPolicy),
    });
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
