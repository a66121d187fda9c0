// "Calico: Refresh Cluster Labels": tells the server to drop and refetch cluster labels.
import * as vscode from 'vscode';
import { RefreshClusterRequest } from '../../../protocol';
import type { CalicoClient } from '../calicoClient';

export function refreshClusterCommand(calico: CalicoClient) {
  return async (): Promise<void> => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showInformationMessage('Cluster labels stay off until this workspace is trusted.');
      return;
    }
    await calico.ready;
    await calico.client.sendRequest(RefreshClusterRequest);
  };
}
