import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { calicoKinds, checkedKinds, fieldAt, fieldsAt, rootFields } from '../../../server/src/schema';

describe('schema', () => {
  test('every checked Calico kind has a description with metadata and spec', () => {
    assert.equal(checkedKinds.length, 9);
    for (const kind of checkedKinds) {
      const names = rootFields(kind)!.map((f) => f.name);
      assert.deepEqual(names.slice(0, 4), ['apiVersion', 'kind', 'metadata', 'spec'], kind);
    }
  });

  test('fieldsAt walks into rules and entity rules', () => {
    const ruleKeys = fieldsAt('NetworkPolicy', ['spec', 'ingress', 0])!.map((f) => f.name);
    assert.ok(['action', 'protocol', 'source', 'destination', 'icmp', 'http'].every((k) => ruleKeys.includes(k)));
    const entity = fieldsAt('GlobalNetworkPolicy', ['spec', 'egress', 3, 'destination'])!.map((f) => f.name);
    assert.ok(['selector', 'namespaceSelector', 'nets', 'ports', 'services', 'serviceAccounts'].every((k) => entity.includes(k)));
  });

  test('namespaceSelector, doNotTrack, preDNAT and applyOnForward only on global policies', () => {
    const np = fieldsAt('NetworkPolicy', ['spec'])!.map((f) => f.name);
    const gnp = fieldsAt('GlobalNetworkPolicy', ['spec'])!.map((f) => f.name);
    for (const k of ['namespaceSelector', 'doNotTrack', 'preDNAT', 'applyOnForward']) {
      assert.ok(!np.includes(k), `NetworkPolicy has no ${k}`);
      assert.ok(gnp.includes(k), `GlobalNetworkPolicy has ${k}`);
    }
  });

  test('fieldAt gives types, enum values and defaults', () => {
    assert.deepEqual(fieldAt('NetworkPolicy', ['spec', 'ingress', 0, 'action'])?.values, ['Allow', 'Deny', 'Log', 'Pass']);
    assert.equal(fieldAt('NetworkPolicy', ['spec', 'ingress', 0, 'source', 'selector'])?.type, 'selector');
    assert.equal(fieldAt('Tier', ['spec', 'defaultAction'])?.default, 'Deny');
    assert.deepEqual(fieldAt('StagedNetworkPolicy', ['spec', 'stagedAction'])?.values, ['Set', 'Delete', 'Learn', 'Ignore']);
    assert.equal(fieldAt('NetworkPolicy', ['metadata', 'labels', 'app'])?.type, 'string');
    assert.equal(fieldAt('NetworkPolicy', ['spec', 'nope']), undefined);
  });

  test('namespaced kinds have metadata.namespace, cluster kinds do not', () => {
    assert.ok(fieldsAt('NetworkPolicy', ['metadata'])!.some((f) => f.name === 'namespace'));
    assert.ok(!fieldsAt('GlobalNetworkPolicy', ['metadata'])!.some((f) => f.name === 'namespace'));
  });

  test('the Kubernetes NetworkPolicy shape is available with family kubernetes', () => {
    const keys = fieldsAt('NetworkPolicy', ['spec'], 'kubernetes')!.map((f) => f.name);
    assert.deepEqual(keys, ['podSelector', 'ingress', 'egress', 'policyTypes']);
    assert.equal(fieldAt('NetworkPolicy', ['spec', 'ingress', 0, 'from', 0, 'ipBlock', 'cidr'], 'kubernetes')?.required, true);
  });

  test('every field has hover documentation', () => {
    const walk = (fields: ReturnType<typeof rootFields>, where: string): void => {
      for (const f of fields ?? []) {
        assert.ok(f.doc.length > 0, `${where}.${f.name} has a doc`);
        walk(f.fields, `${where}.${f.name}`);
      }
    };
    for (const kind of calicoKinds) walk(rootFields(kind), kind);
  });
});

// Hover text must state what the reference states (section per row); each row is a fragment the doc must contain.
describe('schema hover docs tell the truth', () => {
  const rows: { kind: string; path: (string | number)[]; family?: string; says: string[]; never?: RegExp }[] = [
    {
      kind: 'NetworkPolicy',
      path: ['spec', 'types'],
      says: ['`Egress` when there are only egress rules, otherwise `Ingress`', 'rules of a direction left out are ignored'],
      never: /plus `Egress` when there are egress rules/, // §3.1: egress-only rules give [Egress], not [Ingress, Egress]
    },
    { kind: 'StagedNetworkPolicy', path: ['spec', 'stagedAction'], says: ['never enforced', '`Learn` and `Ignore` are also accepted'], never: /recommendation/ }, // §3.2
    { kind: 'NetworkPolicy', path: ['spec', 'ingress', 0, 'icmp', 'code'], says: ['(0–255). Requires `type`.'] }, // §4.5
    { kind: 'NetworkPolicy', path: ['spec', 'ingress', 0, 'source', 'selector'], says: ["In a NetworkPolicy only peers in the policy's namespace, unless `namespaceSelector` is set."] }, // §6.5
    { kind: 'NetworkPolicy', path: ['spec', 'ingress', 0, 'source', 'notSelector'], says: ["in a NetworkPolicy the side still only matches endpoints in the policy's namespace", 'In a GlobalNetworkPolicy side with nothing else restricting the peer, that includes peers Calico does not know'] }, // §4.2, §10.16
    { kind: 'NetworkPolicy', path: ['spec', 'ingress', 0, 'destination', 'ports'], says: ['under `destination` the destination port'], never: /Peer ports/ }, // §4.2
    { kind: 'NetworkPolicy', path: ['spec', 'egress', 0, 'destination', 'services'], says: ['in `destination` not with `ports`'] }, // §4.4
    { kind: 'GlobalNetworkPolicy', path: ['spec', 'preDNAT'], says: ['cannot be combined with `doNotTrack`', 'needs `applyOnForward: true`'] }, // §7.2
    { kind: 'NetworkPolicy', path: ['spec', 'policyTypes'], family: 'kubernetes', says: ['Omitted: `Ingress`, plus `Egress` when there are egress rules.'] }, // Kubernetes defaulting
    { kind: 'HostEndpoint', path: ['spec', 'ports', 0, 'protocol'], says: ['`TCP`, `UDP` or `SCTP`'] }, // §5
    { kind: 'StagedKubernetesNetworkPolicy', path: ['spec', 'stagedAction'], says: ['`Delete` previews removing it (then no other field may be set)'], never: /tier/ }, // §3.2
    { kind: 'Tier', path: ['spec', 'defaultAction'], says: ['The built-in `default` tier must be `Deny`; `kube-admin` and `kube-baseline` must be `Pass`.'] }, // §5
    { kind: 'Tier', path: ['spec', 'order'], says: ['`kube-admin` 1000, `default` 1000000, `kube-baseline` 10000000'] }, // §5
    { kind: 'GlobalNetworkPolicy', path: ['spec', 'doNotTrack'], says: ['cannot be combined with `preDNAT`'] }, // §7.2
    { kind: 'NetworkPolicy', path: ['metadata', 'annotations'], says: ['keys are lower-cased before they are checked like label keys'] }, // §2
  ];
  for (const row of rows) {
    test(`${row.kind} ${row.path.join('.')}`, () => {
      const doc = fieldAt(row.kind, row.path, row.family)?.doc ?? '';
      for (const fragment of row.says) assert.ok(doc.includes(fragment), `${JSON.stringify(doc)} should say ${JSON.stringify(fragment)}`);
      if (row.never) assert.doesNotMatch(doc, row.never);
    });
  }
});
