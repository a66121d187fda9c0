// Document symbols (outline, breadcrumbs) through a real server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
import { LspTestClient, testUri } from '../support/lspClient';

const text = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: default.allow-dns
spec:
  types: [Egress]
  egress:
    - action: Allow
      protocol: UDP
      destination:
        selector: k8s-app == "kube-dns"
        namespaceSelector: projectcalico.org/name == "kube-system"
        ports: [53]
    - action: Pass
`;

describe('document symbols over LSP', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ settings: { cluster: { enabled: false } }, env: { KUBECONFIG: '/nonexistent' } });
  });
  after(() => client?.shutdown());

  test('policy → Egress → rules named by their summary', async () => {
    const uri = testUri('symbols.yaml');
    await client.open(uri, text);
    const symbols = ((await client.documentSymbols(uri)) ?? []) as DocumentSymbol[];
    assert.equal(symbols.length, 1);
    assert.equal(symbols[0]!.name, 'GlobalNetworkPolicy default.allow-dns');
    const egress = symbols[0]!.children!.find((c) => c.name === 'Egress')!;
    assert.deepEqual(
      egress.children!.map((r) => r.name),
      [
        'Allow UDP to endpoints `k8s-app == "kube-dns"` in namespaces `projectcalico.org/name == "kube-system"` on port 53',
        'Pass all traffic to anywhere (skip the rest of tier `default`)',
      ],
    );
    assert.equal(egress.children![1]!.range.start.line, 13);
  });
});
