// The `calico/explainPolicy` request through a real server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LspTestClient, positionAt, testUri } from '../support/lspClient';
import { ExplainPolicyRequest, type ExplainPolicyResult } from '../../protocol';

const text = `apiVersion: projectcalico.org/v3
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
      destination:
        ports: [2379]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: shop
spec:
  podSelector: {}
  ingress:
    - {}
`;

describe('explain policy over LSP', () => {
  let client: LspTestClient;
  const uri = testUri('explain.yaml');
  before(async () => {
    client = await LspTestClient.start({ settings: { cluster: { enabled: false } }, env: { KUBECONFIG: '/nonexistent' } });
    await client.open(uri, text);
  });
  after(() => client?.shutdown());

  test('explains the Calico policy at a position', async () => {
    const result = await client.request<ExplainPolicyResult>(ExplainPolicyRequest, { uri, position: { line: 9, character: 8 } });
    assert.equal(result.title, 'NetworkPolicy database');
    assert.match(result.markdown, /\| 1 \| Allow \| Allow TCP from endpoints `app == "summary"` in namespace `yaobank` to port 2379 \|/);
    assert.match(result.markdown, /All other ingress to the selected pods is denied unless a later policy in tier `default` allows or passes it\./);
  });

  test('explains a Kubernetes NetworkPolicy as Calico enforces it', async () => {
    const position = positionAt(text, text.indexOf('podSelector'));
    const result = await client.request<ExplainPolicyResult>(ExplainPolicyRequest, { uri, position });
    assert.equal(result.title, 'Kubernetes NetworkPolicy web');
    assert.match(result.markdown, /as `knp\.default\.web` in tier `default` with order 1000/);
    assert.match(result.markdown, /Allow all traffic from anywhere/);
  });

  test('without a position: the first policy; unknown document: empty result', async () => {
    const first = await client.request<ExplainPolicyResult>(ExplainPolicyRequest, { uri });
    assert.equal(first.title, 'NetworkPolicy database');
    const none = await client.request<ExplainPolicyResult>(ExplainPolicyRequest, { uri: 'file:///nowhere.yaml' });
    assert.deepEqual(none, { markdown: '', title: '' });
  });
});
