// AdminNetworkPolicy / BaselineAdminNetworkPolicy as Calico places them: tier kube-admin (order 1000, priority as
// policy order, unmatched traffic passes on) before default, tier kube-baseline (after default) before the profile.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../../server/src/document';
import { buildTrafficModel, simulateFlow } from '../../../server/src/traffic';
import { docs, flow, modelOf, namespace, pod } from './helpers';

const world = docs(
  namespace('x', { ns: 'x' }),
  namespace('y', { ns: 'y' }),
  namespace('z', { ns: 'z' }),
  pod('x', 'a', { pod: 'a' }),
  pod('x', 'b', { pod: 'b' }),
  pod('y', 'a', { pod: 'a' }),
  pod('z', 'a', { pod: 'a' }),
);

const anp = (name: string, priority: number, ingress: string) => `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: ${name}
spec:
  priority: ${priority}
  subject:
    namespaces:
      matchLabels:
        ns: "x"
  ingress:
${ingress}`;

const denyY = anp(
  'deny-y',
  10,
  `    - name: deny-from-y
      action: Deny
      from:
        - namespaces:
            matchLabels:
              ns: "y"
    - name: pass-z
      action: Pass
      from:
        - namespaces:
            matchLabels:
              ns: "z"
`,
);
const allowZ = (priority: number) =>
  anp(
    'allow-z-80',
    priority,
    `    - name: allow-z
      action: Allow
      from:
        - pods:
            namespaceSelector:
              matchLabels:
                ns: "z"
            podSelector: {}
      ports:
        - portNumber:
            protocol: TCP
            port: 80
`,
  );
const knpDenyX = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all
  namespace: x
spec:
  podSelector: {}
  policyTypes: [Ingress]
`;
const banp = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata:
  name: default
spec:
  subject:
    namespaces: {}
  ingress:
    - name: deny-x-internal
      action: Deny
      from:
        - namespaces:
            matchLabels:
              ns: "x"
`;

describe('AdminNetworkPolicy and BaselineAdminNetworkPolicy', () => {
  const model = modelOf(docs(world, denyY, allowZ(20), knpDenyX));

  test('an ANP Deny decides in tier kube-admin', () => {
    assert.deepEqual(flow(model, 'y/a', 'x/a', 'TCP', 80).decidedBy, { side: 'ingress', tier: 'kube-admin', policy: 'kanp.adminnetworkpolicy.deny-y', ruleIndex: 0, reason: 'rule' });
  });

  test('Pass skips lower-priority admin policies and hands over to the namespace policies', () => {
    // deny-y (priority 10) rule 1 passes z; allow-z-80 (priority 20) is skipped; the KNP denies at the end of default.
    const r = flow(model, 'z/a', 'x/a', 'TCP', 80);
    assert.deepEqual(r.decidedBy, { side: 'ingress', tier: 'default', policy: null, ruleIndex: null, reason: 'end-of-tier' });
    assert.deepEqual(r.trace.ingress!.tiers.map((t) => [t.tier, t.outcome]), [['kube-admin', 'pass'], ['default', 'end-of-tier-deny']]);
  });

  test('priority is the order inside kube-admin', () => {
    // allow-z-80 at priority 5 now runs before deny-y.
    const r = flow(modelOf(docs(world, denyY, allowZ(5), knpDenyX)), 'z/a', 'x/a', 'TCP', 80);
    assert.deepEqual(r.decidedBy, { side: 'ingress', tier: 'kube-admin', policy: 'kanp.adminnetworkpolicy.allow-z-80', ruleIndex: 0, reason: 'rule' });
    // Port 81 is not in the rule: deny-y passes z -> the KNP denies.
    assert.equal(flow(modelOf(docs(world, denyY, allowZ(5), knpDenyX)), 'z/a', 'x/a', 'TCP', 81).decidedBy.tier, 'default');
  });

  test('traffic no admin rule matches passes on (admin policies do not isolate)', () => {
    // x/b -> x/a: no ANP rule matches; without the KNP nothing in default; no baseline -> profile.
    const r = flow(modelOf(docs(world, denyY)), 'x/b', 'x/a', 'TCP', 80);
    assert.equal(r.verdict, 'allow');
    assert.equal(r.decidedBy.reason, 'profile');
  });

  test('the baseline policy decides after the default tier, before the profile', () => {
    const m = modelOf(docs(world, denyY, banp));
    assert.deepEqual(flow(m, 'x/b', 'x/a', 'TCP', 80).decidedBy, {
      side: 'ingress',
      tier: 'kube-baseline',
      policy: 'kbanp.baselineadminnetworkpolicy.default',
      ruleIndex: 0,
      reason: 'rule',
    });
    // A namespace policy that allows first wins over the baseline.
    const allow = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-b
  namespace: x
spec:
  podSelector: {}
  ingress:
    - from:
        - podSelector:
            matchLabels:
              pod: b
`;
    assert.equal(flow(modelOf(docs(world, banp, allow)), 'x/b', 'x/a', 'TCP', 80).decidedBy.policy, 'x/knp.default.allow-b');
  });

  test('a Calico version before admin policy support leaves them out', () => {
    const m = buildTrafficModel({ files: [{ uri: 'file:///t.yaml', file: parseFile(docs(world, denyY)) }], calicoVersion: '3.27' });
    const r = simulateFlow(m, { from: 'y/a', to: 'x/a', protocol: 'TCP', port: 80 });
    assert.equal(r.verdict, 'allow');
    assert.match(r.excluded?.[0].reason ?? '', /AdminNetworkPolicy is enforced from Calico 3.29/);
  });
});
