// The cluster policy source against the stand-in API: every kind through projectcalico.org/v3, the CRD fallback
// mapped to v3 names, paging, partial RBAC reported as missing, each fault, recovery, staleness and trust.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { FakeKubeApi, type FakeFault } from '../../support/fakeKubeApi';
import { writeKubeconfig } from '../../support/kubeconfigFile';
import { hasOpenssl } from '../../support/kubeCerts';
import { tutorialCluster, tutorialPolicies, tutorialPoliciesAsCrds } from '../../support/clusterPolicyData';
import { ClusterPolicySource, missingSentence, readPolicySnapshot, type PolicySnapshot } from '../../../server/src/cluster';
import { KubeMetadataClient } from '../../../server/src/labels/cluster/kubeClient';
import { loadKubeConfig } from '../../../server/src/labels/cluster/kubeconfig';
import { Redactor } from '../../../server/src/labels/cluster/redactor';
import { defaultSettings, type CalicoSettings } from '../../../server/src/settings';

const skip = hasOpenssl() ? false : 'openssl is not installed (needed for the stand-in API certificates)';

const names = (snap: PolicySnapshot) => snap.objects.map((o) => `${o.object.apiVersion} ${o.kind.kind} ${o.namespace ? o.namespace + '/' : ''}${o.name}`).sort();

