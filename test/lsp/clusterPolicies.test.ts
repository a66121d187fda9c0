// The cluster's policies through the language server: the tree in evaluation order, read-only cluster documents
// with the language features, Compare with Cluster, missing data in the status, faults and trust.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FakeKubeApi } from '../support/fakeKubeApi';
import { writeKubeconfig } from '../support/kubeconfigFile';
import { hasOpenssl } from '../support/kubeCerts';
import { startClusterServer } from '../support/kubeLsp';
import { tutorialCluster } from '../support/clusterPolicyData';
import type { LspTestClient } from '../support/lspClient';
import type { ClusterDocumentResult, ClusterPoliciesResult, ClusterPoliciesStatus, CompareWithClusterResult, SimulateResult } from '../../protocol';

const skip = hasOpenssl() ? false : 'openssl is not installed (needed for the stand-in API certificates)';

const workspacePolicy = `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: allow-web
  namespace: frontend
spec:
  order: 200
  selector: app == "web"
  types:
    - Ingress
  ingress:
    - action: Allow
      protocol: TCP
      destination:
        ports:
          - 8080
`;

describe('cluster policies over LSP', { skip }, () => {
  let api: FakeKubeApi;
  let workspace: string;
  before(async () => {
    api = await FakeKubeApi.start({ data: tutorialCluster(), calicoApi: true });
    workspace = mkdtempSync(join(tmpdir(), 'calico-lsp-policies-'));
    writeFileSync(join(workspace, 'allow-web.yaml'), workspacePolicy);
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

  test('the tree: tiers in evaluation order, policies in order with rules, sets, Kubernetes policies, workspace links', async () => {
    const kubeconfig = writeKubeconfig({ server: api.url, token: api.token });
    await withServer({ kubeconfig, workspace }, async (client) => {
      const tree = await client.request<ClusterPoliciesResult>('calico/clusterPolicies', {});
      assert.equal(tree.status.state, 'ready');
      assert.ok(tree.status.fetchedAt, 'the snapshot time is shown');
      assert.deepEqual(tree.tiers.map((t) => [t.name, t.order, t.defaultAction]), [['security', 100, 'Pass'], ['default', 1000000, 'Deny']]);
      // Reference §8: ascending order, unordered last, ties by name; staged policies sit where they would apply.
      assert.deepEqual(tree.tiers[0].policies.map((p) => [p.kind, p.name, p.order, p.staged]), [
        ['StagedGlobalNetworkPolicy', 'security.staged-quarantine', 1, true],
        ['NetworkPolicy', 'security.payments-lockdown', 5, false],
        ['GlobalNetworkPolicy', 'security.block-bad-nets', 10, false],
      ]);
      assert.deepEqual(tree.tiers[1].policies.map((p) => [p.name, p.order]), [['allow-dns', 50], ['tighter-web', 100], ['allow-web', 200], ['default-deny', undefined]]);
      const web = tree.tiers[1].policies[2];
      assert.equal(web.selector, 'app == "web"');
      assert.equal(web.namespace, 'frontend');
      assert.deepEqual(web.rules.map((r) => [r.direction, r.action]), [['ingress', 'Allow']]);
      assert.match(web.rules[0].summary, /80/);
      assert.equal(web.workspaceUri, pathToFileURL(join(workspace, 'allow-web.yaml')).href);
      assert.deepEqual(tree.kubernetesPolicies.map((p) => [p.kind, p.namespace, p.name, p.staged]), [
        ['NetworkPolicy', 'payments', 'api-ingress', false],
        ['StagedKubernetesNetworkPolicy', 'payments', 'staged-knp', true],
      ]);
      assert.deepEqual(tree.networkSets.map((s) => [s.kind, s.name, s.nets]), [['GlobalNetworkSet', 'bad-nets', ['198.51.100.0/24']], ['NetworkSet', 'partners', ['203.0.113.0/24']]]);
      const filtered = await client.request<ClusterPoliciesResult>('calico/clusterPolicies', { namespace: 'payments' });
      assert.ok(filtered.tiers.flatMap((t) => t.policies).every((p) => p.namespace === undefined || p.namespace === 'payments'));
      assert.ok(filtered.tiers[0].policies.some((p) => p.name === 'security.payments-lockdown'));
      assert.ok(!filtered.tiers[1].policies.some((p) => p.name === 'allow-web'));
    });
  });

  test('a cluster policy opens as a read-only YAML document with diagnostics, hover and lenses', async () => {
    const kubeconfig = writeKubeconfig({ server: api.url, token: api.token });
    await withServer({ kubeconfig, workspace }, async (client) => {
      const tree = await client.request<ClusterPoliciesResult>('calico/clusterPolicies', {});
      const gnp = tree.tiers[0].policies.find((p) => p.name === 'security.block-bad-nets')!;
      assert.match(gnp.uri, /^calico-cluster:\/fake-cluster\/globalnetworkpolicies\.projectcalico\.org\/_\/security\.block-bad-nets\.yaml$/);
      const doc = await client.request<ClusterDocumentResult>('calico/clusterDocument', { uri: gnp.uri });
      assert.ok(doc.text);
      assert.match(doc.text!, /^# Read-only: GlobalNetworkPolicy from cluster context fake-cluster\n/);
      assert.doesNotMatch(doc.text!, /resourceVersion|uid:|creationTimestamp|last-applied/);
      await client.open(gnp.uri, doc.text!);
      const diagnostics = await client.diagnostics(gnp.uri);
      assert.deepEqual(diagnostics.filter((d) => d.severity === 1), [], 'a valid cluster policy has no errors');
      const lines = doc.text!.split('\n');
      const line = lines.findIndex((l) => l.includes('threat == "high"'));
      const hover = await client.hover(gnp.uri, { line, character: lines[line].indexOf('threat') + 1 });
      assert.ok(hover, 'hover on a selector in a cluster document');
      const lenses = await Promise.all(((await client.codeLenses(gnp.uri)) ?? []).map((l) => (l.command ? l : client.resolveCodeLens(l))));
      assert.ok((lenses ?? []).some((l) => l.command?.command === 'calico.explainPolicy' && /tier `security`, order 10/.test(l.command.title)), JSON.stringify(lenses));
      const explained = await client.request<{ markdown: string; title: string }>('calico/explainPolicy', { uri: gnp.uri });
      assert.match(explained.title, /block-bad-nets/);
      const unknown = await client.request<ClusterDocumentResult>('calico/clusterDocument', { uri: 'calico-cluster:/fake-cluster/tiers.projectcalico.org/_/nope.yaml' });
      assert.equal(unknown.text, undefined);
      assert.match(unknown.message ?? '', /not in the cluster snapshot/);
    });
  });

  test('Compare with Cluster: the workspace file against the cluster object, server fields dropped', async () => {
    const kubeconfig = writeKubeconfig({ server: api.url, token: api.token });
    await withServer({ kubeconfig, workspace }, async (client) => {
      const uri = pathToFileURL(join(workspace, 'allow-web.yaml')).href;
      await client.open(uri, workspacePolicy);
      const result = await client.request<CompareWithClusterResult>('calico/compareWithCluster', { uri, position: { line: 3, character: 2 } });
      assert.equal(result.title, 'NetworkPolicy frontend/allow-web');
      assert.ok(result.clusterText, result.message);
      assert.match(result.clusterText!, /- 80\n/);
      assert.doesNotMatch(result.clusterText!, /8080|uid|resourceVersion|creationTimestamp|managedFields/);
      assert.match(result.clusterText!, /owner: web-team/);
      const missingUri = pathToFileURL(join(workspace, 'new.yaml')).href;
      await client.open(missingUri, workspacePolicy.replace('allow-web', 'brand-new'));
      const none = await client.request<CompareWithClusterResult>('calico/compareWithCluster', { uri: missingUri });
      assert.equal(none.clusterText, undefined);
      assert.match(none.message ?? '', /not in the cluster/);
    });
  });

  test('effective policies: a lens and a hover on a Deployment list the policies selecting its pods, by tier', async () => {
    const kubeconfig = writeKubeconfig({ server: api.url, token: api.token });
    await withServer({ kubeconfig, workspace }, async (client) => {
      await client.request<ClusterPoliciesResult>('calico/clusterPolicies', {});
      const uri = pathToFileURL(join(workspace, 'api.yaml')).href;
      const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: payments\nspec:\n  template:\n    metadata:\n      labels:\n        app: api\n';
      await client.open(uri, text);
      // Reference §8: tiers by order (security 100, default), policies by order; staged ones are not enforced;
      // the Kubernetes policy counts as knp.default.api-ingress at order 1000 in the default tier.
      const expected = 'selected by 4 policies — tier security: security.payments-lockdown, security.block-bad-nets; tier default: allow-dns, knp.default.api-ingress';
      const lenses = await client.waitFor(async () => {
        const l = (await client.codeLenses(uri)) ?? [];
        return l.some((x) => x.command?.title === expected) ? l : undefined;
      }, 'the effective-policies lens', 15_000).catch(async () => (await client.codeLenses(uri)) ?? []) ?? [];
      const effective = lenses.filter((l) => l.command?.title.startsWith('selected by') || l.command?.title.startsWith('no '));
      assert.deepEqual(effective.map((l) => l.command?.title), [expected]);
      assert.equal(effective[0].range.start.line, 0);
      const hover = await client.hover(uri, { line: 3, character: 8 });
      const value = (hover?.contents as { value: string } | undefined)?.value ?? '';
      assert.match(value, /\*\*payments\/api\*\* — selected by 4 policies/);
      assert.match(value, /\[payments\/security\.payments-lockdown\]\(calico-cluster:\/fake-cluster\/networkpolicies\.projectcalico\.org\/payments\/security\.payments-lockdown\.yaml\)/);
      // A workspace file replacing a cluster policy changes the answer at once.
      const override = pathToFileURL(join(workspace, 'lockdown.yaml')).href;
      await client.open(override, 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: security.payments-lockdown\n  namespace: payments\nspec:\n  tier: security\n  order: 5\n  selector: app == "other"\n  types: [Ingress]\n');
      const after = (await client.codeLenses(uri)) ?? [];
      assert.equal(after.find((l) => l.command?.title.startsWith('selected by'))?.command?.title, 'selected by 3 policies — tier security: security.block-bad-nets; tier default: allow-dns, knp.default.api-ingress');
    });
  });

  test('calico/simulate with scope cluster+workspace: the cluster\'s policies, workspace workloads, a workspace file replacing a policy', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'calico-lsp-sim-'));
    writeFileSync(
      join(ws, 'default-deny.yaml'),
      'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: frontend\nspec:\n  selector: all()\n  types: [Ingress, Egress]\n  egress:\n    - action: Allow\n      protocol: TCP\n      destination:\n        ports: [8443]\n',
    );
    const deployment = (name: string, ns: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  template:\n    metadata:\n      labels:\n        app: ${name}\n`;
    writeFileSync(join(ws, 'apps.yaml'), `${deployment('web', 'frontend')}---\n${deployment('api', 'payments')}`);
    const kubeconfig = writeKubeconfig({ server: api.url, token: api.token });
    // The editor's endpoints are the workspace's workloads; the policies come from the cluster.
    const flows = [{ from: 'frontend/web', to: 'payments/api', protocol: 'TCP', port: 8443 }];
    await withServer({ kubeconfig, workspace: ws }, async (client) => {
      const both = await client.request<SimulateResult>('calico/simulate', { flows, scope: 'cluster+workspace' });
      const r = both.results[0];
      assert.equal(r.verdict, 'allow');
      const egress = r.trace.egress?.tiers.flatMap((t) => t.policies).find((p) => p.policy === 'frontend/default-deny');
      assert.equal(egress?.source, 'workspace', 'the workspace file replaced the cluster policy');
      assert.equal(r.decidedBy.source, 'cluster', 'ingress at api: the cluster\'s payments-lockdown decides');
      assert.deepEqual(both.warnings, []);
      api.namespaceRbac.set('projectcalico.org/v3/networkpolicies', ['frontend']);
      try {
        await client.request<ClusterPoliciesResult>('calico/clusterPolicies', { refresh: true });
        const partial = await client.request<SimulateResult>('calico/simulate', { flows, scope: 'cluster+workspace' });
        assert.ok(partial.warnings.some((w) => /payments/.test(w) && /forbidden/.test(w)), JSON.stringify(partial.warnings));
        assert.match(partial.results[0].uncertain ?? '', /payments/);
      } finally {
        api.namespaceRbac.clear();
      }
    });
  });

  test('partial RBAC reaches the status as missing data, with a sentence per item', async () => {
    api.namespaceRbac.set('projectcalico.org/v3/networkpolicies', ['frontend']);
    const kubeconfig = writeKubeconfig({ server: api.url, token: api.token });
    try {
      await withServer({ kubeconfig, workspace }, async (client) => {
        const tree = await client.request<ClusterPoliciesResult>('calico/clusterPolicies', {});
        assert.deepEqual(tree.status.warnings, ['cluster policies in `payments` could not be read: forbidden']);
        await client.waitFor(() => client.received<ClusterPoliciesStatus>('calico/clusterPoliciesStatus').find((s) => s.warnings.length === 1), 'status notification');
        // The compare answer says it may exist instead of "not in the cluster".
        const uri = 'untitled:payments.yaml';
        await client.open(uri, workspacePolicy.replace('frontend', 'payments').replace('allow-web', 'security.payments-lockdown'));
        const result = await client.request<CompareWithClusterResult>('calico/compareWithCluster', { uri });
        assert.match(result.message ?? '', /could not be read \(forbidden\), so it may exist/);
      });
    } finally {
      api.namespaceRbac.clear();
    }
  });

  test('faults: a clear status and an empty tree; recovery on its own', async () => {
    await api.setFault('500');
    const kubeconfig = writeKubeconfig({ server: api.url, token: api.token });
    try {
      await withServer({ kubeconfig, workspace, env: { CALICO_CLUSTER_RETRY_MS: '200' } }, async (client) => {
        const tree = await client.request<ClusterPoliciesResult>('calico/clusterPolicies', {});
        assert.equal(tree.status.state, 'error');
        assert.match(tree.status.message ?? '', /HTTP 500/);
        assert.deepEqual(tree.tiers, []);
        await api.setFault('none');
        await client.waitFor(() => client.received<ClusterPoliciesStatus>('calico/clusterPoliciesStatus').find((s) => s.state === 'ready'), 'recovered');
        const again = await client.request<ClusterPoliciesResult>('calico/clusterPolicies', {});
        assert.equal(again.tiers.length, 2);
      });
    } finally {
      await api.setFault('none');
    }
  });

  test('an untrusted workspace never reads the cluster policies', async () => {
    api.requests.length = 0;
    const kubeconfig = writeKubeconfig({ server: api.url, token: api.token });
    await withServer({ kubeconfig, workspace, trusted: false }, async (client) => {
      const tree = await client.request<ClusterPoliciesResult>('calico/clusterPolicies', {});
      assert.equal(tree.status.state, 'untrusted');
      assert.deepEqual(tree.tiers, []);
      assert.equal(api.requests.length, 0);
      await client.notify('calico/workspaceTrust', { trusted: true });
      const trusted = await client.request<ClusterPoliciesResult>('calico/clusterPolicies', {});
      assert.equal(trusted.status.state, 'ready');
    });
  });
});
