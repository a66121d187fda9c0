import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { objectsFromYaml } from '../../../server/src/labels';
import { globMatcher, GlobFilter } from '../../../server/src/labels/workspace/glob';

describe('labelled objects in manifests', () => {
  const workloads: [string, string][] = [
    ['Deployment', 'spec:\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      serviceAccountName: web-sa\n'],
    ['StatefulSet', 'spec:\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      serviceAccountName: web-sa\n'],
    ['DaemonSet', 'spec:\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      serviceAccountName: web-sa\n'],
    ['ReplicaSet', 'spec:\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      serviceAccountName: web-sa\n'],
    ['Job', 'spec:\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      serviceAccountName: web-sa\n'],
    ['CronJob', 'spec:\n  jobTemplate:\n    spec:\n      template:\n        metadata:\n          labels: {app: web}\n        spec:\n          serviceAccountName: web-sa\n'],
  ];
  for (const [kind, spec] of workloads) {
    test(`${kind}: the pod template's labels, namespace and service account`, () => {
      const objects = objectsFromYaml(`apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: web\n  namespace: shop\n  labels: {owner: ops}\n${spec}`);
      assert.deepEqual(objects, [{ kind: 'pod', name: 'web', namespace: 'shop', labels: { app: 'web' }, serviceAccount: 'web-sa' }]);
    });
  }

  test('a bare Pod uses its own labels; no namespace means default; no service account means default', () => {
    const [pod] = objectsFromYaml('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    app: x\n');
    assert.deepEqual(pod, { kind: 'pod', name: 'p', namespace: 'default', labels: { app: 'x' }, serviceAccount: 'default' });
  });

  test('namespaces, service accounts, network sets, global sets and host endpoints', () => {
    const text = [
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {env: prod}',
      'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web-sa\n  namespace: shop\n  labels: {role: web}',
      'apiVersion: projectcalico.org/v3\nkind: NetworkSet\nmetadata:\n  name: partners\n  namespace: shop\n  labels: {kind: partner}\nspec:\n  nets: [10.0.0.0/8]',
      'apiVersion: projectcalico.org/v3\nkind: GlobalNetworkSet\nmetadata:\n  name: threats\n  labels: {feed: bad}',
      'apiVersion: projectcalico.org/v3\nkind: HostEndpoint\nmetadata:\n  name: node1-eth0\n  labels: {role: edge}\nspec:\n  node: node1\n  interfaceName: eth0',
    ].join('\n---\n');
    assert.deepEqual(
      objectsFromYaml(text).map((o) => [o.kind, o.name, o.namespace, o.labels]),
      [
        ['namespace', 'shop', undefined, { env: 'prod' }],
        ['serviceAccount', 'web-sa', 'shop', { role: 'web' }],
        ['networkSet', 'partners', 'shop', { kind: 'partner' }],
        ['globalNetworkSet', 'threats', undefined, { feed: 'bad' }],
        ['hostEndpoint', 'node1-eth0', undefined, { role: 'edge' }],
      ],
    );
  });

  test('items of a kind: List count too', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Namespace\n    metadata: {name: a}\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: p, namespace: a, labels: {app: x}}\n';
    assert.deepEqual(objectsFromYaml(text).map((o) => o.kind), ['namespace', 'pod']);
  });

  test('unquoted numbers and booleans in labels are read as the strings the user meant', () => {
    const [pod] = objectsFromYaml('kind: Pod\nmetadata:\n  name: p\n  labels: {version: 2, canary: true}\n');
    assert.deepEqual(pod.labels, { version: '2', canary: 'true' });
  });

  test('broken YAML, policies and non-objects contribute nothing and never throw', () => {
    for (const text of ['', 'kind: [', '- a\n- b', 'kind: Pod\nmetadata: [1, 2]', 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: x}', 'kind: Deployment\nspec:\n  template: 5', 'a: &a [*a]\nkind: Pod']) {
      assert.doesNotThrow(() => objectsFromYaml(text));
    }
    assert.deepEqual(objectsFromYaml('apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: x}'), []);
    // A broken document does not hide the good one beside it.
    assert.equal(objectsFromYaml('kind: Pod\nmetadata: {name: ok}\n---\nkind: [\n').length, 1);
  });
});

describe('workspace globs', () => {
  const cases: [string, string, boolean][] = [
    ['**/*.yaml', 'a.yaml', true],
    ['**/*.yaml', 'deep/dir/a.yaml', true],
    ['**/*.yaml', 'a.yml', false],
    ['**/*.{yaml,yml}', 'x/a.yml', true],
    ['k8s/*.yaml', 'k8s/a.yaml', true],
    ['k8s/*.yaml', 'k8s/sub/a.yaml', false],
    ['**/node_modules/**', 'node_modules/x/a.yaml', true],
    ['**/node_modules/**', 'src/node_modules/x/a.yaml', true],
    ['file?.yaml', 'file1.yaml', true],
    ['a.yaml', 'aXyaml', false],
    // What VS Code's glob syntax also allows in these settings: character ranges, nested groups, dot folders.
    ['policies/v[0-9].yaml', 'policies/v3.yaml', true],
    ['policies/v[0-9].yaml', 'policies/vx.yaml', false],
    ['{k8s,deploy/{prod,dev}}/*.yaml', 'deploy/dev/a.yaml', true],
    ['{k8s,deploy/{prod,dev}}/*.yaml', 'deploy/qa/a.yaml', false],
    ['**/*.yaml', '.github/workflows/ci.yaml', true],
    ['**/.git/**', '.git/config', true],
    ['*.yaml', 'dir/a.yaml', false],
    ['deploy/**', 'deploy/a/b.yaml', true],
    ['**/*.yaml', 'a.yaml.bak', false],
  ];
  for (const [glob, path, expected] of cases) {
    test(`${glob} ${expected ? 'matches' : 'does not match'} ${path}`, () => assert.equal(globMatcher(glob)(path), expected));
  }

  test('an empty include list matches nothing, an empty exclude list excludes nothing', () => {
    assert.equal(new GlobFilter([], []).matches('a.yaml'), false);
    assert.equal(new GlobFilter(['**/*.yaml'], []).matches('a.yaml'), true);
    assert.equal(new GlobFilter(['**/*.yaml'], []).excludesDirectory('vendor'), false);
  });

  test('exclude wins over include, and excluded directories are not walked', () => {
    const filter = new GlobFilter(['**/*.yaml'], ['**/vendor/**']);
    assert.equal(filter.matches('app/deploy.yaml'), true);
    assert.equal(filter.matches('vendor/x/deploy.yaml'), false);
    assert.equal(filter.excludesDirectory('vendor'), true);
    assert.equal(filter.excludesDirectory('app'), false);
  });
});
