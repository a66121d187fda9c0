// Cluster labels through the language server: completion from the stand-in API, every fault's status
// and fallback to workspace labels, no secret in any output, and no contact from an untrusted workspace.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { FakeKubeApi, type FakeFault, type FakeKubeData } from '../support/fakeKubeApi';
import { writeKubeconfig } from '../support/kubeconfigFile';
import { hasOpenssl } from '../support/kubeCerts';
import { skipUnless } from '../support/requiredTool';
import { completeSelector, completeUntil, startClusterServer, statuses, waitForClusterState, waitForStatus, workspaceWithDeployment, WORKSPACE_LABEL } from '../support/kubeLsp';
import type { LspTestClient } from '../support/lspClient';
import type { ListContextsResult, StatusParams } from '../../protocol';

const skip = skipUnless(hasOpenssl(), 'openssl', 'Debian: apt-get install openssl; it makes the stand-in API certificates');

const cluster: Partial<FakeKubeData> = {
  namespaces: [{ name: 'yaobank-customer', labels: { tenant: 'yaobank' } }, { name: 'yaobank-database' }],
  pods: [
    { name: 'customer-7d9f-a', namespace: 'yaobank-customer', labels: { app: 'customer', version: 'v1' } },
    { name: 'customer-7d9f-b', namespace: 'yaobank-customer', labels: { app: 'customer', version: 'v1' } },
    { name: 'database-0', namespace: 'yaobank-database', labels: { app: 'database' } },
  ],
};

