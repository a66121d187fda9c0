// Selector engine throughput: parses/s (short and ~500-character selectors), evaluations/s and the
// validate fast path against a full parse. Prints median and p95 (slowest 5%) over timed batches,
// by CPU time (calls per CPU-second: stable on a shared machine) and by wall-clock time.
// Workloads alternate batch by batch so compared workloads see the same machine load.
import { parseSelector, validateSelector, evaluateSelector, tokenizeSelector, type SelectorNode } from '../server/src/selector/index';

const shortSelectors = [
  'k8s-app == "kube-dns"',
  'app == "summary"',
  'app == "customer" && has(tier)',
  'projectcalico.org/name not in {"kube-system", "calico-system", "calico-apiserver"}',
  '!has(role) || role in {"db", "cache"}',
  'tier starts with "front" && env != "prod"',
];

function longSelector(): string {
  const parts: string[] = [];
  for (let i = 0; parts.join(' && ').length < 480; i++) {
    parts.push(i % 3 === 0 ? `team-${i} in {"a${i}", "b${i}", "c${i}"}` : i % 3 === 1 ? `!has(x${i})` : `(env == "e${i}" || app != "svc-${i}")`);
  }
  return parts.join(' && ');
}
const long = longSelector();

const labels: Record<string, string> = { app: 'customer', tier: 'frontend', env: 'staging', 'k8s-app': 'kube-dns', role: 'db' };
/** Labels that satisfy every operand of the long selector, so evaluation visits all of it. */
const longLabels: Record<string, string> = {};
for (const m of long.matchAll(/team-(\d+) in/g)) longLabels[`team-${m[1]}`] = `a${m[1]}`;

interface Stats {
  median: number;
  p95: number;
  wallMedian: number;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

type Work = (i: number) => unknown;

/** Times `rounds` batches of each workload, alternating between them; returns calls/s per workload. */
function measure(works: Work[], batch: number, rounds = 31): Stats[] {
  for (const work of works) for (let i = 0; i < batch; i++) work(i); // warm up
  (globalThis as { gc?: () => void }).gc?.();
  const cpuRates: number[][] = works.map(() => []);
  const wallRates: number[][] = works.map(() => []);
  for (let r = 0; r < rounds; r++) {
    works.forEach((work, w) => {
      const c0 = cpuMs();
      const t0 = performance.now();
      for (let i = 0; i < batch; i++) work(i);
      wallRates[w].push((batch / (performance.now() - t0)) * 1000);
      cpuRates[w].push((batch / Math.max(cpuMs() - c0, 0.001)) * 1000);
    });
  }
  const median = (list: number[]) => list[Math.floor(list.length / 2)];
  return cpuRates.map((list, w) => {
    list.sort((a, b) => a - b);
    wallRates[w].sort((a, b) => a - b);
    return { median: median(list), p95: list[Math.floor(list.length * 0.05)], wallMedian: median(wallRates[w]) };
  });
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(12);
function report(name: string, s: Stats): void {
  console.log(`${name.padEnd(34)} median ${fmt(s.median)} /cpu-s   p95 ${fmt(s.p95)} /cpu-s   wall median ${fmt(s.wallMedian)} /s`);
}

function parsed(text: string): SelectorNode {
  const r = parseSelector(text);
  if (!r.ok) throw new Error(`bench selector does not parse: ${text}: ${r.error.message}`);
  return r.ast;
}
const shortAsts = shortSelectors.map(parsed);
const longAst = parsed(long);

console.log(`${shortSelectors.length} short selectors (${Math.min(...shortSelectors.map((s) => s.length))}–${Math.max(...shortSelectors.map((s) => s.length))} chars); long selector ${long.length} chars`);
const pick = (i: number) => shortSelectors[i % shortSelectors.length];
const [parseShort, validateShort, tokenizeShort] = measure([(i) => parseSelector(pick(i)), (i) => validateSelector(pick(i)), (i) => tokenizeSelector(pick(i))], 100_000, 21);
report('parseSelector, short', parseShort);
report('validateSelector, short', validateShort);
report('tokenizeSelector, short', tokenizeShort);
const [parseLong, validateLong] = measure([() => parseSelector(long), () => validateSelector(long)], 8_000, 21);
report('parseSelector, ~500 chars', parseLong);
report('validateSelector, ~500 chars', validateLong);
const [evalShort, evalLong] = measure([(i) => evaluateSelector(shortAsts[i % shortAsts.length], labels), () => evaluateSelector(longAst, longLabels)], 400_000, 21);
report('evaluateSelector, short', evalShort);
report('evaluateSelector, ~500 chars', evalLong);
console.log(`validate fast path vs parse: ${(validateShort.median / parseShort.median).toFixed(2)}x short, ${(validateLong.median / parseLong.median).toFixed(2)}x long`);
