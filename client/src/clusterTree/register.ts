// Registers the Calico Policies view, its commands and the calico-cluster: document provider.
import * as vscode from 'vscode';
import { ClusterPoliciesStatusNotification, ClusterScheme } from '../../../protocol';
import type { CalicoClient } from '../calicoClient';
import { ClusterDocuments } from '../clusterDocuments';
import { compareWithClusterCommand } from '../commands/compareWithCluster';
import { CLUSTER_VIEW_ID, ClusterTreeProvider } from './clusterTreeProvider';
import type { ClusterNode } from './nodes';

export interface ClusterView {
  provider: ClusterTreeProvider;
  view: vscode.TreeView<ClusterNode>;
  documents: ClusterDocuments;
}

export function registerClusterView(context: vscode.ExtensionContext, calico: CalicoClient): ClusterView {
  const documents = new ClusterDocuments(calico);
  const provider = new ClusterTreeProvider(calico);
  const view = vscode.window.createTreeView(CLUSTER_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  provider.view = view;
  context.subscriptions.push(
    documents,
    provider,
    view,
    vscode.workspace.registerTextDocumentContentProvider(ClusterScheme, documents),
    vscode.commands.registerCommand('calico.clusterPolicies.open', async (arg: string | ClusterNode) => {
      const uri = typeof arg === 'string' ? arg : arg?.type === 'tier' ? arg.tier.uri : arg?.type === 'policy' ? arg.policy.uri : arg?.type === 'set' ? arg.set.uri : undefined;
      if (!uri) return undefined;
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      return vscode.window.showTextDocument(doc, { preview: true });
    }),
    vscode.commands.registerCommand('calico.clusterPolicies.refresh', () => provider.reload(true)),
    vscode.commands.registerCommand('calico.clusterPolicies.filterNamespace', async () => {
      const all = '$(list-flat) All namespaces';
      const picked = await vscode.window.showQuickPick([all, ...(provider.last?.namespaces ?? [])], { placeHolder: 'Show the policies of one namespace (and cluster-wide ones)' });
      if (picked !== undefined) provider.setNamespace(picked === all ? undefined : picked);
    }),
    vscode.commands.registerCommand('calico.clusterPolicies.revealInWorkspace', async (node?: ClusterNode) => {
      const target = node?.type === 'policy' ? node.policy.workspaceUri : undefined;
      if (!target) return void vscode.window.showInformationMessage('No workspace file defines this resource.');
      await vscode.window.showTextDocument(vscode.Uri.parse(target));
    }),
    vscode.commands.registerCommand('calico.compareWithCluster', compareWithClusterCommand(calico, documents)),
  );
  void calico.ready.then(() => {
    context.subscriptions.push(
      calico.client.onNotification(ClusterPoliciesStatusNotification, () => {
        void provider.reload(false);
        documents.refreshOpen();
      }),
    );
  }, () => undefined);
  return { provider, view, documents };
}
