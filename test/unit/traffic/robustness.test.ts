// Hostile or malformed manifests never crash the simulator: odd shapes read as absent, answers stay defined.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { docs, flow, modelOf, pod } from './helpers';

test('malformed workloads, sets and policies build a model and answer flows', () => {
  const hostile = docs(
    pod('n', 'ok', { app: 'ok' }),
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: weird\n  namespace: n\n  labels: [1, 2]\nspec: 5\nstatus:\n  podIP: 999.1.1.1\n  podIPs: "nope"\n',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: broken\n  namespace: n\nspec:\n  template:\n    spec:\n      containers: "x"\n',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: anchored, namespace: n, labels: &l {app: anchored}}\nspec: {containers: [{name: c, ports: [{name: p, containerPort: 1}, *l]}]}\n',
    'apiVersion: projectcalico.org/v3\nkind: GlobalNetworkSet\nmetadata:\n  name: gns\nspec:\n  nets: ["not-a-cidr", 42, "10.0.0.0/99", "::/0"]\n',
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: k\n  namespace: n\nspec:\n  podSelector: []\n  ingress: [{from: [{ipBlock: {cidr: "x"}}], ports: [{}, {port: []}]}]\n',
    'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: c\n  namespace: n\nspec:\n  selector: "((("\n  ingress: [{action: Allow, source: {nets: [1]}}]\n',
    'kind: List\nitems: [5, null, {kind: Pod, metadata: {name: listed, namespace: n}}]\n',
    ': : :\n',
  );
  const model = modelOf(hostile);
  for (const [from, to] of [
    ['n/ok', 'n/weird'],
    ['n/weird', 'n/ok'],
    ['n/anchored', 'n/listed'],
    ['10.0.0.1', 'n/ok'],
    ['n/ok', '::1'],
  ]) {
    const r = flow(model, from, to, 'TCP', 80);
    assert.ok(r.verdict === 'allow' || r.verdict === 'deny');
  }
  // The unparsable Calico selector makes that policy invalid: excluded, not guessed.
  assert.ok(flow(model, 'n/ok', 'n/weird', 'TCP', 80).excluded?.some((e) => e.policy === 'n/c'));
});
