// Kubernetes NetworkPolicy as Calico enforces it: `knp.default.<name>` in tier default at order 1000, with
// Kubernetes semantics (peers OR-ed, ports OR-ed, empty vs absent, policyTypes, ipBlock/except, endPort).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { docs, flow, modelOf, namespace, pod } from './helpers';

const world = docs(
  namespace('x', { ns: 'x' }),
  namespace('y', { ns: 'y' }),
  pod('x', 'a', { pod: 'a' }, { ip: '10.0.1.1', ports: [{ name: 'serve-80-tcp', port: 80 }, { name: 'serve-81-udp', port: 81, protocol: 'UDP' }] }),
  pod('x', 'b', { pod: 'b' }, { ip: '10.0.1.2' }),
  pod('y', 'a', { pod: 'a' }, { ip: '10.0.2.1' }),
  pod('y', 'b', { pod: 'b' }, { ip: '10.0.5.5' }),
);

function knp(name: string, spec: string, ns = 'x'): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: ${ns}
spec:
${spec
  .trim()
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}
`;
}

const verdict = (yaml: string, from: string, to: string, protocol = 'TCP', port: number | string = 80) => flow(modelOf(docs(world, yaml)), from, to, protocol, port).verdict;

describe('Kubernetes NetworkPolicy semantics', () => {
  test('deny-all ingress is named knp.default.<name> in tier default', () => {
    const r = flow(modelOf(docs(world, knp('deny-all', 'podSelector: {}\npolicyTypes: [Ingress]'))), 'x/b', 'x/a', 'TCP', 80);
    assert.equal(r.verdict, 'deny');
    assert.deepEqual(r.decidedBy, { side: 'ingress', tier: 'default', policy: null, ruleIndex: null, reason: 'end-of-tier' });
    assert.equal(r.trace.ingress!.tiers[0].policies[0].policy, 'x/knp.default.deny-all');
    assert.equal(r.trace.ingress!.tiers[0].policies[0].order, 1000);
  });

  test('a podSelector peer alone means pods of the policy namespace', () => {
    const p = knp('from-b', 'podSelector:\n  matchLabels: {pod: a}\ningress:\n  - from:\n      - podSelector:\n          matchLabels: {pod: b}');
    assert.equal(verdict(p, 'x/b', 'x/a'), 'allow');
    assert.equal(verdict(p, 'y/b', 'x/a'), 'deny');
  });

  test('namespaceSelector {} means every namespace; with podSelector in the same peer both must hold', () => {
    const all = knp('all-ns', 'podSelector: {}\ningress:\n  - from:\n      - namespaceSelector: {}');
    assert.equal(verdict(all, 'y/a', 'x/a'), 'allow');
    const both = knp('y-b', 'podSelector: {}\ningress:\n  - from:\n      - namespaceSelector:\n          matchLabels: {ns: "y"}\n        podSelector:\n          matchLabels: {pod: b}');
    assert.equal(verdict(both, 'y/b', 'x/a'), 'allow');
    assert.equal(verdict(both, 'y/a', 'x/a'), 'deny');
    // Two peers (OR): namespace y, or pod b of x.
    const either = knp('y-or-b', 'podSelector: {}\ningress:\n  - from:\n      - namespaceSelector:\n          matchLabels: {ns: "y"}\n      - podSelector:\n          matchLabels: {pod: b}');
    assert.equal(verdict(either, 'y/a', 'x/a'), 'allow');
    assert.equal(verdict(either, 'x/b', 'x/a'), 'allow');
  });

  test('kubernetes.io/metadata.name is on every namespace', () => {
    const p = knp('by-name', 'podSelector: {}\ningress:\n  - from:\n      - namespaceSelector:\n          matchLabels:\n            kubernetes.io/metadata.name: "y"');
    assert.equal(verdict(p, 'y/b', 'x/a'), 'allow');
    assert.equal(verdict(p, 'x/b', 'x/a'), 'deny');
  });

  test('empty from matches every source; ingress: [] denies everything', () => {
    assert.equal(verdict(knp('open', 'podSelector: {}\ningress:\n  - {}'), 'y/b', 'x/a'), 'allow');
    assert.equal(verdict(knp('open-from', 'podSelector: {}\ningress:\n  - from: []'), '192.0.2.1', 'x/a'), 'allow');
    assert.equal(verdict(knp('closed', 'podSelector: {}\ningress: []\npolicyTypes: [Ingress]'), 'x/b', 'x/a'), 'deny');
  });

  test('ports: protocol defaults to TCP, entries OR-ed, named ports, endPort', () => {
    const p = knp('ports', 'podSelector: {}\ningress:\n  - ports:\n      - port: 80\n      - port: serve-81-udp\n        protocol: UDP');
    // port 80 without protocol = TCP 80.
    assert.equal(verdict(p, 'x/b', 'x/a', 'TCP', 80), 'allow');
    assert.equal(verdict(p, 'x/b', 'x/a', 'UDP', 80), 'deny');
    assert.equal(verdict(p, 'x/b', 'x/a', 'UDP', 81), 'allow');
    assert.equal(verdict(p, 'x/b', 'x/a', 'SCTP', 80), 'deny');
    const range = knp('range', 'podSelector: {}\ningress:\n  - ports:\n      - port: 8000\n        endPort: 8080\n        protocol: TCP');
    assert.equal(verdict(range, 'x/b', 'x/a', 'TCP', 8080), 'allow');
    assert.equal(verdict(range, 'x/b', 'x/a', 'TCP', 8081), 'deny');
  });

  test('policyTypes: Egress only leaves ingress open; egress rules default policyTypes to both', () => {
    const egressOnly = knp('egress', 'podSelector:\n  matchLabels: {pod: a}\npolicyTypes: [Egress]');
    // x/a may not send anywhere (decided at its egress) but may receive.
    assert.deepEqual(flow(modelOf(docs(world, egressOnly)), 'x/a', 'x/b', 'TCP', 80).decidedBy.side, 'egress');
    assert.equal(verdict(egressOnly, 'x/a', 'x/b'), 'deny');
    assert.equal(verdict(egressOnly, 'x/b', 'x/a'), 'allow');
    const withEgress = knp('egress-dns', 'podSelector:\n  matchLabels: {pod: a}\negress:\n  - ports:\n      - port: 53\n        protocol: UDP');
    // policyTypes omitted with egress rules -> [Ingress, Egress]: ingress to x/a is now denied too.
    assert.equal(verdict(withEgress, 'x/b', 'x/a'), 'deny');
    assert.equal(verdict(withEgress, 'x/a', 'x/b', 'UDP', 53), 'allow');
  });

  test('ipBlock with except matches any address, pod IPs included', () => {
    const p = knp('cidr', 'podSelector:\n  matchLabels: {pod: a}\npolicyTypes: [Egress]\negress:\n  - to:\n      - ipBlock:\n          cidr: 10.0.0.0/16\n          except: [10.0.5.0/24]');
    assert.equal(verdict(p, 'x/a', '10.0.9.9'), 'allow');
    assert.equal(verdict(p, 'x/a', '10.0.5.9'), 'deny');
    // y/a has 10.0.2.1 (inside), y/b has 10.0.5.5 (in except).
    assert.equal(verdict(p, 'x/a', 'y/a'), 'allow');
    assert.equal(verdict(p, 'x/a', 'y/b'), 'deny');
  });
});

describe('Kubernetes policies among Calico policies (order 1000 in tier default)', () => {
  const allowAll = knp('allow-all', 'podSelector: {}\ningress:\n  - {}');
  const calico = (order: string, action: string) => `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: calico-${action.toLowerCase()}
  namespace: x
