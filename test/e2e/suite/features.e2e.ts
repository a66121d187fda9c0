// Completion, hover, code lenses, quick fixes and "Explain Policy" on the examples, through the vscode API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ExplainPolicyCommand } from '../../../protocol';
import {
  calicoApi,
  calicoDiagnostics,
  codeOf,
  completionLabels,
  describeDiagnostics,
  hoverText,
  openExample,
  openUntitled,
  rangeOf,
  waitFor,
} from './helpers';

const untitledPolicy = (selectorLine: string) =>
  ['apiVersion: projectcalico.org/v3', 'kind: GlobalNetworkPolicy', 'metadata:', '  name: probe', 'spec:', `  selector: ${selectorLine}`, ''].join('\n');

async function completeAt(doc: vscode.TextDocument, position: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position);
  return completionLabels(list);
}

suite('editing features', () => {
  suiteSetup(async () => {
    await calicoApi();
  });

  test('completion of a label key inside a selector offers the workspace labels (untitled editor)', async () => {
    const doc = await openUntitled(untitledPolicy('ap'));
    const end = rangeOf(doc, 'selector: ap').end;
    const labels = await waitFor('app among the key completions', async () => {
      const l = await completeAt(doc, end);
      return l.includes('app') && l;
    });
    assert.ok(labels.includes('k8s-app'), labels.join(', '));
  });

  test('completion of a label value offers the values the yaobank Deployments carry', async () => {
    const doc = await openUntitled(untitledPolicy('app == "'));
    const labels = await waitFor('yaobank app values', async () => {
      const l = await completeAt(doc, rangeOf(doc, 'app == "').end);
      return l.includes('customer') && l;
    });
    for (const app of ['summary', 'database']) assert.ok(labels.includes(app), `${app} in ${labels.join(', ')}`);
  });

  test('hover on "not in" explains the operator and its missing-label behaviour', async () => {
    const doc = await openExample('policies/default-app-policy.yaml');
    const at = rangeOf(doc, 'not in').start.translate(0, 1);
    const text = await waitFor('hover over not in', async () => {
      const t = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at));
      return t.length > 0 && t;
    });
    assert.match(text, /not in/);
    assert.match(text, /missing|absent|without|lack|does not have|doesn't have/i);
  });

  test('hover on a field name documents the field', async () => {
    const doc = await openExample('policies/default-app-policy.yaml');
    const at = rangeOf(doc, 'namespaceSelector').start.translate(0, 2);
    const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at));
    assert.match(text, /namespace/i);
  });

  test('code lenses: an explain lens on the policy and a plain-English summary on each rule', async () => {
    const doc = await openExample('policies/p-customer2summary.yaml');
    const lenses = await waitFor('code lenses', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10);
      return l.length >= 3 && l;
    });
    const explain = lenses.find((l) => l.command?.command === ExplainPolicyCommand);
    assert.ok(explain, 'a lens runs Calico: Explain Policy');
    assert.equal(explain.command!.arguments?.[0], doc.uri.toString());

    const lineOf = (l: vscode.CodeLens) => l.range.start.line;
    const ingressLine = rangeOf(doc, '- action: Allow', 'ingress:').start.line;
    const egressLine = rangeOf(doc, '- action: Allow', 'egress:').start.line;
    const titlesOn = (line: number) => lenses.filter((l) => lineOf(l) === line).map((l) => l.command?.title ?? '');
    assert.ok(titlesOn(ingressLine).some((t) => /^Allow TCP\b/.test(t) && /customer/.test(t)), titlesOn(ingressLine).join(' | '));
    assert.ok(titlesOn(egressLine).some((t) => /^Allow TCP\b/.test(t) && /database/.test(t)), titlesOn(egressLine).join(' | '));
  });

  test('calico.codeLens.enabled = false removes the lenses, true brings them back', async () => {
    const doc = await openExample('policies/p-external2customer.yaml');
    const lenses = () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10);
    await waitFor('lenses before', async () => (await lenses()).length > 0);
    const config = vscode.workspace.getConfiguration('calico');
    try {
      await config.update('codeLens.enabled', false, vscode.ConfigurationTarget.Global);
      await waitFor('no lenses while disabled', async () => (await lenses()).length === 0);
    } finally {
      await config.update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor('lenses again', async () => (await lenses()).length > 0);
  });

  test('on a 6,000-line file the lenses follow the scrolled-to lines', async () => {
    const policy = (i: number) =>
      ['---', 'apiVersion: projectcalico.org/v3', 'kind: NetworkPolicy', 'metadata:', `  name: p${i}`, '  namespace: yaobank', 'spec:', `  selector: app == "a${i}"`, '  ingress:', '    - action: Allow', '      source: {selector: app == "b"}', '    - action: Deny', ''].join('\n');
    const doc = await openUntitled(Array.from({ length: 500 }, (_, i) => policy(i)).join(''));
    const editor = vscode.window.activeTextEditor!;
    const lensLines = async () => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 0)).map((l) => l.range.start.line);
    const policyLine = (i: number) => i * 12 + 1;
    for (const target of [250, 460]) {
      editor.revealRange(new vscode.Range(policyLine(target), 0, policyLine(target), 0), vscode.TextEditorRevealType.InCenter);
      const lines = await waitFor(`lenses around policy ${target}`, async () => {
        const l = await lensLines();
        return l.includes(policyLine(target)) && !l.includes(policyLine(0)) && l;
      });
      assert.ok(lines.length < 500 * 3, `${lines.length} lenses, not one per policy and rule of the whole file`);
    }
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('a quick fix applied removes its diagnostic ("allow" → "Allow")', async () => {
    const doc = await openUntitled(
      ['apiVersion: projectcalico.org/v3', 'kind: NetworkPolicy', 'metadata:', '  name: fix-me', '  namespace: default',
        'spec:', '  selector: app == "web"', '  ingress:', '    - action: allow', ''].join('\n'),
    );
    const diag = await waitFor(
      'RULE-ACTION on the untitled policy',
      () => calicoDiagnostics(doc.uri).find((d) => codeOf(d) === 'RULE-ACTION'),
      20000,
      () => describeDiagnostics(doc.uri),
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.edit && /Allow/.test(a.title));
    assert.ok(fix, `a fix to Allow among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.match(doc.getText(), /- action: Allow\n/);
    await waitFor('RULE-ACTION to disappear', () => !calicoDiagnostics(doc.uri).some((d) => codeOf(d) === 'RULE-ACTION'));
  });

  test('Calico: Explain Policy opens the explanation rendered beside the editor', async () => {
    const doc = await openExample('policies/p-customer2summary.yaml');
    const at = rangeOf(doc, 'selector: app').start;
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>(ExplainPolicyCommand, doc.uri.toString(), { line: at.line, character: at.character });
    assert.ok(uri, 'the command returns the explanation document');
    const explanation = await vscode.workspace.openTextDocument(uri);
    assert.match(explanation.getText(), /p-customer2summary/);
    assert.match(explanation.getText(), /Allow/);
    await waitFor('a Markdown preview tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType)),
    );
  });

  test('Explain Policy without arguments explains the policy in the active editor', async () => {
    const doc = await openExample('policies/p-external2customer.yaml');
    const editor = await vscode.window.showTextDocument(doc);
    const at = rangeOf(doc, 'selector: app').start;
    editor.selection = new vscode.Selection(at, at);
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>(ExplainPolicyCommand);
    assert.ok(uri);
    assert.match((await vscode.workspace.openTextDocument(uri)).getText(), /p-external2customer/);
  });
});
