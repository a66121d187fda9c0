// The Calico Policies view in the real VS Code against the stand-in API: the tree, a tier expanded, a cluster
// policy opened as a read-only YAML document with the language features, and Compare with Cluster.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { calicoApi, exampleUri, waitFor } from './helpers';
import type { ClusterNode } from '../../../client/src/clusterTree/nodes';

const context = process.env.CALICO_E2E_CLUSTER_CONTEXT;

suite('Calico Policies view (stand-in API)', function () {
  suiteSetup(function () {
    if (!context) this.skip();
  });

  async function rootNode(): Promise<ClusterNode> {
    const api = await calicoApi();
    await vscode.commands.executeCommand('calico.clusterPolicies.focus');
    return waitFor('the cluster root node', async () => {
      const roots = await api.clusterView.provider.getChildren();
      return roots[0];
    }, 30000, () => api.clusterView.provider.last?.status);
  }

  test('the tree shows the context, then tiers in evaluation order, with the snapshot time', async () => {
    const api = await calicoApi();
    const root = await rootNode();
    assert.equal(api.clusterView.provider.getTreeItem(root).label, context);
    assert.match(String(api.clusterView.provider.getTreeItem(root).description), /^read /);
    const tiers = (await api.clusterView.provider.getChildren(root)).filter((n) => n.type === 'tier');
    assert.deepEqual(tiers.map((t) => (t.type === 'tier' ? t.tier.name : '')), ['security', 'default']);
    assert.match(api.clusterView.view.message ?? '', /^Read .* via projectcalico\.org\/v3\.$/);
  });

  test('expanding a tier lists its policies in order, staged marked', async () => {
    const api = await calicoApi();
    const root = await rootNode();
    const security = (await api.clusterView.provider.getChildren(root)).find((n) => n.type === 'tier' && n.tier.name === 'security')!;
    await api.clusterView.view.reveal(security, { expand: true, focus: true });
    const policies = await api.clusterView.provider.getChildren(security);
    const items = policies.map((p) => api.clusterView.provider.getTreeItem(p));
    assert.deepEqual(items.map((i) => i.label), ['quarantine', 'security.lockdown-database']);
    assert.match(String(items[0].description), /^staged · StagedGlobalNetworkPolicy · order 1/);
    assert.match(String(items[1].description), /NetworkPolicy · yaobank-database · order 10 · app == "ledger"/);
  });

  test('opening a cluster policy shows read-only YAML with diagnostics and hover', async () => {
    const api = await calicoApi();
    const root = await rootNode();
    const security = (await api.clusterView.provider.getChildren(root)).find((n) => n.type === 'tier' && n.tier.name === 'security')!;
    const lockdown = (await api.clusterView.provider.getChildren(security)).find((n) => n.type === 'policy' && n.policy.name === 'security.lockdown-database')!;
    const item = api.clusterView.provider.getTreeItem(lockdown);
    await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
    const editor = await waitFor('the cluster document in the editor', () => vscode.window.activeTextEditor?.document.uri.scheme === 'calico-cluster' && vscode.window.activeTextEditor);
    const doc = editor.document;
    assert.equal(doc.languageId, 'yaml');
    assert.match(doc.getText(), /^# Read-only: NetworkPolicy from cluster context e2e-cluster\n/);
    assert.match(doc.getText(), /name: security\.lockdown-database/);
    // The server treats it as any Calico document: a hover on the selector explains it.
    const line = doc.getText().split('\n').findIndex((l) => l.includes('selector: app == "ledger"'));
    const hovers = await waitFor('a hover on the selector', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, doc.lineAt(line).text.indexOf('app') + 1));
      return h && h.length ? h : undefined;
    }, 30000);
    assert.ok(hovers.length > 0);
    // A content provider's document: VS Code shows it read-only and never saves it anywhere.
    assert.equal(vscode.workspace.fs.isWritableFileSystem('calico-cluster'), undefined);
  });

  test('Compare with Cluster opens the diff editor: workspace file against the deployed object', async () => {
    await calicoApi();
    await rootNode();
    const uri = exampleUri('policies/p-customer2summary.yaml');
    await vscode.window.showTextDocument(uri);
    const right = await vscode.commands.executeCommand<vscode.Uri | undefined>('calico.compareWithCluster', uri);
    assert.ok(right, 'a cluster side was produced');
    const clusterSide = await vscode.workspace.openTextDocument(right);
    assert.match(clusterSide.getText(), /- summary-admin/, 'the cluster object differs: it also admits summary-admin');
    assert.doesNotMatch(clusterSide.getText(), /resourceVersion|uid:|creationTimestamp|managedFields/);
    await waitFor('the diff editor', () => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff);
  });
});