spec:
${order}  selector: all()
  ingress:
    - action: ${action}
      source:
        selector: pod == "b"
`;

  test('a Calico policy with a lower order runs first', () => {
    const model = modelOf(docs(world, allowAll, calico('  order: 500\n', 'Deny')));
    assert.deepEqual(flow(model, 'x/b', 'x/a', 'TCP', 80).decidedBy, { side: 'ingress', tier: 'default', policy: 'x/calico-deny', ruleIndex: 0, reason: 'rule' });
    // Anything else falls through to the Kubernetes policy.
    assert.equal(flow(model, 'y/a', 'x/a', 'TCP', 80).decidedBy.policy, 'x/knp.default.allow-all');
  });

  test('a Calico policy with a higher or no order runs after it', () => {
    for (const order of ['  order: 2000\n', '']) {
      const model = modelOf(docs(world, allowAll, calico(order, 'Deny')));
      assert.equal(flow(model, 'x/b', 'x/a', 'TCP', 80).decidedBy.policy, 'x/knp.default.allow-all');
    }
    // A narrow Kubernetes policy lets the rest through to the later Calico Deny.
    const narrow = knp('from-a', 'podSelector: {}\ningress:\n  - from:\n      - podSelector:\n          matchLabels: {pod: a}');
    const model = modelOf(docs(world, narrow, calico('  order: 2000\n', 'Deny')));
    assert.deepEqual(flow(model, 'x/b', 'x/a', 'TCP', 80).decidedBy, { side: 'ingress', tier: 'default', policy: 'x/calico-deny', ruleIndex: 0, reason: 'rule' });
  });
});
