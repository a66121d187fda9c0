// Server core through plain LSP: diagnostics for Calico files only, incremental edits, settings per
// resource, status, explain, and survival of malformed input.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, TextDocumentSyncKind, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspTestClient, testUri, rangeOf, positionAt } from '../support/lspClient';
import { networkPolicy } from '../support/lspFixtures';
import type { ExplainPolicyResult, StatusParams } from '../../protocol';

let client: LspTestClient;
before(async () => {
  client = await LspTestClient.start({ settings: { calicoVersion: 'latest' } });
});
after(async () => {
  await client?.shutdown();
});

const badAction = networkPolicy(`  selector: app == "customer"
  ingress:
    - action: allow
      protocol: TCP
`);

const pick = (d: Diagnostic) => ({ range: d.range, severity: d.severity, source: d.source });

describe('capabilities', () => {
  test('incremental sync, completion, hover, semantic tokens, lenses, symbols, quick fixes', () => {
    const caps = client.initializeResult.capabilities;
    const sync = caps.textDocumentSync as { change: number; openClose: boolean };
    assert.equal(sync.change, TextDocumentSyncKind.Incremental);
    assert.equal(sync.openClose, true);
    assert.ok(caps.completionProvider);
    assert.equal(caps.hoverProvider, true);
    assert.ok(caps.semanticTokensProvider);
    assert.ok(caps.codeLensProvider);
    assert.ok(caps.documentSymbolProvider);
    assert.ok(caps.codeActionProvider);
  });
});

