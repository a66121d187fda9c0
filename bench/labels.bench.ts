// Cluster label index at scale: 50,000 pods in 500 namespaces read from the stand-in API (HTTPS,
// metadata-only, paged) — build time, memory the index adds, and the latency of the index calls a
// selector completion and a hover make. Targets: build < 3 s, < 50 MB, completion p95 < 20 ms.
import { spawnSync } from 'node:child_process';
import { FakeKubeApi, generateCluster } from '../test/support/fakeKubeApi';
import { writeKubeconfig } from '../test/support/kubeconfigFile';
import { startLabelService } from '../test/support/kubeLabelService';
import { startClusterServer } from '../test/support/kubeLsp';
import { testUri, withCursor } from '../test/support/lspClient';
import { InMemoryLabelSource, matchSelector, type LabelScope } from '../server/src/labels';
import { parseSelector } from '../server/src/selector';

const PODS = 50_000;
const NAMESPACES = 500;
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function latency(name: string, samples: number, work: (i: number) => unknown): void {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    work(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(46)} median ${percentile(times, 50).toFixed(3)} ms   p95 ${percentile(times, 95).toFixed(3)} ms   max ${times[times.length - 1].toFixed(3)} ms`);
}

const SCENARIOS: Record<string, [string, () => ReturnType<typeof generateCluster>]> = {
  typical: ['typical: Deployment pods share labels', () => generateCluster(PODS, NAMESPACES)],
  worst: ['worst case: every pod has a unique label', () => generateCluster(PODS, NAMESPACES, { uniquePodLabel: true })],
};

async function main(): Promise<void> {
  const only = process.argv.find((a) => a.startsWith('--scenario='))?.slice('--scenario='.length);
  if (only) {
    const [title, make] = SCENARIOS[only];
    return run(title, make());
  }
  // Each scenario in a fresh process, so one's leftovers cannot blur the other's memory figure.
  for (const name of Object.keys(SCENARIOS)) {
    const r = spawnSync(process.execPath, [...process.execArgv, process.argv[1], `--scenario=${name}`], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}

async function run(title: string, data: ReturnType<typeof generateCluster>): Promise<void> {
  console.log(`\n### ${title}`);
  const api = await FakeKubeApi.start({ data });
  const kubeconfig = writeKubeconfig({ server: api.url, token: api.token });

  // 1. The real path: HTTPS list requests, paging, JSON, index build.
  gc();
  const before = process.memoryUsage().heapUsed;
  const h = startLabelService({ kubeconfig, timeoutMs: 30_000 });
  let t0 = performance.now();
  await h.service.refreshCluster();
  const buildMs = performance.now() - t0;
  const status = h.service.status();
  if (status.cluster.state !== 'ready') throw new Error(`refresh failed: ${JSON.stringify(status)}`);
  const pages = api.requests.filter((r) => r.path === '/api/v1/pods').length;
  gc();
  const added = process.memoryUsage().heapUsed - before;
  console.log(`cluster refresh, ${PODS} pods / ${NAMESPACES} namespaces (${pages} pod pages)  ${buildMs.toFixed(0)} ms   (target < 3000 ms)`);
  console.log(`heap added by the index                            ${mb(added)} MB   (target < 50 MB)`);

  // 2. In-process build from plain objects (the index alone, no network).
  t0 = performance.now();
  const inMemory = new InMemoryLabelSource({ pods: data.pods.map((p) => ({ name: p.name, namespace: p.namespace!, labels: p.labels, serviceAccount: p.serviceAccount })), namespaces: data.namespaces, serviceAccounts: data.serviceAccounts as { name: string; namespace: string }[] });
  console.log(`index build from ${PODS} objects (no network)                       ${(performance.now() - t0).toFixed(0)} ms`);
  void inMemory;

  // 3. What a completion asks: keys in the policy's namespace, then values of one key.
  const namespaces = data.namespaces.map((n) => n.name);
  const scopeOf = (i: number): LabelScope => ({ kind: 'endpoints', namespace: namespaces[(i * 7919) % namespaces.length] });
  latency('completion: keys, first ask per namespace (cold)', namespaces.length, (i) => h.service.keys({ kind: 'endpoints', namespace: namespaces[i] }));
  latency('completion: keys + values (warm)', 2000, (i) => {
    const scope = scopeOf(i);
    h.service.keys(scope);
    h.service.values(scope, 'app');
  });
  latency('completion: keys in every namespace (GNP)', 200, () => h.service.keys({ kind: 'endpoints' }));
  latency('completion: namespaceSelector keys', 200, () => h.service.keys({ kind: 'namespaces' }));
  const selector = parseSelector('app == "frontend" && version != "v3"');
  if (!selector.ok) throw new Error('selector did not parse');
  latency('hover/lens: matchSelector in one namespace', 2000, (i) => matchSelector(h.service, scopeOf(i), selector.ast));
  latency('hover/lens: matchSelector in all namespaces', 100, () => matchSelector(h.service, { kind: 'endpoints' }, selector.ast));

  h.service.dispose();
  await completionOverLsp(kubeconfig, namespaces);
  await api.stop();
}

/** The user-visible number: completion requests to `dist/server.js` while it holds the cluster index. */
async function completionOverLsp(kubeconfig: string, namespaces: string[]): Promise<void> {
  const client = await startClusterServer({ kubeconfig, env: { CALICO_CLUSTER_TIMEOUT_MS: '30000' } });
  try {
    const docs: { uri: string; position: { line: number; character: number } }[] = [];
    for (let i = 0; i < 20; i++) {
      const { text, position } = withCursor(
        `apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: p\n  namespace: ${namespaces[i * 25]}\nspec:\n  selector: |^|\n`,
      );
      const uri = testUri();
      await client.open(uri, text);
      docs.push({ uri, position });
    }
    // The first completion starts the cluster read; wait until its labels are offered.
    const t0 = performance.now();
    for (;;) {
      const items = await client.completion(docs[0].uri, docs[0].position);
      if (items.some((i) => i.label === 'app')) break;
      if (performance.now() - t0 > 60_000) throw new Error('cluster labels never reached completion');
      await new Promise((r) => setTimeout(r, 50));
    }
    console.log(`LSP: first completion → cluster labels offered    ${(performance.now() - t0).toFixed(0)} ms`);
    const times: number[] = [];
    for (let i = 0; i < 300; i++) {
      const d = docs[i % docs.length];
      const t = performance.now();
      await client.completion(d.uri, d.position);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`LSP: selector key completion (round trip)         median ${percentile(times, 50).toFixed(2)} ms   p95 ${percentile(times, 95).toFixed(2)} ms   (target p95 < 20 ms)`);
    const rss = await client.serverRss();
    if (rss) console.log(`LSP: server RSS with the index                   ${mb(rss)} MB`);
  } finally {
    await client.shutdown();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
