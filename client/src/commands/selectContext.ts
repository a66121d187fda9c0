// "Calico: Select Kubernetes Context": quick pick of the kubeconfig's contexts, saved to `calico.context`.
import * as vscode from 'vscode';
import { ListContextsRequest, type ListContextsResult } from '../../../protocol';
import type { CalicoClient } from '../calicoClient';

export function selectContextCommand(calico: CalicoClient) {
  return async (): Promise<string | undefined> => {
    await calico.ready;
    const result = await calico.client.sendRequest<ListContextsResult>(ListContextsRequest);
    if (result.error) void vscode.window.showWarningMessage(`Calico: ${result.error}`);
    if (!result.contexts?.length) {
      if (!result.error) void vscode.window.showInformationMessage('Calico: the kubeconfig has no contexts.');
      return undefined;
    }
    const items = result.contexts.map((c) => ({
      label: c.name,
      description: [c.current ? 'current' : '', c.namespace ? `namespace ${c.namespace}` : ''].filter(Boolean).join(' · '),
      detail: `cluster ${c.cluster}`,
    }));
    const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Kubernetes context for cluster labels' });
    if (!picked) return undefined;
    // Machine-scoped setting: stored in user settings, never in a workspace someone else wrote.
    await vscode.workspace.getConfiguration('calico').update('context', picked.label, vscode.ConfigurationTarget.Global);
    return picked.label;
  };
}
