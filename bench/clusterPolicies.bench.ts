// Reading 5,000 Calico policies from the stand-in API over HTTPS (pages of 500): time, heap kept, tree build,
// and the cluster's policies compiled for simulation. The stand-in shares this process's thread.
import { FakeKubeApi } from '../test/support/fakeKubeApi';
import { writeKubeconfig } from '../test/support/kubeconfigFile';
import { generatePolicies } from '../test/support/clusterPolicyData';
import { ClusterPolicySource, snapshotTrafficFiles } from '../server/src/cluster';
import { clusterTree } from '../server/src/features/clusterTree';
import { buildTrafficModel } from '../server/src/traffic';
import { defaultSettings } from '../server/src/settings';

const COUNT = Number(process.env.CALICO_BENCH_POLICIES) || 5000;
const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
};
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

async function main() {
  const api = await FakeKubeApi.start({ data: generatePolicies(COUNT, 100), calicoApi: true });
  const kubeconfig = writeKubeconfig({ server: api.url, token: api.token });
  const times: number[] = [];
  let kept = 0;
  for (let run = 0; run < 3; run++) {
    const before = heap();
    const source = new ClusterPolicySource({ getSettings: () => ({ ...defaultSettings, kubeconfig }), trusted: true, onChange: () => {}, log: () => {} });
    const t0 = performance.now();
    await source.refresh();
    times.push(performance.now() - t0);
    const snap = source.snapshot!;
    if (snap.objects.length !== COUNT + 1) throw new Error(`read ${snap.objects.length} objects`);
    // Heap kept = with the snapshot alive minus after it is dropped (the stand-in's own data stays in both).
    const alive = heap();
    if (run === 2) {
      const t1 = performance.now();
      const tree = clusterTree(snap, source.status());
      const treeMs = performance.now() - t1;
      const t2 = performance.now();
      const files = snapshotTrafficFiles(snap);
      const parsedMs = performance.now() - t2;
      const t2b = performance.now();
      snapshotTrafficFiles(snap);
      const reparsedMs = performance.now() - t2b;
      const t3 = performance.now();
      const model = buildTrafficModel({ files: files.files });
      const modelMs = performance.now() - t3;
      console.log(`policies read: ${snap.objects.length - 1} (+1 tier), ${api.requests.filter((r) => r.path.endsWith('/networkpolicies')).length / 3} pages per read`);
      console.log(`list time (3 runs): ${times.map((t) => `${t.toFixed(0)} ms`).join(', ')}`);
      console.log(`heap after the read (snapshot objects; run ${run + 1}): ${mb(alive - before)}`);
      console.log(`tree build: ${treeMs.toFixed(0)} ms (${tree.tiers.map((t) => `${t.name}: ${t.policies.length}`).join(', ')})`);
      console.log(`YAML documents for simulation: first ${parsedMs.toFixed(0)} ms, again ${reparsedMs.toFixed(0)} ms; traffic model: ${modelMs.toFixed(0)} ms (${model.enforced.length} enforced); heap now ${mb(heap() - before)}`);
    }
    source.dispose();
    const snapRef = { s: source.snapshot };
    void snapRef;
    kept = alive - before;
  }
  await api.stop();
}

void main();
