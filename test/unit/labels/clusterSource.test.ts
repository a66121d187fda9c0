import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeKubeApi, type FakeFault, type FakeKubeData } from '../../support/fakeKubeApi';
import { writeKubeconfig } from '../../support/kubeconfigFile';
import { startLabelService } from '../../support/kubeLabelService';
import { hasOpenssl } from '../../support/kubeCerts';
import { skipUnless } from '../../support/requiredTool';

const skip = skipUnless(hasOpenssl(), 'openssl', "Debian: apt-get install openssl; it makes the stand-in API's certificates");

const yaobank: Partial<FakeKubeData> = {
  namespaces: [
    { name: 'yaobank-customer', labels: { tenant: 'yaobank' } },
    { name: 'yaobank-summary', labels: { tenant: 'yaobank' } },
    { name: 'yaobank-database', labels: { tenant: 'yaobank' } },
    { name: 'kube-system' },
  ],
  pods: [
    { name: 'customer-7d9f-a', namespace: 'yaobank-customer', labels: { app: 'customer', version: 'v1' } },
    { name: 'customer-7d9f-b', namespace: 'yaobank-customer', labels: { app: 'customer', version: 'v1' } },
    { name: 'summary-5c8-a', namespace: 'yaobank-summary', labels: { app: 'summary' } },
    { name: 'database-0', namespace: 'yaobank-database', labels: { app: 'database' } },
    { name: 'coredns-1', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
  ],
  serviceAccounts: [{ name: 'customer', namespace: 'yaobank-customer', labels: { role: 'web' } }],
  networkSets: [{ name: 'partners', namespace: 'yaobank-customer', labels: { partner: 'acme' } }],
  globalNetworkSets: [{ name: 'threats', labels: { feed: 'threats' } }],
};

const workspaceDeployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: local\n  namespace: yaobank-customer\nspec:\n  template:\n    metadata:\n      labels:\n        from-workspace: "yes"\n';

describe('cluster label source against the stand-in API', { skip }, () => {
  let api: FakeKubeApi;
  let kubeconfig: string;
  before(async () => {
    api = await FakeKubeApi.start({ data: yaobank });
    kubeconfig = writeKubeconfig({ server: api.url, token: api.token, namespace: 'yaobank-customer' });
  });
  after(() => api.stop());

  async function reset(fault: FakeFault = 'none') {
    await api.setFault(fault);
    api.allowedNamespaces = undefined;
    api.forbidNamespaceList = false;
    api.calicoApi = false;
    api.requests.length = 0;
  }

  test('nothing is fetched until labels are asked for; then pods, namespaces and service accounts arrive', async () => {
    await reset();
    const h = startLabelService({ kubeconfig });
    try {
      // Typing (editor text updates) never reaches the cluster.
      h.service.updateOpenDocument('untitled:typing', workspaceDeployment);
      h.service.updateOpenDocument('untitled:typing', workspaceDeployment + '\n');
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(api.requests.length, 0, 'no request before the first use');
      assert.equal(h.service.status().cluster.state, 'idle');
      h.service.ensureClusterRequested();
      const s = await h.waitForStatus((s) => s.cluster.state === 'ready', 'ready');
      assert.equal(s.cluster.context, 'fake-cluster');
      assert.deepEqual(s.cluster.counts, { pods: 5, namespaces: 4, serviceAccounts: 1, networkSets: 0 });
      assert.ok(s.cluster.lastRefresh && !Number.isNaN(Date.parse(s.cluster.lastRefresh)));
      const apps = h.service.values({ kind: 'endpoints', namespace: 'yaobank-customer' }, 'app');
      assert.deepEqual(apps.map((v) => [v.value, v.count]), [['customer', 2]]);
      assert.match(apps[0].detail, /cluster fake-cluster/);
      assert.deepEqual(h.service.values({ kind: 'namespaces' }, 'tenant').map((v) => v.count), [3]);
      assert.deepEqual(h.service.serviceAccountNames('yaobank-customer').map((v) => v.value), ['customer']);
      // Read-only and metadata-only.
      assert.ok(api.requests.every((r) => r.method === 'GET'));
      assert.ok(api.requests.filter((r) => !r.path.includes('projectcalico')).every((r) => r.accept.includes('as=PartialObjectMetadataList')));
      // A status notification reached the client side.
      await new Promise((r) => setTimeout(r, 50));
      assert.ok(h.statuses.some((st) => st.cluster.state === 'ready'));
    } finally {
      h.service.dispose();
    }
  });

  test('labels are refreshed in the background on the configured interval', async () => {
    await reset();
    const h = startLabelService({ kubeconfig });
    try {
      h.settings.cluster.refreshInterval = 0.2;
      await h.service.refreshCluster();
      const first = h.service.status().cluster.lastRefresh;
      api.data = { ...api.data, pods: [...(api.data.pods ?? []), { name: 'late-pod', namespace: 'yaobank-customer', labels: { late: 'yes' } }] };
      await h.waitForStatus((s) => s.cluster.lastRefresh !== first && s.cluster.counts?.pods === 6, 'a background refresh');
      assert.ok(h.service.keys({ kind: 'endpoints', namespace: 'yaobank-customer' }).some((k) => k.key === 'late'));
    } finally {
      h.service.dispose();
      api.data = { ...api.data, pods: api.data.pods.filter((p) => p.name !== 'late-pod') };
    }
  });

  test('big lists are paged with limit and continue', async () => {
    await reset();
    const saved = api.data.pods;
    api.data = { ...api.data, pods: Array.from({ length: 1234 }, (_, i) => ({ name: `p-${i}`, namespace: 'yaobank-customer', labels: { app: `a${i % 7}` } })) };
    const h = startLabelService({ kubeconfig });
    try {
      await h.service.refreshCluster();
      assert.equal(h.service.status().cluster.counts?.pods, 1234);
      const podPages = api.requests.filter((r) => r.path === '/api/v1/pods');
      assert.equal(podPages.length, 3);
      assert.ok(podPages.every((r) => Number(r.query.get('limit')) > 0));
      assert.equal(podPages.filter((r) => r.query.get('continue')).length, 2);
    } finally {
      h.service.dispose();
      api.data = { ...api.data, pods: saved };
    }
  });

  test('Calico network sets are read when the API serves them', async () => {
    await reset();
    api.calicoApi = true;
    const h = startLabelService({ kubeconfig });
    try {
      await h.service.refreshCluster();
      const s = h.service.status();
      assert.equal(s.cluster.state, 'ready');
      assert.equal(s.cluster.counts?.networkSets, 2);
      assert.ok(h.service.keys({ kind: 'endpoints', namespace: 'yaobank-customer' }).some((k) => k.key === 'partner'));
      assert.ok(h.service.keys({ kind: 'endpoints' }).some((k) => k.key === 'feed'));
    } finally {
      h.service.dispose();
    }
  });

  const faults: [FakeFault | 'wrongCa' | 'execFails', RegExp][] = [
    ['refuse', /cannot reach https:\/\/127\.0\.0\.1:\d+ \(connection refused\)/],
    ['hang', /no answer from https:\/\/127\.0\.0\.1:\d+ within/],
    ['401', /unauthorized \(401\)/],
    ['403', /forbidden to list/],
    ['500', /failed to list namespaces \(HTTP 500\)/],
    ['badJson', /not valid JSON/],
    ['wrongCa', /TLS error/],
    ['execFails', /could not get credentials for context fake-cluster \(exec plugin "node" failed\)/],
  ];
  for (const [fault, message] of faults) {
    test(`fault ${fault}: a clear status, workspace labels still complete, the token never shows`, async () => {
      await reset(fault === 'wrongCa' || fault === 'execFails' ? 'none' : fault);
      if (fault === '403') api.allowedNamespaces = [];
      if (fault === '403') api.forbidNamespaceList = true;
      const config =
        fault === 'wrongCa'
          ? writeKubeconfig({ server: api.url, token: api.token, wrongCa: true })
          : fault === 'execFails'
            ? writeKubeconfig({ server: api.url, exec: { token: api.token, fail: true } })
            : kubeconfig;
      const h = startLabelService({ kubeconfig: config, timeoutMs: fault === 'hang' ? 300 : undefined });
      try {
        h.service.updateOpenDocument('untitled:ws', workspaceDeployment);
        await h.service.refreshCluster();
        const s = h.service.status();
        assert.equal(s.cluster.state, 'error');
        assert.match(s.cluster.message ?? '', message);
        assert.equal(s.cluster.counts, undefined);
        await new Promise((r) => setTimeout(r, 20));
        assert.deepEqual(h.service.keys({ kind: 'endpoints', namespace: 'yaobank-customer' }).map((k) => k.key).filter((k) => !k.startsWith('projectcalico')), ['from-workspace']);
        assert.equal(h.service.describeSources(), 'workspace');
        assert.ok(!h.transcript().includes(api.token), 'the token leaked');
      } finally {
        h.service.dispose();
      }
    });
  }

  test('RBAC for some namespaces only: their pods load, the status names the rest', async () => {
    await reset();
    api.allowedNamespaces = ['yaobank-customer'];
    const h = startLabelService({ kubeconfig });
    try {
      await h.service.refreshCluster();
      const s = h.service.status();
      assert.equal(s.cluster.state, 'ready');
      assert.match(s.cluster.message ?? '', /forbidden to list pods in kube-system, yaobank-database, yaobank-summary/);
      assert.equal(s.cluster.counts?.pods, 2);
      assert.equal(s.cluster.counts?.namespaces, 4);
    } finally {
      h.service.dispose();
    }
  });

  test('when even namespaces are forbidden, the context namespace is tried', async () => {
    await reset();
    api.allowedNamespaces = ['yaobank-customer'];
    api.forbidNamespaceList = true;
    const h = startLabelService({ kubeconfig });
    try {
      await h.service.refreshCluster();
      const s = h.service.status();
      assert.equal(s.cluster.state, 'ready');
      assert.match(s.cluster.message ?? '', /forbidden to list namespaces/);
      assert.equal(s.cluster.counts?.pods, 2);
    } finally {
      h.service.dispose();
    }
  });

  test('after a fault it retries by itself and recovers when the cluster is back', async () => {
    await reset('refuse');
    const h = startLabelService({ kubeconfig, retryMs: 100 });
    try {
      h.service.ensureClusterRequested();
      await h.waitForStatus((s) => s.cluster.state === 'error', 'error');
      await api.setFault('none');
      const s = await h.waitForStatus((s) => s.cluster.state === 'ready', 'recovery');
      assert.equal(s.cluster.counts?.pods, 5);
    } finally {
      h.service.dispose();
    }
  });

  test('a failed refresh keeps the last good labels and says they are stale', async () => {
    await reset();
    const h = startLabelService({ kubeconfig });
    try {
      await h.service.refreshCluster();
      await api.setFault('500');
      await h.service.refreshCluster();
      const s = h.service.status();
      assert.equal(s.cluster.state, 'error');
      assert.match(s.cluster.message ?? '', /showing labels from/);
      assert.equal(s.cluster.counts?.pods, 5);
    } finally {
      h.service.dispose();
    }
  });

  test('an exec credential plugin supplies the token', async () => {
    await reset();
    const h = startLabelService({ kubeconfig: writeKubeconfig({ server: api.url, exec: { token: api.token } }) });
    try {
      await h.service.refreshCluster();
      assert.equal(h.service.status().cluster.state, 'ready');
      assert.ok(api.requests.every((r) => r.authorized));
      assert.ok(!h.transcript().includes(api.token));
    } finally {
      h.service.dispose();
    }
  });

  test('an untrusted workspace never connects, and trusting it later does', async () => {
    await reset();
    const h = startLabelService({ kubeconfig: writeKubeconfig({ server: api.url, exec: { token: api.token } }), trusted: false });
    try {
      h.service.ensureClusterRequested();
      await h.service.refreshCluster();
      const s = h.service.status();
      assert.equal(s.cluster.state, 'untrusted');
      assert.match(s.cluster.message ?? '', /untrusted workspace/);
      assert.equal(api.requests.length, 0);
      h.service.setTrusted(true);
      h.service.ensureClusterRequested();
      await h.waitForStatus((s) => s.cluster.state === 'ready', 'ready after trust');
    } finally {
      h.service.dispose();
    }
  });

  test('turned off by setting, or no kubeconfig at all: state off, no requests', async () => {
    await reset();
    const h = startLabelService({ kubeconfig });
    try {
      h.settings.cluster.enabled = false;
      h.service.settingsChanged();
      await h.service.refreshCluster();
      assert.equal(h.service.status().cluster.state, 'off');
      h.settings.cluster.enabled = true;
      h.settings.kubeconfig = join(tmpdir(), 'no-such-kubeconfig-' + process.pid);
      h.service.settingsChanged();
      await h.service.refreshCluster();
      assert.equal(h.service.status().cluster.state, 'off');
      assert.match(h.service.status().cluster.message ?? '', /does not exist/);
      assert.equal(api.requests.length, 0);
    } finally {
      h.service.dispose();
    }
  });

  test('contexts are listed for the picker, and calico.context selects one', async () => {
    await reset();
    const dir = mkdtempSync(join(tmpdir(), 'calico-ctx-'));
    const path = join(dir, 'config');
    const ca = Buffer.from((await import('../../support/kubeCerts')).testCertificates().caPem).toString('base64');
    writeFileSync(
      path,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        `  - name: good\n    cluster:\n      server: ${api.url}\n      certificate-authority-data: ${ca}`,
        `  - name: dead\n    cluster:\n      server: https://127.0.0.1:1\n      certificate-authority-data: ${ca}`,
        'users:',
        `  - name: u\n    user:\n      token: ${api.token}`,
        'contexts:',
        '  - name: kind-prod\n    context:\n      cluster: good\n      user: u\n      namespace: yaobank-customer',
        '  - name: kind-dead\n    context:\n      cluster: dead\n      user: u',
        'current-context: kind-dead',
        '',
      ].join('\n'),
    );
    const h = startLabelService({ kubeconfig: path });
    try {
      assert.deepEqual(h.service.listContexts(), {
        contexts: [
          { name: 'kind-prod', cluster: 'good', namespace: 'yaobank-customer', current: false },
          { name: 'kind-dead', cluster: 'dead', current: true },
        ],
      });
      h.settings.context = 'kind-prod';
      h.service.settingsChanged();
      await h.service.refreshCluster();
      assert.equal(h.service.status().cluster.state, 'ready');
      assert.equal(h.service.status().cluster.context, 'kind-prod');
      assert.equal(h.service.listContexts().contexts.find((c) => c.current)?.name, 'kind-prod');
      h.settings.context = 'nope';
      h.service.settingsChanged();
      await h.service.refreshCluster();
      assert.equal(h.service.status().cluster.state, 'error');
      assert.match(h.service.status().cluster.message ?? '', /context "nope" is not in the kubeconfig/);
      assert.ok(!h.transcript().includes(api.token));
    } finally {
      h.service.dispose();
    }
  });

  test('a kubeconfig that is not YAML gives an error status without quoting the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'calico-bad-'));
    const path = join(dir, 'config');
    writeFileSync(path, 'users: [ {token: secret-abcdefgh-123\n');
    const h = startLabelService({ kubeconfig: path });
    try {
      await h.service.refreshCluster();
      assert.equal(h.service.status().cluster.state, 'error');
      assert.match(h.service.status().cluster.message ?? '', /not a valid kubeconfig/);
      assert.match(h.service.listContexts().error ?? '', /not a valid kubeconfig/);
      assert.ok(!h.transcript().includes('secret-abcdefgh-123'));
    } finally {
      h.service.dispose();
    }
  });
});
