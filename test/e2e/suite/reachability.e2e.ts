// Check Traffic and Show Reachability in the real extension host, on the tutorial in examples/.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CheckTrafficCommand, type FlowResult } from '../../../protocol';
import { calicoApi, openExample, waitFor } from './helpers';

suite('traffic simulation', () => {
  suiteSetup(async () => {
    await calicoApi();
  });

  test('Check Traffic: customer → summary on TCP 80 is allowed, and the trace view shows it', async () => {
    const api = await calicoApi();
    const result = await vscode.commands.executeCommand<FlowResult | undefined>(CheckTrafficCommand, {
      from: 'yaobank-customer/customer',
      to: 'yaobank-summary/summary',
      protocol: 'TCP',
      port: 80,
    });
    assert.ok(result, 'a verdict');
    assert.equal(result.verdict, 'allow');
    assert.equal(result.decidedBy.policy, 'yaobank-summary/p-customer2summary');
    assert.equal(api.traffic.shownTrace()?.to, 'yaobank-summary/summary');
  });

  test('Check Traffic: customer → database on TCP 2379 is denied at the end of tier default', async () => {
    const result = await vscode.commands.executeCommand<FlowResult | undefined>(CheckTrafficCommand, {
      from: 'yaobank-customer/customer',
      to: 'yaobank-database/database',
      protocol: 'TCP',
      port: 2379,
    });
    assert.equal(result?.verdict, 'deny');
    assert.equal(result?.decidedBy.reason, 'end-of-tier');
  });

  test('the "Check traffic…" lens sits on the customer Deployment', async () => {
    const doc = await openExample('yaobank/customer.yaml');
    const lenses = await waitFor('a Check traffic lens', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
      const found = l?.filter((x) => x.command?.command === CheckTrafficCommand) ?? [];
      return found.length > 0 && found;
    });
    assert.deepEqual(lenses[0].command!.arguments, [{ endpoint: 'yaobank-customer/customer', uri: doc.uri.toString() }]);
  });

  test('Show Reachability draws the matrix in its webview, and redraws after an edit', async () => {
    const api = await calicoApi();
    await vscode.commands.executeCommand('calico.showReachability', { protocol: 'TCP', port: 80 });
    const first = await waitFor('the webview to draw the matrix', () => api.traffic.reachabilityTiming());
    // Four workloads: coredns, customer, database, summary.
    assert.equal(first.cells, 16);
    // An edit in an open policy: the matrix is asked for again and redrawn.
    const doc = await openExample('policies/p-customer2summary.yaml');
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# edited\n'));
    const after = await waitFor('a redraw caused by the edit', () => {
      const t = api.traffic.reachabilityTiming();
      return t && t !== first && t.sinceEditMs !== undefined && t;
    });
    console.log(`[calico-e2e]       reachability redraw after an edit: ${after.sinceEditMs} ms (server ${after.requestMs} ms, webview ${after.renderMs.toFixed(1)} ms, ${after.cells} cells)`);
    await vscode.commands.executeCommand('undo');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
