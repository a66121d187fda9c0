// With a kubeconfig pointing at the stand-in Kubernetes API: cluster labels in completion and the status bar.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { calicoApi, completionLabels, openUntitled, rangeOf, waitFor } from './helpers';

// Set by test/e2e/runner.ts when it starts the stand-in API; absent under @vscode/test-electron.
const context = process.env.CALICO_E2E_CLUSTER_CONTEXT;
const clusterOnlyKey = process.env.CALICO_E2E_CLUSTER_LABEL;

suite('cluster labels (stand-in API)', function () {
  suiteSetup(function () {
    if (!context || !clusterOnlyKey) this.skip();
  });

  test('completion offers a label key that only the cluster has', async () => {
    await calicoApi();
    const doc = await openUntitled(
      ['apiVersion: projectcalico.org/v3', 'kind: GlobalNetworkPolicy', 'metadata:', '  name: probe', 'spec:', '  selector: ', ''].join('\n'),
    );
    const at = rangeOf(doc, 'selector: ').end;
    await waitFor(`${clusterOnlyKey} among the key completions`, async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at);
      return completionLabels(list).includes(clusterOnlyKey!);
    }, 30000);
  });

  test('the status bar shows the context and "ready", the tooltip the counts', async () => {
    const api = await calicoApi();
    await waitFor('cluster state ready', () => api.status()?.cluster.state === 'ready', 30000, () => api.status());
    assert.equal(api.statusBarText(), `$(shield) Calico: ${context} · ready`);
    assert.match(api.statusBarTooltip(), /Cluster: \d+ pods, \d+ namespaces/);
    assert.match(api.statusBarTooltip(), /Click to refresh cluster labels/);
  });

  test('Calico: Refresh Cluster Labels refetches and ends ready again', async () => {
    const api = await calicoApi();
    const before = api.status()?.cluster.lastRefresh;
    await new Promise((r) => setTimeout(r, 1100));
    await vscode.commands.executeCommand('calico.refreshCluster');
    await waitFor(
      'a newer refresh that ends ready',
      () => api.status()?.cluster.state === 'ready' && api.status()?.cluster.lastRefresh !== before,
      30000,
      () => api.status(),
    );
  });

  test('Calico: Select Kubernetes Context lists the kubeconfig contexts and saves the pick', async () => {
    await calicoApi();
    const picked = vscode.commands.executeCommand<string | undefined>('calico.selectContext');
    // The quick pick is open once the server answered; accept its first (only) item like a user pressing Enter.
    await new Promise((r) => setTimeout(r, 1500));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.equal(await picked, context);
    await waitFor('calico.context saved', () => vscode.workspace.getConfiguration('calico').get('context') === context, 10000, () =>
      vscode.workspace.getConfiguration('calico').inspect('context'),
    );
    await vscode.workspace.getConfiguration('calico').update('context', undefined, vscode.ConfigurationTarget.Global);
  });
});