describe('diagnostics', () => {
  test('a lower-case action is an error on exactly the value, from source "calico"', async () => {
    const uri = testUri();
    await client.open(uri, badAction);
    const diags = await client.diagnostics(uri);
    assert.equal(diags.length, 1, JSON.stringify(diags));
    assert.deepEqual(pick(diags[0]), { range: rangeOf(badAction, 'allow'), severity: DiagnosticSeverity.Error, source: 'calico' });
    assert.equal(typeof diags[0].code, 'string');
    assert.match(String(diags[0].message), /Allow/);
  });

  test('an incremental edit re-publishes for the new version, with moved ranges', async () => {
    const uri = testUri();
    await client.open(uri, badAction);
    await client.diagnostics(uri);
    // Insert a line above the rule: the error moves down one line.
    const version = await client.edit(uri, '  ingress:\n', '  order: 10\n  ingress:\n');
    const moved = await client.diagnostics(uri, { version });
    assert.deepEqual(moved.map(pick), [{ range: rangeOf(client.textOf(uri), 'allow'), severity: DiagnosticSeverity.Error, source: 'calico' }]);
    // Fix the action: no diagnostics remain.
    const fixed = await client.edit(uri, 'action: allow', 'action: Allow');
    assert.deepEqual(await client.diagnostics(uri, { version: fixed }), []);
  });

  test('a selector error points at the exact characters inside the string', async () => {
    const text = networkPolicy('  selector: app = "customer"\n');
    const uri = testUri();
    await client.open(uri, text);
    const diags = await client.diagnostics(uri);
    const onSelector = diags.filter((d) => d.range.start.line === positionAt(text, text.indexOf('app =')).line);
    assert.equal(onSelector.length, 1, JSON.stringify(diags));
    // Calico has no single `=`; the mistake is the `=` character.
    const eq = text.indexOf('app = ') + 4;
    assert.deepEqual(onSelector[0].range, { start: positionAt(text, eq), end: positionAt(text, eq + 1) });
  });

  test('YAML that is not a Calico resource gets no diagnostics at all', async () => {
    const foreign = testUri('deployment.yaml');
    await client.open(foreign, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: [1\n');
    // Documents are validated in the order they change; once the later one is published, the first was handled.
    const calico = testUri();
    await client.open(calico, badAction);
    await client.diagnostics(calico);
    assert.equal(client.lastDiagnostics(foreign), undefined);
  });

  test('a misspelt Calico kind is still ours and is reported', async () => {
    const text = 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicyy\nmetadata:\n  name: p\n';
    const uri = testUri();
    await client.open(uri, text);
    const diags = await client.diagnostics(uri);
    assert.ok(diags.some((d) => d.range.start.line === 1 && /NetworkPolicy/.test(String(d.message))), JSON.stringify(diags));
  });

  test('closing a document clears its diagnostics', async () => {
    const uri = testUri();
    await client.open(uri, badAction);
    assert.equal((await client.diagnostics(uri)).length, 1);
    client.forgetDiagnostics(uri);
    await client.close(uri);
    assert.deepEqual(await client.diagnostics(uri), []);
  });
});

describe('settings', () => {
  test('are pulled from workspace/configuration, section calico, per document', async () => {
    const uri = testUri();
    await client.open(uri, badAction);
    await client.diagnostics(uri);
    assert.ok(client.configurationRequests.some((r) => r.section === 'calico' && r.scopeUri === uri), JSON.stringify(client.configurationRequests));
  });

  test('are cached per document and pulled again after didChangeConfiguration', async () => {
    const uri = testUri();
    await client.open(uri, badAction);
    await client.diagnostics(uri);
    const count = () => client.configurationRequests.filter((r) => r.scopeUri === uri).length;
    assert.equal(count(), 1);
    const v = await client.edit(uri, 'app == "customer"', 'app == "summary"');
    await client.diagnostics(uri, { version: v });
    assert.equal(count(), 1, 'an edit does not ask again');
    await client.changeSettings({ calicoVersion: '3.27' });
    await client.waitFor(() => (count() >= 2 ? true : undefined), 'a fresh configuration request');
  });
});

describe('labels status and explain', () => {
  test('calico/status reaches the client', async () => {
    const status = await client.waitFor(() => client.received<StatusParams>('calico/status')[0], 'a status notification');
    assert.ok(status.cluster && status.workspace);
  });

  test('calico/explainPolicy returns Markdown for the policy at a position', async () => {
    const uri = testUri();
    await client.open(uri, badAction);
    const result = await client.request<ExplainPolicyResult>('calico/explainPolicy', { uri, position: { line: 6, character: 4 } });
    assert.ok(result.markdown.length > 0);
    assert.match(result.title, /customer-policy/);
  });

  test('calico/explainPolicy on an unknown document returns an empty result', async () => {
    const result = await client.request<ExplainPolicyResult>('calico/explainPolicy', { uri: 'file:///nowhere.yaml' });
    assert.deepEqual(result, { markdown: '', title: '' });
  });
});

describe('malformed input never takes the server down', () => {
  const inputs: [string, string][] = [
    ['binary noise', '\u0000\u0001\u0002apiVersion: \u00ff\ufffd\n\t\t- : : -\n'],
    ['unterminated flow', networkPolicy('  ingress: [{action: Allow, source: {selector: "a == \n')],
    ['tabs and anchors', networkPolicy('\tselector: *nothing\n  ingress: &r\n    - <<: *r\n')],
    ['deep nesting', networkPolicy(`  ingress:\n${'    '.repeat(1)}- source: ${'['.repeat(300)}${']'.repeat(300)}\n`)],
    ['template', networkPolicy('  selector: {{ .Values.selector }}\n  ingress:\n    - action: {{ .Values.action }}\n')],
    ['selector garbage', networkPolicy('  selector: "(((( && || !! {{ \'\\u0000 in {,,,}"\n')],
    ['empty file', ''],
    ['only separators', '---\n---\n...\n'],
  ];
  for (const [name, text] of inputs) {
    test(name, async () => {
      const uri = testUri();
      await client.open(uri, text);
      const lines = text.split('\n').length;
      for (let line = 0; line < Math.min(lines, 12); line++) {
        for (const character of [0, 3, 12, 40]) {
          await client.completion(uri, { line, character });
          await client.hover(uri, { line, character });
        }
      }
      await client.semanticTokens(uri);
      await client.codeLenses(uri);
      await client.documentSymbols(uri);
      await client.request('calico/explainPolicy', { uri });
      await client.request('calico/explainPolicy', { garbage: true });
      assert.ok(client.alive, 'server still running');
      const failures = client.received<{ type: number; message: string }>('window/logMessage').filter((m) => / failed: /.test(m.message));
      assert.deepEqual(failures.map((f) => f.message.split('\n')[0]), [], 'no feature threw');
    });
  }
});

describe('workspace trust and the cluster', () => {
  let untrusted: LspTestClient;
  before(async () => {
    // No kubeconfig anywhere: the cluster source can only end up "off" or in "error".
    untrusted = await LspTestClient.start({
      settings: {},
      initializationOptions: { trusted: false },
      env: { KUBECONFIG: '/nonexistent/calico-test-kubeconfig', HOME: '/nonexistent-home' },
    });
  });
  after(async () => {
    await untrusted?.shutdown();
  });

  const clusterStates = () => untrusted.received<StatusParams>('calico/status').map((s) => s.cluster.state);

  test('trusted: false keeps the cluster untrusted until calico/workspaceTrust says otherwise', async () => {
    await untrusted.waitFor(() => (clusterStates().at(-1) === 'untrusted' ? true : undefined), 'untrusted status');
    await untrusted.notify('calico/workspaceTrust', { trusted: true });
    await untrusted.waitFor(() => (clusterStates().at(-1) === 'idle' ? true : undefined), 'idle status after trust');
  });

  test('the first completion inside a Calico document asks for cluster labels', async () => {
    const uri = testUri();
    await untrusted.open(uri, networkPolicy('  selector: \n'));
    await untrusted.completion(uri, { line: 6, character: 12 });
    const state = await untrusted.waitFor(() => {
      const last = clusterStates().at(-1);
      return last !== 'idle' && last !== 'untrusted' ? last : undefined;
    }, 'the cluster source to leave idle');
    assert.ok(state === 'off' || state === 'error' || state === 'loading', state);
  });
});

describe('a big file does not hold up requests about a small one', () => {
  test('hovers on a small policy are answered while a 20,000-line file is parsed and validated', async () => {
    const small = testUri('small.yaml');
    await client.open(small, badAction);
    await client.diagnostics(small);
    const rule = (i: number) =>
      `---\napiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: p-${i}\n  namespace: n\nspec:\n  selector: app == "a${i}"\n  ingress:\n    - action: Allow\n      protocol: TCP\n      destination:\n        ports: [80]\n`;
    let big = '';
    for (let i = 0; big.split('\n').length < 20_000; i++) big += rule(i);
    const bigUri = testUri('big.yaml');
    let published = false;
    const bigDiagnostics = client.diagnostics(bigUri, { version: 1, timeoutMs: 120_000 }).then(() => (published = true));
    await client.open(bigUri, big);
    let answeredBefore = 0;
    for (let i = 0; i < 200 && !published; i++) {
      const h = await client.hover(small, rangeOf(badAction, 'action').start);
      assert.ok(h);
      if (!published) answeredBefore++;
    }
    await bigDiagnostics;
    // Processed in one blocking piece, the big file would let at most the first hover through before it.
    assert.ok(answeredBefore >= 3, `only ${answeredBefore} hovers were answered before the big file's diagnostics`);
    await client.close(bigUri);
  });
});
