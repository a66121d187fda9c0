// "Compare with Cluster": the diff editor, workspace file on the left, the deployed object on the right.
import * as vscode from 'vscode';
import { CompareWithClusterRequest, type CompareWithClusterParams, type CompareWithClusterResult } from '../../../protocol';
import type { CalicoClient } from '../calicoClient';
import type { ClusterDocuments } from '../clusterDocuments';

export function compareWithClusterCommand(calico: CalicoClient, documents: ClusterDocuments) {
  return async (arg?: unknown): Promise<vscode.Uri | undefined> => {
    const editor = vscode.window.activeTextEditor;
    const uri = arg instanceof vscode.Uri ? arg : editor?.document.uri;
    if (!uri) {
      void vscode.window.showInformationMessage('Open a workspace policy file to compare it with the cluster.');
      return undefined;
    }
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showInformationMessage('Cluster access stays off until this workspace is trusted.');
      return undefined;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    const active = editor && editor.document.uri.toString() === uri.toString() ? editor.selection.active : undefined;
    await calico.ready;
    const params: CompareWithClusterParams = { uri: document.uri.toString(), ...(active ? { position: { line: active.line, character: active.character } } : {}) };
    const result = await calico.client.sendRequest<CompareWithClusterResult>(CompareWithClusterRequest, params);
    if (!result?.clusterText) {
      void vscode.window.showInformationMessage(result?.message ?? 'Nothing to compare.');
      return undefined;
    }
    const right = documents.putCompare(document.uri, result.clusterText);
    const when = result.fetchedAt ? ` (cluster, read ${new Date(result.fetchedAt).toLocaleTimeString()})` : ' (cluster)';
    await vscode.commands.executeCommand('vscode.diff', document.uri, right, `${result.title ?? 'resource'}: workspace ↔${when}`);
    return right;
  };
}
