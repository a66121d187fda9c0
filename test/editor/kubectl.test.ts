// Proves the stand-in Kubernetes API is faithful enough: the real kubectl reads pods back from it.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FakeKubeApi } from '../support/fakeKubeApi';
import { writeKubeconfig } from '../support/kubeconfigFile';
import { hasOpenssl } from '../support/kubeCerts';
import { tutorialCluster } from '../support/clusterPolicyData';
import { ClusterPolicySource } from '../../server/src/cluster';
import { clusterTree } from '../../server/src/features/clusterTree';
import { defaultSettings } from '../../server/src/settings';
import { skipUnless } from '../support/requiredTool';

const run = promisify(execFile);
const kubectlPresent = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
const skip =
  skipUnless(kubectlPresent, 'a working kubectl (`kubectl version --client` succeeds)', 'Debian: apt-get install kubernetes-client') ||
  skipUnless(hasOpenssl(), 'openssl', 'Debian: apt-get install openssl; it makes the stand-in API certificates');

describe('kubectl against the stand-in Kubernetes API', { skip }, () => {
  let api: FakeKubeApi;
  let kubeconfig: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    api = await FakeKubeApi.start({
      data: {
        namespaces: [{ name: 'yaobank-customer', labels: { tenant: 'yaobank' } }, { name: 'yaobank-database' }],
        pods: [
          { name: 'customer-7d9f-a', namespace: 'yaobank-customer', labels: { app: 'customer' } },
          { name: 'customer-7d9f-b', namespace: 'yaobank-customer', labels: { app: 'customer' } },
          { name: 'database-0', namespace: 'yaobank-database', labels: { app: 'database' } },
        ],
      },
    });
    kubeconfig = writeKubeconfig({ server: api.url, token: api.token, namespace: 'yaobank-customer' });
    // A private HOME keeps kubectl's discovery cache out of the user's ~/.kube.
    const home = mkdtempSync(join(tmpdir(), 'calico-kubectl-home-'));
    env = { ...process.env, HOME: home, KUBECACHEDIR: join(home, 'cache'), KUBECONFIG: kubeconfig };
  });
  after(() => api?.stop());

  // The stand-in runs in this process, so kubectl must run asynchronously for it to answer.
  const kubectl = (...args: string[]) => run('kubectl', args, { env, timeout: 60_000 });

  test('lists pods in all namespaces, page by page, with their labels', async () => {
    const { stdout } = await kubectl('get', 'pods', '--all-namespaces', '--chunk-size=2', '-o', 'json');
    const list = JSON.parse(stdout) as { items: { metadata: { name: string; namespace: string; labels: Record<string, string> } }[] };
    assert.deepEqual(
      list.items.map((p) => [p.metadata.namespace, p.metadata.name, p.metadata.labels.app]),
      [
        ['yaobank-customer', 'customer-7d9f-a', 'customer'],
        ['yaobank-customer', 'customer-7d9f-b', 'customer'],
        ['yaobank-database', 'database-0', 'database'],
      ],
    );
    const pages = api.requests.filter((r) => r.path === '/api/v1/pods');
    assert.equal(pages.length, 2, 'kubectl followed the continue token');
    assert.ok(api.requests.every((r) => r.authorized), 'kubectl sent the bearer token');
  });

  test('label selectors and namespaces behave as kubectl expects', async () => {
    const { stdout } = await kubectl('get', 'pods', '-n', 'yaobank-database', '-o', 'name');
    assert.equal(stdout.trim(), 'pod/database-0');
    const { stdout: ns } = await kubectl('get', 'namespaces', '-o', 'jsonpath={.items[*].metadata.name}');
    assert.equal(ns.trim(), 'yaobank-customer yaobank-database');
  });

  test('RBAC refusals reach kubectl as Forbidden', async () => {
    api.allowedNamespaces = ['yaobank-customer'];
    try {
      await assert.rejects(kubectl('get', 'pods', '-n', 'yaobank-database', '-o', 'name'), (e: { stderr?: string }) => /forbidden/i.test(e.stderr ?? ''));
      const { stdout } = await kubectl('get', 'pods', '-n', 'yaobank-customer', '-o', 'name');
      assert.equal(stdout.trim().split('\n').length, 2);
    } finally {
      api.allowedNamespaces = undefined;
    }
  });

  describe('Calico and Kubernetes policies: kubectl lists what the Calico Policies view shows', () => {
    const objects = tutorialCluster().objects!;
    const ownPolicyView = async () => {
      const source = new ClusterPolicySource({ getSettings: () => ({ ...defaultSettings, kubeconfig }), trusted: true, onChange: () => {}, log: () => {} });
      try {
        await source.refresh();
        return clusterTree(source.snapshot, source.status());
      } finally {
        source.dispose();
      }
    };
    before(() => {
      api.calicoApi = true;
      api.data.objects = objects;
      api.data.namespaces.push({ name: 'frontend' }, { name: 'payments' });
    });
    after(() => {
      api.calicoApi = false;
      api.data.objects = [];
    });

    const names = async (...args: string[]) => {
      const { stdout } = await kubectl('get', ...args, '--chunk-size=2', '-o', 'json');
      return (JSON.parse(stdout) as { items: { metadata: { name: string; namespace?: string } }[] }).items.map((i) => (i.metadata.namespace ? `${i.metadata.namespace}/${i.metadata.name}` : i.metadata.name)).sort();
    };

    test('kubectl get gnp (the short name) lists the global policies of every tier', async () => {
      const view = await ownPolicyView();
      const shown = view.tiers.flatMap((t) => t.policies).filter((p) => p.kind === 'GlobalNetworkPolicy').map((p) => p.name).sort();
      assert.deepEqual(await names('gnp'), shown);
      assert.deepEqual(shown, ['allow-dns', 'security.block-bad-nets']);
    });

    test('kubectl get networkpolicies.projectcalico.org -A lists the Calico policies (plus the knp.default mirrors the view folds into Kubernetes policies)', async () => {
      const view = await ownPolicyView();
      const shown = view.tiers.flatMap((t) => t.policies).filter((p) => p.kind === 'NetworkPolicy').map((p) => `${p.namespace}/${p.name}`);
      const mirrors = view.kubernetesPolicies.filter((p) => p.kind === 'NetworkPolicy').map((p) => `${p.namespace}/knp.default.${p.name}`);
      assert.deepEqual(await names('networkpolicies.projectcalico.org', '-A'), [...shown, ...mirrors].sort());
      const { stdout } = await kubectl('get', 'cnp', '-n', 'frontend', '-o', 'name');
      assert.deepEqual(stdout.trim().split('\n').sort(), ['networkpolicy.projectcalico.org/allow-web', 'networkpolicy.projectcalico.org/default-deny']);
    });

    test('kubectl get networkpolicy -A lists the Kubernetes NetworkPolicies', async () => {
      const view = await ownPolicyView();
      const shown = view.kubernetesPolicies.filter((p) => p.kind === 'NetworkPolicy').map((p) => `${p.namespace}/${p.name}`);
      assert.deepEqual(await names('networkpolicies.networking.k8s.io', '-A'), shown);
      assert.deepEqual(await names('networkpolicy', '-A'), shown, 'the bare name resolves to networking.k8s.io, as on a real cluster');
      assert.deepEqual(shown, ['payments/api-ingress']);
    });

    test('kubectl get tiers and network sets match the view', async () => {
      const view = await ownPolicyView();
      assert.deepEqual(await names('tiers.projectcalico.org'), view.tiers.filter((t) => t.declared).map((t) => t.name).sort());
      assert.deepEqual(await names('globalnetworksets.projectcalico.org'), view.networkSets.filter((s) => s.kind === 'GlobalNetworkSet').map((s) => s.name));
      assert.deepEqual(await names('networksets.projectcalico.org', '-A'), view.networkSets.filter((s) => s.kind === 'NetworkSet').map((s) => `${s.namespace}/${s.name}`));
    });
  });

  test('a wrong token is rejected as kubectl would see from a real API server', async () => {
    const wrong = writeKubeconfig({ server: api.url, token: 'not-the-token-123' });
    await assert.rejects(run('kubectl', ['--kubeconfig', wrong, 'get', 'pods', '-o', 'name'], { env, timeout: 60_000 }), (e: { stderr?: string }) =>
      /unauthorized|must be logged in/i.test(e.stderr ?? ''),
    );
  });
});
