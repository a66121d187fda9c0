// Code lenses through a real server: policy and rule summaries, and "selects N endpoints" from workspace labels.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { LspTestClient, testUri } from '../support/lspClient';
import { ExplainPolicyCommand } from '../../protocol';

const policy = `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: database
  namespace: yaobank
spec:
  selector: app == "database"
  ingress:
    - action: Allow
      protocol: TCP
      source:
        selector: app == "summary"
        namespaceSelector: ns == "summary"
      destination:
        ports: [80]
`;

const pods = `apiVersion: v1
kind: Pod
metadata: {name: database-0, namespace: yaobank, labels: {app: database}}
---
apiVersion: v1
kind: Pod
metadata: {name: database-1, namespace: yaobank, labels: {app: database}}
---
apiVersion: v1
kind: Pod
metadata: {name: summary-0, namespace: yaobank, labels: {app: summary}}
`;

async function lensesUntil(client: LspTestClient, uri: string, done: (lenses: CodeLens[]) => boolean): Promise<CodeLens[]> {
  let last: CodeLens[] = [];
  for (let attempt = 0; attempt < 100; attempt++) {
    // As an editor does: the server sends positions, and each shown lens is resolved for its title.
    const unresolved = (await client.codeLenses(uri)) ?? [];
    last = await Promise.all(unresolved.map((l) => (l.command ? l : client.resolveCodeLens(l))));
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  return last;
}

describe('code lenses over LSP', () => {
  let client: LspTestClient;
  let folder: string;
  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'calico-lens-'));
    writeFileSync(join(folder, 'pods.yaml'), pods);
    client = await LspTestClient.start({
      settings: { cluster: { enabled: false } },
      env: { KUBECONFIG: '/nonexistent' },
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'ws' }],
    });
  });
  after(async () => {
    await client?.shutdown();
    rmSync(folder, { recursive: true, force: true });
  });

  test('a policy lens and a rule lens, both running the explain command', async () => {
    const uri = testUri('lens.yaml');
    await client.open(uri, policy);
    const lenses = await lensesUntil(client, uri, (l) => l.length >= 2);
    const policyLens = lenses.find((l) => l.range.start.line === 0 && l.command!.command === ExplainPolicyCommand && !l.command!.title.startsWith('selects'))!;
    assert.match(policyLens.command!.title, /^Pods `app == "database"` in namespace `yaobank` · tier `default`/);
    assert.equal(policyLens.command!.command, ExplainPolicyCommand);
    assert.deepEqual(policyLens.command!.arguments, [uri, { line: 0, character: 0 }]);
    const ruleLens = lenses.find((l) => l.range.start.line === 8)!;
    assert.equal(ruleLens.command!.title, 'Allow TCP from endpoints `app == "summary"` in namespaces `ns == "summary"` to port 80');
  });

  test('"selects 2 endpoints" once the workspace labels are loaded', async () => {
    const uri = testUri('lens-selects.yaml');
    await client.open(uri, policy);
    const lenses = await lensesUntil(client, uri, (l) => l.some((x) => x.command?.title.startsWith('selects')));
    const selects = lenses.find((l) => l.command?.title.startsWith('selects'));
    assert.ok(selects, `no "selects" lens in ${JSON.stringify(lenses.map((l) => l.command?.title))}`);
    assert.match(selects.command!.title, /^selects 2 endpoints/);
  });

  test('non-policy YAML gets no lenses', async () => {
    const uri = testUri('other.yaml');
    await client.open(uri, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n');
    assert.deepEqual((await client.codeLenses(uri)) ?? [], []);
  });
});
