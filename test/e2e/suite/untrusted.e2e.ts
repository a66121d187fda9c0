// In an untrusted workspace the editing features work and the cluster stays off (the runner checks no connection).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { calicoApi, calicoDiagnostics, codeOf, completionLabels, hoverText, openExample, rangeOf, waitFor } from './helpers';

suite('untrusted workspace', function () {
  suiteSetup(function () {
    if (vscode.workspace.isTrusted) this.skip();
  });

  test('diagnostics still appear', async () => {
    await calicoApi();
    const doc = await openExample('policies/mistakes.yaml');
    await waitFor('RULE-ACTION in restricted mode', () => calicoDiagnostics(doc.uri).some((d) => codeOf(d) === 'RULE-ACTION'));
  });

  test('completion from workspace labels and hover still work', async () => {
    const doc = await openExample('policies/p-customer2summary.yaml');
    const at = rangeOf(doc, 'app == "').end;
    await waitFor('workspace values in completion', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at);
      return completionLabels(list).includes('summary');
    });
    const hover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, rangeOf(doc, 'selector').start);
    assert.ok(hoverText(hover).length > 0);
  });

  test('the status bar says the cluster is off because the workspace is untrusted', async () => {
    const api = await calicoApi();
    await waitFor('untrusted status', () => api.status()?.cluster.state === 'untrusted');
    assert.equal(api.statusBarText(), '$(shield) Calico: cluster off (untrusted workspace)');
  });

  test('Refresh Cluster Labels does nothing while untrusted', async () => {
    const api = await calicoApi();
    await vscode.commands.executeCommand('calico.refreshCluster');
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(api.status()?.cluster.state, 'untrusted');
  });
});
