import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { calicoKinds, fieldAt, fieldsAt, rootFields } from '../../../server/src/schema';

describe('schema', () => {
  test('every Calico kind has a description with metadata and spec', () => {
    assert.equal(calicoKinds.length, 9);
    for (const kind of calicoKinds) {
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
