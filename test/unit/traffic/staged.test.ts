// Staged policies (a second verdict), policies Calico would reject, uncertain answers, nearest misses,
// workspace-over-cluster precedence and unknown endpoints.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../../server/src/document';
import { buildTrafficModel, simulateFlow, UnknownEndpointError, listEndpoints, policyPorts } from '../../../server/src/traffic';
import { docs, flow, modelOf, modelWithMissing, namespace, pod } from './helpers';

const world = docs(
  namespace('shop'),
  pod('shop', 'api', { app: 'api' }, { ip: '10.0.0.2' }),
  pod('shop', 'web', { app: 'web' }, { ip: '10.0.0.3' }),
  pod('shop', 'nopip', { app: 'noip' }),
);

const allowWeb = (kind = 'NetworkPolicy', extra = '') => `apiVersion: projectcalico.org/v3
kind: ${kind}
metadata:
  name: api-ingress
  namespace: shop
spec:
${extra}  selector: app == "api"
  ingress:
    - action: Allow
      protocol: TCP
      source:
        selector: app == "web"
      destination:
        ports: [8080]
`;

describe('staged policies', () => {
  test('a staged policy never changes the enforced verdict; stagedVerdict applies it in place of its namesake', () => {
    const staged = allowWeb('StagedNetworkPolicy').replace('ports: [8080]', 'ports: [9090]');
    const model = modelOf(docs(world, allowWeb(), staged));
    const r = flow(model, 'shop/web', 'shop/api', 'TCP', 8080);
    // Enforced: api-ingress allows 8080. Staged: the replacement only allows 9090 -> end of tier.
    assert.equal(r.verdict, 'allow');
    assert.equal(r.stagedVerdict, 'deny');
    assert.deepEqual(r.stagedDecidedBy, { side: 'ingress', tier: 'default', policy: null, ruleIndex: null, reason: 'end-of-tier' });
  });

  test('stagedAction Delete removes the enforced policy', () => {
    const del = `apiVersion: projectcalico.org/v3
kind: StagedNetworkPolicy
metadata:
  name: api-ingress
  namespace: shop
spec:
  stagedAction: Delete
`;
    const model = modelOf(docs(world, allowWeb(), del));
    // Enforced: allowed by api-ingress. Without it nothing selects api -> profile allows TCP 22 too.
    const r = flow(model, 'shop/web', 'shop/api', 'TCP', 22);
    assert.equal(r.verdict, 'deny');
    assert.equal(r.stagedVerdict, 'allow');
    assert.equal(r.stagedDecidedBy?.reason, 'profile');
  });

  test('a StagedKubernetesNetworkPolicy stands for a Kubernetes policy', () => {
    const sknp = `apiVersion: projectcalico.org/v3
kind: StagedKubernetesNetworkPolicy
metadata:
  name: deny-all
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Ingress]
`;
    const r = flow(modelOf(docs(world, sknp)), 'shop/web', 'shop/api', 'TCP', 80);
    assert.equal(r.verdict, 'allow');
    assert.equal(r.stagedVerdict, 'deny');
  });
});

describe('policies Calico would reject', () => {
  test('a policy with a validation error takes no part and is listed as excluded', () => {
    const broken = allowWeb().replace('action: Allow', 'action: allow');
    const deny = `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: isolate
  namespace: shop
spec:
  selector: app == "api"
  types: [Ingress]
`;
    const r = flow(modelOf(docs(world, broken, deny)), 'shop/web', 'shop/api', 'TCP', 8080);
    // Only isolate takes part: end of tier.
    assert.equal(r.verdict, 'deny');
    assert.equal(r.decidedBy.reason, 'end-of-tier');
    assert.equal(r.excluded?.[0].policy, 'shop/api-ingress');
    assert.match(r.excluded![0].reason, /RULE-ACTION/);
  });
});

describe('uncertain answers', () => {
  const netsRule = `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: from-subnet
  namespace: shop
spec:
  selector: app == "api"
  ingress:
    - action: Allow
      source:
        nets: [10.0.0.0/24]
`;

  test('a nets rule against a pod without a known IP is uncertain', () => {
    const model = modelOf(docs(world, netsRule));
    const r = flow(model, 'shop/nopip', 'shop/api', 'TCP', 80);
    assert.match(r.uncertain ?? '', /no known IP/);
    // With the IP known, the answer is certain.
    const known = flow(model, 'shop/web', 'shop/api', 'TCP', 80);
    assert.equal(known.verdict, 'allow');
    assert.equal(known.uncertain, undefined);
  });

  test('services and http matches are uncertain', () => {
    const services = netsRule.replace('nets: [10.0.0.0/24]', 'services:\n          name: frontend');
    assert.match(flow(modelOf(docs(world, services)), 'shop/web', 'shop/api', 'TCP', 80).uncertain ?? '', /Service frontend/);
    const http = netsRule.replace('      source:\n        nets: [10.0.0.0/24]', '      protocol: TCP\n      http:\n        methods: [GET]');
    const r = flow(modelOf(docs(world, http)), 'shop/web', 'shop/api', 'TCP', 80);
    assert.match(r.uncertain ?? '', /HTTP/);
  });

  test('data that could not be read makes the answer uncertain', () => {
    const model = modelWithMissing([{ kind: 'NetworkPolicy', namespace: 'shop', reason: 'forbidden' }], world);
    assert.match(flow(model, 'shop/web', 'shop/api', 'TCP', 80).uncertain ?? '', /NetworkPolicy in shop could not be read \(forbidden\)/);
    const elsewhere = modelWithMissing([{ kind: 'NetworkPolicy', namespace: 'other', reason: 'forbidden' }], world);
    assert.equal(flow(elsewhere, 'shop/web', 'shop/api', 'TCP', 80).uncertain, undefined);
  });

  test('namespace labels of a namespace without a manifest are unknown', () => {
    const nsSel = netsRule.replace('nets: [10.0.0.0/24]', 'namespaceSelector: env == "prod"');
    const model = modelOf(docs(pod('other', 'x', { app: 'x' }), world, nsSel));
    const r = flow(model, 'other/x', 'shop/api', 'TCP', 80);
    assert.equal(r.verdict, 'deny');
    assert.match(r.uncertain ?? '', /namespace other has no manifest/);
  });
});