describe('cluster policy source against the stand-in API', { skip }, () => {
  let api: FakeKubeApi;
  let kubeconfig: string;
  before(async () => {
    api = await FakeKubeApi.start({ data: tutorialCluster(), calicoApi: true });
    kubeconfig = writeKubeconfig({ server: api.url, token: api.token, namespace: 'frontend' });
  });
  after(() => api.stop());

  async function reset(options: { fault?: FakeFault; v3?: boolean; crd?: boolean } = {}) {
    await api.setFault(options.fault ?? 'none');
    api.calicoApi = options.v3 ?? true;
    api.crdApi = options.crd ?? false;
    api.data.objects = options.v3 === false ? tutorialPoliciesAsCrds() : tutorialPolicies();
    api.forbiddenKinds.clear();
    api.namespaceRbac.clear();
    api.unservedKinds.clear();
    api.allowedNamespaces = undefined;
    api.forbidNamespaceList = false;
    api.requests.length = 0;
  }

  function read(pageSize = 500, config = kubeconfig): Promise<PolicySnapshot> {
    const loaded = loadKubeConfig({ kubeconfig: config, context: '' });
    return readPolicySnapshot(new KubeMetadataClient(loaded, 2000, new Redactor(), pageSize), loaded.context, loaded.namespace);
  }

  function source(options: { settings?: Partial<CalicoSettings>; trusted?: boolean; timeoutMs?: number; retryMs?: number; config?: string } = {}) {
    const logs: string[] = [];
    const settings: CalicoSettings = { ...defaultSettings, kubeconfig: options.config ?? kubeconfig, ...options.settings };
    let changes = 0;
    const src = new ClusterPolicySource({
      getSettings: () => settings,
      trusted: options.trusted ?? true,
      onChange: () => changes++,
      log: (m) => logs.push(m),
      requestTimeoutMs: options.timeoutMs ?? 2000,
      retryDelayMs: options.retryMs ?? 60_000,
    });
    return { src, logs, settings, changes: () => changes };
  }

  test('every Calico kind is read through projectcalico.org/v3 and Kubernetes NetworkPolicies through networking.k8s.io/v1', async () => {
    await reset();
    const snap = await read();
    assert.equal(snap.calicoGroup, 'projectcalico.org/v3');
    assert.deepEqual(names(snap), [
      'networking.k8s.io/v1 NetworkPolicy payments/api-ingress',
      'projectcalico.org/v3 GlobalNetworkPolicy allow-dns',
      'projectcalico.org/v3 GlobalNetworkPolicy security.block-bad-nets',
      'projectcalico.org/v3 GlobalNetworkSet bad-nets',
      'projectcalico.org/v3 NetworkPolicy frontend/allow-web',
      'projectcalico.org/v3 NetworkPolicy frontend/default-deny',
      'projectcalico.org/v3 NetworkPolicy payments/security.payments-lockdown',
      'projectcalico.org/v3 NetworkSet payments/partners',
      'projectcalico.org/v3 StagedGlobalNetworkPolicy security.staged-quarantine',
      'projectcalico.org/v3 StagedKubernetesNetworkPolicy payments/staged-knp',
      'projectcalico.org/v3 StagedNetworkPolicy frontend/tighter-web',
      'projectcalico.org/v3 Tier default',
      'projectcalico.org/v3 Tier security',
    ]);
    assert.deepEqual(snap.missing, []);
    // Only list verbs, only GETs, never the CRD group when v3 answers.
    assert.ok(api.requests.every((r) => r.method === 'GET'));
    assert.ok(!api.requests.some((r) => r.path.includes('crd.projectcalico.org')));
    const gnp = snap.objects.find((o) => o.name === 'security.block-bad-nets')!;
    const meta = gnp.object.metadata as Record<string, unknown>;
    for (const field of ['uid', 'resourceVersion', 'creationTimestamp']) assert.equal(meta[field], undefined, `${field} is server-managed`);
    assert.equal(meta.annotations, undefined, 'the last-applied annotation is dropped');
  });

  test('lists are paged with limit and continue', async () => {
    await reset();
    const snap = await read(1);
    const pages = api.requests.filter((r) => r.path === '/apis/projectcalico.org/v3/networkpolicies');
    // 4 v3 NetworkPolicies (one the knp mirror) at 1 a page.
    assert.equal(pages.length, 4);
    assert.ok(pages.every((r) => r.query.get('limit') === '1'));
    assert.equal(pages.filter((r) => r.query.get('continue')).length, 3);
    assert.equal(snap.objects.filter((o) => o.kind.kind === 'NetworkPolicy' && o.kind.family === 'calico').length, 3);
  });

  test('without the Calico API server, the CRD storage is read and shown as v3 would show it', async () => {
    await reset({ v3: false, crd: true });
    const snap = await read();
    assert.equal(snap.calicoGroup, 'crd.projectcalico.org/v1');
    assert.ok(snap.notes.some((n) => /projectcalico\.org\/v3 is not served.*crd\.projectcalico\.org\/v1/.test(n)), snap.notes.join('\n'));
    const v3 = await (async () => {
      await reset();
      return read();
    })();
    // The same names and kinds as through v3 (v3 also lists the knp mirror, which both views leave out).
    assert.deepEqual(names(snap), names(v3));
    const web = snap.objects.find((o) => o.name === 'allow-web')!;
    assert.equal((web.object.spec as { tier?: string }).tier, 'default');
    assert.deepEqual((web.object.metadata as { labels?: unknown }).labels, { owner: 'web-team' }, 'labels come back from projectcalico.org/metadata');
    assert.equal((web.object.metadata as { annotations?: unknown }).annotations, undefined);
    assert.equal(snap.objects.find((o) => o.name === 'security.payments-lockdown')?.object.apiVersion, 'projectcalico.org/v3');
  });

  test('a cluster without Calico still yields its Kubernetes NetworkPolicies', async () => {
    await reset({ v3: false, crd: false });
    const snap = await read();
    assert.equal(snap.calicoGroup, undefined);
    assert.deepEqual(names(snap), ['networking.k8s.io/v1 NetworkPolicy payments/api-ingress']);
    assert.ok(snap.notes.some((n) => /Calico API not served/.test(n)));
    assert.deepEqual(snap.missing, []);
  });

  test('partial RBAC: forbidden namespaces and kinds are reported as missing, never as "no policy"', async () => {
    await reset();
    api.namespaceRbac.set('projectcalico.org/v3/networkpolicies', ['frontend']);
    api.namespaceRbac.set('networking.k8s.io/v1/networkpolicies', ['frontend']);
    api.forbiddenKinds.add('projectcalico.org/v3/globalnetworksets');
    const snap = await read();
    assert.deepEqual(snap.missing, [
      { kind: 'NetworkPolicy', namespace: 'payments', reason: 'forbidden' },
      { kind: 'GlobalNetworkSet', reason: 'forbidden' },
      { kind: 'KubernetesNetworkPolicy', namespace: 'payments', reason: 'forbidden' },
    ]);
    assert.equal(missingSentence(snap.missing[0]), 'cluster policies in `payments` could not be read: forbidden');
    assert.ok(names(snap).includes('projectcalico.org/v3 NetworkPolicy frontend/allow-web'));
    assert.ok(!names(snap).some((n) => n.includes('payments-lockdown')));
  });

  test('when namespaces cannot be listed either, the context namespace is read and the rest is missing', async () => {
    await reset();
    api.namespaceRbac.set('projectcalico.org/v3/networkpolicies', ['frontend']);
    api.allowedNamespaces = ['frontend'];
    api.forbidNamespaceList = true;
    const snap = await read();
    assert.ok(names(snap).includes('projectcalico.org/v3 NetworkPolicy frontend/allow-web'));
    assert.ok(snap.missing.some((m) => m.kind === 'NetworkPolicy' && /forbidden in all namespaces but frontend/.test(m.reason)), JSON.stringify(snap.missing));
  });

  test('a kind the cluster does not serve holds nothing: a note, not a missing item', async () => {
    await reset();
    api.unservedKinds.add('projectcalico.org/v3/stagedkubernetesnetworkpolicies');
    const snap = await read();
    assert.ok(snap.notes.includes('StagedKubernetesNetworkPolicy is not served by projectcalico.org/v3'));
    assert.deepEqual(snap.missing, []);
    assert.ok(!names(snap).some((n) => n.includes('staged-knp')));
  });

  const faults: [FakeFault | 'wrongCa', RegExp][] = [
    ['refuse', /cannot reach https:\/\/127\.0\.0\.1:\d+ \(connection refused\)/],
    ['hang', /no answer from https:\/\/127\.0\.0\.1:\d+ within/],
    ['401', /unauthorized \(401\)/],
    ['403', /forbidden to list any policy kind/],
    ['500', /\(HTTP 500\)/],
    ['badJson', /not valid JSON/],
    ['wrongCa', /TLS error/],
  ];
  for (const [fault, message] of faults) {
    test(`fault ${fault}: a clear error status, nothing shown, and recovery on its own`, async () => {
      await reset({ fault: fault === 'wrongCa' ? 'none' : fault });
      const config = fault === 'wrongCa' ? writeKubeconfig({ server: api.url, token: api.token, wrongCa: true }) : kubeconfig;
      const h = source({ config, timeoutMs: fault === 'hang' ? 300 : 2000, retryMs: 200 });
      try {
        await h.src.refresh();
        const s = h.src.status();
        assert.equal(s.state, 'error');
        assert.match(s.message ?? '', message);
        assert.equal(s.fetchedAt, undefined);
        assert.equal(h.src.snapshot, undefined);
        assert.ok(!JSON.stringify(s).includes(api.token) && !h.logs.join('\n').includes(api.token));
        if (fault === 'wrongCa') return;
        await api.setFault('none');
        const deadline = Date.now() + 10_000;
        while (h.src.status().state !== 'ready' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        assert.equal(h.src.status().state, 'ready', 'recovered without being asked');
        assert.ok(((h.src.snapshot as PolicySnapshot | undefined)?.objects.length ?? 0) > 0);
      } finally {
        h.src.dispose();
      }
    });
  }

  test('after a good read, a fault keeps the old objects marked stale with their snapshot time', async () => {
    await reset();
    const h = source();
    try {
      await h.src.refresh();
      const first = h.src.status();
      assert.equal(first.state, 'ready');
      assert.ok(first.fetchedAt);
      assert.deepEqual(first.counts, { tiers: 2, policies: 8, networkSets: 2, kubernetesPolicies: 1 });
      await api.setFault('500');
      await h.src.refresh();
      const s = h.src.status();
      assert.equal(s.state, 'error');
      assert.equal(s.stale, true);
      assert.equal(s.fetchedAt, first.fetchedAt);
      assert.match(s.message ?? '', new RegExp(`showing policies read at ${first.fetchedAt!.replace(/[.]/g, '\\.')}`));
    } finally {
      h.src.dispose();
      await api.setFault('none');
    }
  });

  test('an untrusted workspace or turned-off cluster access never contacts the cluster', async () => {
    await reset();
    const untrusted = source({ trusted: false });
    const off = source({ settings: { cluster: { enabled: false, refreshInterval: 300 } } });
    try {
      await untrusted.src.refresh();
      await off.src.refresh();
      assert.equal(untrusted.src.status().state, 'untrusted');
      assert.equal(off.src.status().state, 'off');
      assert.equal(api.requests.length, 0);
      untrusted.src.setTrusted(true);
      await untrusted.src.refresh();
      assert.equal(untrusted.src.status().state, 'ready');
    } finally {
      untrusted.src.dispose();
      off.src.dispose();
    }
  });

  test('the token never reaches the log or the status, also through an exec plugin', async () => {
    await reset({ fault: '401' });
    const execFails = writeKubeconfig({ server: api.url, exec: { token: api.token, fail: true } });
    const a = source();
    const b = source({ config: execFails });
    try {
      await a.src.refresh();
      await b.src.refresh();
      const all = JSON.stringify([a.src.status(), b.src.status()]) + a.logs.join('') + b.logs.join('');
      assert.match(b.src.status().message ?? '', /could not get credentials/);
      assert.ok(!all.includes(api.token));
    } finally {
      a.src.dispose();
      b.src.dispose();
      await api.setFault('none');
    }
  });
});
