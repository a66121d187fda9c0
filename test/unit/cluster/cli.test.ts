// `calico-policy simulate --cluster` and `calico-policy diff-traffic` against the stand-in API: the cluster's
// policies and pods, workspace files replacing them, unreadable data as uncertain verdicts with warnings.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeKubeApi } from '../../support/fakeKubeApi';
import { writeKubeconfig } from '../../support/kubeconfigFile';
import { hasOpenssl } from '../../support/kubeCerts';
import { tutorialCluster } from '../../support/clusterPolicyData';
import { runCli } from '../../../server/src/cli/main';
import type { FlowResult } from '../../../protocol';
import type { DiffTrafficResult } from '../../../server/src/cli/diffTrafficCommand';

const skip = hasOpenssl() ? false : 'openssl is not installed (needed for the stand-in API certificates)';

async function cli(args: string[], env: Record<string, string | undefined> = {}) {
  let stdout = '';
  let stderr = '';
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: async () => '' });
    return { code, stdout, stderr };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

// Lets frontend's pods open connections to the payments API (the change about to be applied).
const egressToApi = `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: frontend
spec:
  selector: all()
  types: [Ingress, Egress]
  egress:
    - action: Allow
      protocol: TCP
      destination:
        namespaceSelector: kubernetes.io/metadata.name == "payments"
        selector: app == "api"
        ports: [8443]
`;

describe('simulate --cluster and diff-traffic against the stand-in API', { skip }, () => {
  let api: FakeKubeApi;
  let kubeconfig: string;
  let change: string;
  before(async () => {
    api = await FakeKubeApi.start({ data: tutorialCluster(), calicoApi: true });
    kubeconfig = writeKubeconfig({ server: api.url, token: api.token, context: 'prod' });
    const dir = mkdtempSync(join(tmpdir(), 'calico-diff-'));
    change = join(dir, 'default-deny.yaml');
    writeFileSync(change, egressToApi);
  });
  after(() => api.stop());

  const flow = ['--from', 'frontend/web-1', '--to', 'payments/api-1', '--protocol', 'TCP', '--port', '8443', '--format', 'json'];

  test('the cluster as it is: frontend default-deny stops web at egress (end of tier default), a cluster policy decides', async () => {
    const r = await cli(['simulate', '--cluster', '--kubeconfig', kubeconfig, ...flow]);
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout) as FlowResult;
    assert.equal(result.verdict, 'deny');
    assert.equal(result.decidedBy.side, 'egress');
    assert.equal(result.decidedBy.reason, 'end-of-tier');
    assert.equal(result.decidedBy.tier, 'default');
    assert.equal(result.uncertain, undefined);
  });

  test('a workspace file with the same kind/namespace/name replaces the cluster policy and is named as the source', async () => {
    const r = await cli(['simulate', '--cluster', '--kubeconfig', kubeconfig, change, ...flow]);
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout) as FlowResult;
    assert.equal(result.verdict, 'allow');
    assert.equal(result.decidedBy.source, 'cluster', 'the ingress side (payments-lockdown, from the cluster) decides last');
    assert.equal(result.trace.egress?.verdict, 'allow');
    const egressPolicy = result.trace.egress?.tiers.flatMap((t) => t.policies).find((p) => p.policy === 'frontend/default-deny');
    assert.equal(egressPolicy?.source, 'workspace');
  });

  test('the kubeconfig is found as kubectl finds it: KUBECONFIG, and --context picks the context', async () => {
    const viaEnv = await cli(['simulate', '--cluster', ...flow], { KUBECONFIG: kubeconfig });
    assert.equal(viaEnv.code, 0, viaEnv.stderr);
    const wrong = await cli(['simulate', '--cluster', '--context', 'staging', ...flow], { KUBECONFIG: kubeconfig });
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /cannot read the cluster: context "staging" is not in the kubeconfig/);
    const none = await cli(['simulate', '--cluster', ...flow], { KUBECONFIG: join(tmpdir(), 'no-such-kubeconfig') });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /cannot read the cluster: no kubeconfig found/);
  });

  test('unreadable policies make the verdict uncertain and the CLI warns, naming them', async () => {
    api.namespaceRbac.set('projectcalico.org/v3/networkpolicies', ['frontend']);
    try {
      const r = await cli(['simulate', '--cluster', '--kubeconfig', kubeconfig, ...flow]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /warning: cluster policies in `payments` could not be read: forbidden/);
      const result = JSON.parse(r.stdout) as FlowResult;
      assert.ok(result.uncertain, 'a verdict built on a partial picture is uncertain');
      assert.match(result.uncertain!, /payments/);
    } finally {
      api.namespaceRbac.clear();
    }
  });

  test('a cluster fault is a clear error, exit 2, no token', async () => {
    await api.setFault('401');
    try {
      const r = await cli(['simulate', '--cluster', '--kubeconfig', kubeconfig, ...flow]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /unauthorized \(401\)/);
      assert.ok(!(r.stdout + r.stderr).includes(api.token));
    } finally {
      await api.setFault('none');
    }
  });

  test('diff-traffic lists the flows the change allows, with the deciding rule before and after', async () => {
    const r = await cli(['diff-traffic', '--cluster', '--kubeconfig', kubeconfig, '--format', 'json', change]);
    assert.equal(r.code, 1, 'some flows change');
    const result = JSON.parse(r.stdout) as DiffTrafficResult;
    assert.equal(result.cluster?.context, 'prod');
    const c = result.changes.find((x) => x.from === 'frontend/web-1' && x.to === 'payments/api-1' && x.protocol === 'TCP' && x.port === 8443);
    assert.ok(c, JSON.stringify(result.changes));
    assert.equal(c.change, 'becomes-allowed');
    assert.equal(c.before.verdict, 'deny');
    assert.match(c.before.decision, /end of tier default \(egress\)/);
    assert.equal(c.after.verdict, 'allow');
    // Other ports are still denied at egress; nothing becomes denied (the file only adds an allow rule).
    assert.ok(result.changes.every((x) => x.change === 'becomes-allowed'));
    assert.ok(!result.changes.some((x) => x.port === 80 && x.to === 'payments/api-1'));
    const text = await cli(['diff-traffic', '--cluster', '--kubeconfig', kubeconfig, change]);
    assert.match(text.stdout, /BECOMES ALLOWED frontend\/web-1 -> payments\/api-1 TCP\/8443\n  before: deny by end of tier default \(egress\)/);
  });

  test('diff-traffic with nothing changing exits 0', async () => {
    const same = join(mkdtempSync(join(tmpdir(), 'calico-diff-')), 'same.yaml');
    writeFileSync(same, 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: frontend\nspec:\n  selector: all()\n  types: [Ingress, Egress]\n');
    const r = await cli(['diff-traffic', '--cluster', '--kubeconfig', kubeconfig, same]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^0 flows change verdict against cluster prod/);
  });
});