describe('cluster labels over LSP', { skip }, () => {
  let api: FakeKubeApi;
  let workspace: string;
  before(async () => {
    api = await FakeKubeApi.start({ data: cluster });
    workspace = workspaceWithDeployment();
  });
  after(() => api?.stop());

  async function withServer(options: Parameters<typeof startClusterServer>[0], body: (client: LspTestClient) => Promise<void>) {
    const client = await startClusterServer(options);
    try {
      await body(client);
    } finally {
      await client.shutdown();
    }
  }

  test('completion offers the cluster\'s labels next to the workspace\'s, fetched lazily', async () => {
    await api.setFault('none');
    api.requests.length = 0;
    const kubeconfig = writeKubeconfig({ server: api.url, token: api.token });
    await withServer({ kubeconfig, workspace }, async (client) => {
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(api.requests.length, 0, 'the cluster is not contacted before a completion asks');
      const keys = await completeUntil(client, (l) => l.includes('app') && l.includes(WORKSPACE_LABEL));
      assert.ok(keys.includes('version'));
      const values = await completeSelector(client, 'app == ');
      assert.ok(values.labels.some((l) => l.includes('customer')), JSON.stringify(values.labels));
      const ready = await waitForClusterState(client, (c) => c.state === 'ready', 'ready status');
      assert.equal(ready.cluster.context, 'fake-cluster');
      assert.equal(ready.cluster.counts?.pods, 3);
      const contexts = await client.request<ListContextsResult>('calico/listContexts');
      assert.deepEqual(contexts.contexts.map((c) => [c.name, c.current]), [['fake-cluster', true]]);
      const refreshed = await client.request<StatusParams>('calico/refreshCluster');
      assert.equal(refreshed.cluster.state, 'ready');
    });
  });

  const faults: [FakeFault, RegExp][] = [
    ['refuse', /connection refused/],
    ['hang', /no answer/],
    ['401', /unauthorized/],
    ['403', /forbidden/],
    ['500', /HTTP 500/],
    ['badJson', /not valid JSON/],
  ];
  for (const [fault, message] of faults) {
    test(`fault ${fault}: status says so, completion falls back to workspace labels`, async () => {
      await api.setFault(fault);
      api.allowedNamespaces = fault === '403' ? [] : undefined;
      api.forbidNamespaceList = fault === '403';
      const kubeconfig = writeKubeconfig({ server: api.url, token: api.token });
      try {
        // Only the hang needs a short deadline; the others answer at once.
        const env = fault === 'hang' ? { CALICO_CLUSTER_TIMEOUT_MS: '800' } : undefined;
        await withServer({ kubeconfig, workspace, env }, async (client) => {
          const keys = await completeUntil(client, (l) => l.includes(WORKSPACE_LABEL));
          assert.ok(!keys.includes('app'));
          const s = await waitForClusterState(client, (c) => c.state === 'error', 'error status');
          assert.match(s.cluster.message ?? '', message);
          // The workspace scan may finish after the first error status; a later status must count its pods.
          await waitForStatus(client, (st) => st.cluster.state === 'error' && st.workspace.pods >= 1, 'workspace labels still counted');
          const after = await completeSelector(client);
          assert.ok(after.labels.includes(WORKSPACE_LABEL));
        });
      } finally {
        await api.setFault('none');
        api.allowedNamespaces = undefined;
        api.forbidNamespaceList = false;
      }
    });
  }

  test('it recovers by itself when the cluster comes back', async () => {
    await api.setFault('refuse');
    const kubeconfig = writeKubeconfig({ server: api.url, token: api.token });
    try {
      await withServer({ kubeconfig, workspace, env: { CALICO_CLUSTER_RETRY_MS: '300' } }, async (client) => {
        await completeSelector(client);
        await waitForClusterState(client, (c) => c.state === 'error', 'error status');
        await api.setFault('none');
        await waitForClusterState(client, (c) => c.state === 'ready', 'recovered status');
        await completeUntil(client, (l) => l.includes('app'));
      });
    } finally {
      await api.setFault('none');
    }
  });

  test('the token never appears in any output: logs, status, diagnostics, answers, stderr', async () => {
    const stderr: string[] = [];
    const seen: unknown[] = [];
    const scenarios = [
      writeKubeconfig({ server: api.url, token: api.token }),
      writeKubeconfig({ server: api.url, exec: { token: api.token } }),
      // The failing plugin prints the token on stderr, as real plugins sometimes do.
      writeKubeconfig({ server: api.url, exec: { token: api.token, fail: true } }),
    ];
    for (const [i, kubeconfig] of scenarios.entries()) {
      await api.setFault(i === 0 ? '401' : 'none');
      await withServer({ kubeconfig, workspace, stderr }, async (client) => {
        const { uri, labels } = await completeSelector(client);
        seen.push(labels);
        await waitForClusterState(client, (c) => c.state === 'ready' || c.state === 'error', 'a final state');
        seen.push(await client.request('calico/refreshCluster'));
        seen.push(await client.request('calico/listContexts'));
        seen.push(client.lastDiagnostics(uri));
        seen.push(client.notifications);
      });
    }
    await api.setFault('none');
    const everything = JSON.stringify(seen) + stderr.join('');
    assert.ok(everything.includes('could not get credentials'), 'the failing exec plugin was reported');
    assert.ok(!everything.includes(api.token), 'the token leaked into some output');
  });

  test('an untrusted workspace never connects; trusting it later does', async () => {
    await api.setFault('none');
    api.requests.length = 0;
    const kubeconfig = writeKubeconfig({ server: api.url, exec: { token: api.token } });
    await withServer({ kubeconfig, workspace, trusted: false }, async (client) => {
      const keys = await completeUntil(client, (l) => l.includes(WORKSPACE_LABEL));
      assert.ok(!keys.includes('app'));
      const refreshed = await client.request<StatusParams>('calico/refreshCluster');
      assert.equal(refreshed.cluster.state, 'untrusted');
      assert.match(refreshed.cluster.message ?? '', /untrusted/);
      assert.ok(statuses(client).every((s) => s.cluster.state !== 'ready' && s.cluster.state !== 'loading'));
      assert.equal(api.requests.length, 0, 'an untrusted workspace contacted the cluster');
      await client.notify('calico/workspaceTrust', { trusted: true });
      await completeUntil(client, (l) => l.includes('app'));
      assert.ok(api.requests.length > 0);
    });
  });
});
