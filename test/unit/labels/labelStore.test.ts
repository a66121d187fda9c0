import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { InMemoryLabelSource } from '../../../server/src/labels';
import { MergedLabelIndex } from '../../../server/src/labels/mergedIndex';

const yaobank = new InMemoryLabelSource(
  {
    namespaces: [{ name: 'yaobank-customer', labels: { team: 'bank' } }, { name: 'yaobank-database' }],
    pods: [
      { name: 'customer-7d9f-a', namespace: 'yaobank-customer', labels: { app: 'customer', version: 'v1' }, serviceAccount: 'customer' },
      { name: 'customer-7d9f-b', namespace: 'yaobank-customer', labels: { app: 'customer', version: 'v1' }, serviceAccount: 'customer' },
      { name: 'database-0', namespace: 'yaobank-database', labels: { app: 'database' } },
    ],
    serviceAccounts: [
      { name: 'customer', namespace: 'yaobank-customer', labels: { role: 'frontend' } },
      { name: 'default', namespace: 'yaobank-database' },
    ],
    networkSets: [{ name: 'partners', namespace: 'yaobank-customer', labels: { kind: 'partner' } }],
    globalNetworkSets: [{ name: 'blocklist', labels: { feed: 'threats' } }],
  },
  'cluster',
  'cluster kind-prod',
);

const keyNames = (keys: { key: string }[]) => keys.map((k) => k.key).sort();

describe('label index from objects', () => {
  test('an empty source is not loaded, so nothing is judged against it', () => {
    assert.equal(new InMemoryLabelSource({}).isLoaded(), false);
    assert.equal(yaobank.isLoaded(), true);
  });

  test('endpoint keys in one namespace include Calico\'s own pod labels', () => {
    assert.deepEqual(keyNames(yaobank.keys({ kind: 'endpoints', namespace: 'yaobank-customer' })), [
      'app',
      'kind',
      'projectcalico.org/namespace',
      'projectcalico.org/orchestrator',
      'projectcalico.org/serviceaccount',
      'version',
    ]);
  });

  test('the namespace scope lists namespace labels plus projectcalico.org/name', () => {
    assert.deepEqual(keyNames(yaobank.keys({ kind: 'namespaces' })), ['projectcalico.org/name', 'team']);
    assert.deepEqual(
      yaobank.values({ kind: 'namespaces' }, 'projectcalico.org/name').map((v) => v.value).sort(),
      ['yaobank-customer', 'yaobank-database'],
    );
  });

  test('global network sets are only in scope for selectors that span namespaces', () => {
    assert.ok(keyNames(yaobank.keys({ kind: 'endpoints' })).includes('feed'));
    assert.ok(!keyNames(yaobank.keys({ kind: 'endpoints', namespace: 'yaobank-customer' })).includes('feed'));
  });

  test('values count the objects that carry them, with a readable detail', () => {
    const apps = yaobank.values({ kind: 'endpoints' }, 'app');
    assert.deepEqual(apps.map((v) => [v.value, v.count]), [['customer', 2], ['database', 1]]);
    assert.match(apps[0].detail, /2 pods in yaobank-customer/);
    assert.match(apps[0].detail, /cluster kind-prod/);
  });

  test('orchestrator is k8s and the namespace label is the pod\'s namespace', () => {
    assert.deepEqual(yaobank.values({ kind: 'endpoints' }, 'projectcalico.org/orchestrator').map((v) => v.value), ['k8s']);
    assert.deepEqual(yaobank.values({ kind: 'endpoints', namespace: 'yaobank-database' }, 'projectcalico.org/namespace').map((v) => v.value), ['yaobank-database']);
  });

  test('service accounts: labels, implicit name, and names per namespace', () => {
    assert.deepEqual(keyNames(yaobank.keys({ kind: 'serviceAccounts', namespace: 'yaobank-customer' })), ['projectcalico.org/name', 'role']);
    assert.deepEqual(yaobank.serviceAccountNames('yaobank-customer').map((v) => v.value), ['customer']);
    assert.deepEqual(yaobank.serviceAccountNames().map((v) => v.value).sort(), ['customer', 'default']);
  });

  test('pods with identical labels form one group with sample names', () => {
    const groups = [...yaobank.groups({ kind: 'endpoints', namespace: 'yaobank-customer' })].filter((g) => g.kind === 'pod');
    assert.equal(groups.length, 1);
    assert.equal(groups[0].count, 2);
    assert.deepEqual([...groups[0].sampleNames].sort(), ['customer-7d9f-a', 'customer-7d9f-b']);
    assert.equal(groups[0].origin, 'cluster');
  });

  test('unknown keys and scopes with nothing in them give empty answers', () => {
    assert.deepEqual(yaobank.values({ kind: 'endpoints' }, 'nope'), []);
    assert.deepEqual(yaobank.keys({ kind: 'endpoints', namespace: 'elsewhere' }), []);
  });
});

describe('merged index', () => {
  const workspace = new InMemoryLabelSource({ pods: [{ name: 'customer', namespace: 'yaobank-customer', labels: { app: 'customer', tier: 'web' } }] });
  const empty = new InMemoryLabelSource({}, 'cluster');

  test('counts add up across sources and details name both', () => {
    const merged = new MergedLabelIndex(() => [yaobank, workspace]);
    const app = merged.values({ kind: 'endpoints', namespace: 'yaobank-customer' }, 'app').find((v) => v.value === 'customer')!;
    assert.equal(app.count, 3);
    assert.match(app.detail, /cluster kind-prod/);
    assert.match(app.detail, /workspace/);
    assert.ok(merged.keys({ kind: 'endpoints' }).some((k) => k.key === 'tier'));
    assert.equal(merged.describeSources(), 'cluster kind-prod + workspace');
  });

  test('a source that has not loaded does not count', () => {
    const merged = new MergedLabelIndex(() => [empty, workspace]);
    assert.equal(merged.isLoaded(), true);
    assert.equal(merged.describeSources(), 'workspace');
    assert.equal(new MergedLabelIndex(() => [empty]).isLoaded(), false);
  });
});
