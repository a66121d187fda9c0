// Read-only `calico-explain:` documents holding the server's Markdown explanations, shown in the preview.
import * as vscode from 'vscode';

export const explainScheme = 'calico-explain';

export class ExplainDocuments implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Stores an explanation under a stable URI per source document + title, so re-explaining refreshes it. */
  put(sourceUri: string, title: string, markdown: string): vscode.Uri {
    const safeTitle = title.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'policy';
    const uri = vscode.Uri.from({ scheme: explainScheme, path: `/${safeTitle}.md`, query: sourceUri });
    this.contents.set(uri.toString(), markdown);
    this.changed.fire(uri);
    return uri;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