describe('nearest miss, precedence, endpoints', () => {
  test('a denied flow names the rule that would allow it but for one criterion', () => {
    const model = modelOf(docs(world, allowWeb()));
    const r = flow(model, 'shop/web', 'shop/api', 'TCP', 80);
    assert.equal(r.verdict, 'deny');
    assert.equal(r.nearestMiss?.policy, 'shop/api-ingress');
    assert.equal(r.nearestMiss?.ruleIndex, 0);
    assert.equal(r.nearestMiss?.criterion, 'destination.ports');
    assert.match(r.nearestMiss!.message, /`api-ingress` ingress rule 0 .*only for destination port 8080/);
  });

  test('a workspace resource replaces the cluster one with the same kind, namespace and name', () => {
    const cluster = docs(world, allowWeb());
    const workspace = allowWeb().replace('ports: [8080]', 'ports: [9090]');
    const model = buildTrafficModel({
      files: [
        { uri: 'calico-cluster:/all', file: parseFile(cluster), source: 'cluster' },
        { uri: 'file:///ws/p.yaml', file: parseFile(workspace), source: 'workspace' },
      ],
    });
    assert.equal(simulateFlow(model, { from: 'shop/web', to: 'shop/api', protocol: 'TCP', port: 8080 }).verdict, 'deny');
    const r = simulateFlow(model, { from: 'shop/web', to: 'shop/api', protocol: 'TCP', port: 9090 });
    assert.equal(r.verdict, 'allow');
    assert.equal(r.decidedBy.source, 'workspace');
  });

  test('a Kubernetes NetworkPolicy does not replace a Calico NetworkPolicy of the same namespace and name', () => {
    // Different API groups are different resources: the cluster's Calico policy still allows 8080 beside the workspace's KNP.
    const knp = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-ingress
  namespace: shop
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
    - ports: [{port: 9090}]
`;
    const model = buildTrafficModel({
      files: [
        { uri: 'calico-cluster:/all', file: parseFile(docs(world, allowWeb())), source: 'cluster' },
        { uri: 'file:///ws/knp.yaml', file: parseFile(knp), source: 'workspace' },
      ],
    });
    const r = simulateFlow(model, { from: 'shop/web', to: 'shop/api', protocol: 'TCP', port: 8080 });
    assert.equal(r.verdict, 'allow');
    assert.equal(r.decidedBy.policy, 'shop/api-ingress');
    assert.equal(r.decidedBy.source, 'cluster');
  });

  test('an unknown endpoint throws with the closest names', () => {
    const model = modelOf(world);
    assert.throws(
      () => flow(model, 'shop/wbe', 'shop/api'),
      (e: unknown) => e instanceof UnknownEndpointError && e.suggestions[0] === 'shop/web',
    );
  });

  test('endpoints and ports are listed for pickers', () => {
    const model = modelOf(docs(world, allowWeb()));
    assert.deepEqual(listEndpoints(model).filter((e) => e.kind === 'workload').map((e) => e.id), ['shop/api', 'shop/nopip', 'shop/web']);
    assert.deepEqual(policyPorts(model), [{ protocol: 'TCP', port: 8080 }]);
  });

  test('the default namespace and service account are filled in', () => {
    const p = `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: sa
spec:
  selector: app == "api"
  ingress:
    - action: Allow
      source:
        serviceAccounts:
          names: [default]
`;
    const model = modelOf(docs(pod(undefined, 'api', { app: 'api' }), pod(undefined, 'c', {}), p));
    // Both pods are in namespace default; c runs as service account default.
    assert.equal(flow(model, 'default/c', 'default/api', 'TCP', 80).verdict, 'allow');
  });
});

describe('network sets and pods without an IP', () => {
  test('a selector that matches only a network set is uncertain for a pod whose IP is unknown', () => {
    const set = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkSet
metadata:
  name: office
  labels:
    zone: office
spec:
  nets: [10.0.0.0/24]
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: office-only
spec:
  selector: app == "api"
  ingress:
    - action: Allow
      source:
        selector: zone == "office"
`;
    const model = modelOf(docs(world, set));
    // shop/web has 10.0.0.3, inside the office set: allowed, certainly.
    const known = flow(model, 'shop/web', 'shop/api', 'TCP', 80);
    assert.equal(known.verdict, 'allow');
    assert.equal(known.uncertain, undefined);
    // shop/nopip may or may not be in 10.0.0.0/24.
    const unknown = flow(model, 'shop/nopip', 'shop/api', 'TCP', 80);
    assert.equal(unknown.verdict, 'deny');
    assert.match(unknown.uncertain ?? '', /network set matching the rule may hold it/);
  });
});
