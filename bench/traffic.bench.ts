// Traffic simulation at scale: 1,000 policies (tiers security/platform/default; GlobalNetworkPolicy,
// NetworkPolicy, Kubernetes NetworkPolicy) over 10,000 pods in 200 namespaces. Reports the model build
// (parse excluded and included), single-flow query p50/p95 and a 200 x 200 workload matrix.
// Targets: build < 1 s, query p95 < 5 ms, matrix < 2 s.
import { parseFile } from '../server/src/document';
import { buildTrafficModel, simulateFlow, simulateMatrix } from '../server/src/traffic';

const NAMESPACES = 200;
const PODS_PER_NAMESPACE = 50;
const POLICIES = 1000;

function workloads(): string {
  const out: string[] = [];
  for (let n = 0; n < NAMESPACES; n++) {
    out.push(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-${n}\n  labels:\n    team: t${n % 10}\n    env: ${n % 2 ? 'prod' : 'dev'}\n`);
    for (let p = 0; p < PODS_PER_NAMESPACE; p++) {
      out.push(`apiVersion: v1
kind: Pod
metadata:
  name: pod-${p}
  namespace: ns-${n}
  labels:
    app: app-${p % 10}
    role: r${p % 5}
spec:
  serviceAccountName: sa-${p % 3}
  containers:
    - name: c
      image: img
      ports:
        - name: http
          containerPort: 8080
status:
  podIP: 10.${n}.${Math.floor(p / 250)}.${p % 250 + 1}
`);
    }
  }
  return out.join('---\n');
}

function policies(): string {
  const out: string[] = [
    `apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata:\n  name: security\nspec:\n  order: 100\n`,
    `apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata:\n  name: platform\nspec:\n  order: 500\n  defaultAction: Pass\n`,
  ];
  for (let i = 0; i < POLICIES; i++) {
    const ns = `ns-${i % NAMESPACES}`;
    const kind = i % 10 === 0 ? 'gnp' : i % 3 === 0 ? 'knp' : 'np';
    if (kind === 'gnp') {
      const tier = i % 20 === 0 ? 'security' : 'platform';
      out.push(`apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: ${tier}.g-${i}
spec:
  tier: ${tier}
  order: ${i}
  selector: app == "app-${i % 10}"
  namespaceSelector: team == "t${i % 10}"
  ingress:
    - action: Deny
      source:
        selector: role == "r${i % 5}"
        namespaceSelector: env == "dev"
    - action: Pass
  egress:
    - action: Pass
`);
    } else if (kind === 'knp') {
      out.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: k-${i}
  namespace: ${ns}
spec:
  podSelector:
    matchLabels:
      app: app-${i % 10}
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              team: t${(i + 1) % 10}
          podSelector:
            matchLabels:
              role: r${i % 5}
      ports:
        - port: http
`);
    } else {
      out.push(`apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: p-${i}
  namespace: ${ns}
spec:
  order: ${i % 7 === 0 ? 2000 : 500}
  selector: app == "app-${i % 10}" || role == "r${i % 5}"
  ingress:
    - action: Allow
      protocol: TCP
      source:
        serviceAccounts:
          names: [sa-${i % 3}]
        namespaceSelector: all()
      destination:
        ports: [8080, "9000:9100"]
  egress:
    - action: Allow
      protocol: TCP
      destination:
        nets: [10.0.0.0/8]
        ports: [8080]
`);
    }
  }
  return out.join('---\n');
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
}

const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;
/** CPU time of this process in ms: stable on a shared, loaded machine where wall-clock time is not. */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const podText = workloads();
const policyText = policies();

// Build: median of 3, each from freshly parsed files (parse time reported separately).
const builds: number[] = [];
const buildsCpu: number[] = [];
const parses: number[] = [];
let model = buildTrafficModel({ files: [] });
for (let round = 0; round < 3; round++) {
  const t0 = performance.now();
  const files = [
    { uri: 'file:///bench/pods.yaml', file: parseFile(podText) },
    { uri: 'file:///bench/policies.yaml', file: parseFile(policyText) },
  ];
  const t1 = performance.now();
  const c1 = cpu();
  model = buildTrafficModel({ files });
  const t2 = performance.now();
  buildsCpu.push(cpu() - c1);
  parses.push(t1 - t0);
  builds.push(t2 - t1);
}
console.log(`model: ${model.workloads.size} workloads, ${model.enforced.length} policies (${model.excluded.length} excluded), ${model.tierOrder.length} tiers`);
console.log(`parse (yaml, 2 files): median ${ms(percentile(parses, 0.5))}`);
console.log(`model build (validation + compile): median ${ms(percentile(builds, 0.5))} wall, ${ms(percentile(buildsCpu, 0.5))} CPU  [target < 1000 ms]`);

// Single queries between random pods (seeded), each on a fresh model cache so per-endpoint plans are cold.
let seed = 42;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};
const ids = [...model.workloads.keys()];
const times: number[] = [];
const cpuTimes: number[] = [];
const verdicts = { allow: 0, deny: 0 };
for (let i = 0; i < 500; i++) {
  model.cache.clear();
  const from = ids[rand(ids.length)];
  const to = ids[rand(ids.length)];
  const t0 = performance.now();
  const c0 = cpu();
  const r = simulateFlow(model, { from, to, protocol: 'TCP', port: 8080 });
  cpuTimes.push(cpu() - c0);
  times.push(performance.now() - t0);
  verdicts[r.verdict]++;
}
console.log(
  `single query (cold endpoint plans), 500 flows: wall p50 ${ms(percentile(times, 0.5))}, p95 ${ms(percentile(times, 0.95))}; CPU p50 ${ms(percentile(cpuTimes, 0.5))}, p95 ${ms(percentile(cpuTimes, 0.95))}  [target p95 < 5 ms]  (${verdicts.allow} allow, ${verdicts.deny} deny)`,
);

// 200 x 200 matrix: 4 pods from each of 50 namespaces.
const chosen = ids.filter((id) => Number(/ns-(\d+)/.exec(id)![1]) % 4 === 0 && Number(/pod-(\d+)/.exec(id)![1]) < 4);
model.cache.clear();
const t0 = performance.now();
const c0 = cpu();
const matrix = simulateMatrix(model, { protocol: 'TCP', port: 8080, endpoints: chosen });
const elapsed = performance.now() - t0;
const elapsedCpu = cpu() - c0;
console.log(`matrix ${matrix.rows.length} x ${matrix.columns.length} (incl. external columns): ${ms(elapsed)} wall, ${ms(elapsedCpu)} CPU  [target < 2000 ms]`);
