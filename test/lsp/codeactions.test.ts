// Quick fixes through a real server: the published diagnostic offers a fix, and applying it clears the diagnostic.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspTestClient, testUri } from '../support/lspClient';

const cases: { name: string; text: string; code?: string }[] = [
  {
    name: 'action casing',
    text: 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: p, namespace: n}\nspec:\n  ingress:\n    - action: allow\n',
  },
  {
    name: 'single = in a selector',
    text: 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: p, namespace: n}\nspec:\n  selector: app = "x"\n',
  },
  {
    name: 'missing protocol with numeric ports',
    text: 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: p, namespace: n}\nspec:\n  ingress:\n    - action: Allow\n      destination:\n        ports: [80]\n',
  },
];

describe('quick fixes over LSP', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ settings: { cluster: { enabled: false } }, env: { KUBECONFIG: '/nonexistent' } });
  });
  after(() => client?.shutdown());

  for (const c of cases) {
    test(c.name, async () => {
      const uri = testUri('fix.yaml');
      await client.open(uri, c.text);
      const diagnostics = await client.diagnostics(uri);
      const actions = ((await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } }, diagnostics)) ??
        []) as CodeAction[];
      const fix = actions.find((a) => a.isPreferred) ?? actions[0];
      assert.ok(fix, `no quick fix for ${JSON.stringify(diagnostics.map((d) => d.code))}`);
      assert.equal(fix.kind, 'quickfix');
      const target = fix.diagnostics![0]! as Diagnostic;
      const edits = fix.edit!.changes![uri]! as TextEdit[];
      const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, c.text), edits);
      await client.change(uri, [{ text: fixed }]);
      const after = await client.diagnostics(uri);
      assert.deepEqual(after.filter((d) => d.code === target.code), [], `after "${fix.title}":\n${fixed}`);
    });
  }
});
