// Read-only `calico-cluster:` documents: cluster objects as YAML (asked from the server), and the cluster
// side of Compare with Cluster (held here, under `/~compare/`).
import * as vscode from 'vscode';
import { ClusterDocumentRequest, ClusterScheme, type ClusterDocumentParams, type ClusterDocumentResult } from '../../protocol';
import type { CalicoClient } from './calicoClient';

const COMPARE_PREFIX = '/~compare/';

export class ClusterDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly compares = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly calico: CalicoClient) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    if (uri.path.startsWith(COMPARE_PREFIX)) return this.compares.get(uri.toString()) ?? '';
    await this.calico.ready;
    const params: ClusterDocumentParams = { uri: uri.toString() };
    const result = await this.calico.client.sendRequest<ClusterDocumentResult>(ClusterDocumentRequest, params);
    // A YAML comment keeps the document valid YAML while saying why it is empty.
    return result?.text ?? `# ${result?.message ?? 'not available'}\n`;
  }

  /** Holds the cluster side of a comparison under a URI that ends like the workspace file. */
  putCompare(workspaceUri: vscode.Uri, text: string): vscode.Uri {
    const name = workspaceUri.path.split('/').pop() || 'resource.yaml';
    const uri = vscode.Uri.from({ scheme: ClusterScheme, path: `${COMPARE_PREFIX}${encodeURIComponent(workspaceUri.toString())}/${name}` });
    this.compares.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  /** Cluster objects were read again: open cluster documents show the new snapshot. */
  refreshOpen(): void {
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.uri.scheme === ClusterScheme && !doc.uri.path.startsWith(COMPARE_PREFIX)) this.changed.fire(doc.uri);
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
