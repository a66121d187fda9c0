// Lint time vs the bare `yaml` parse for generated multi-document files, peak memory, and the cost of
// re-validating after a one-character edit in a 50,000-line, 400-document file.
import { parseAllDocuments } from 'yaml';
import { parseFile, type ParsedFile } from '../server/src/document';
import { validateFile } from '../server/src/validation';

const options = { calicoVersion: 'latest' };

/** One policy document of roughly `lines` lines (rules repeated to reach the size). */
function policy(i: number, lines: number): string {
  const head = `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: policy-${i}
  namespace: team-${i % 17}
  labels:
    app: web-${i}
spec:
  order: ${100 + i}
  selector: app == "web-${i}" && tier in {"front", "back"}
  types:
    - Ingress
    - Egress
  ingress:
`;
  const rule = (r: number) => `    - action: Allow
      protocol: TCP
      source:
        selector: role == "client-${r}"
        namespaceSelector: team == "t${r % 5}"
      destination:
        ports:
          - ${8000 + r}
          - "9000:9100"
`;
  const egress = `  egress:
    - action: Allow
      protocol: UDP
      destination:
        nets:
          - 10.${i % 250}.0.0/16
        ports: [53]
`;
  let body = head;
  let r = 0;
  const ruleLines = 9;
  while (body.split('\n').length + ruleLines + 8 < lines) body += rule(r++);
  return body + egress;
}

function generate(totalLines: number, docs: number): string {
  const per = Math.max(20, Math.floor(totalLines / docs));
  const parts: string[] = [];
  for (let i = 0; i < docs; i++) parts.push(policy(i, per));
  return parts.join('---\n');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)];
}

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

const runs = Number(process.env.BENCH_RUNS ?? 7);
console.log('| lines | docs | MB | yaml parse (median ms) | lint (median ms) | ratio | peak heap MB |');
console.log('|---:|---:|---:|---:|---:|---:|---:|');
for (const [lines, docs] of [[1_000, 10], [10_000, 80], [50_000, 400]] as const) {
  const text = generate(lines, docs);
  const actualLines = text.split('\n').length;
  const parseTimes: number[] = [];
  const lintTimes: number[] = [];
  let peak = 0;
  // One untimed round first, so both sides are measured with warm JIT.
  parseAllDocuments(text);
  validateFile(parseFile(text), options);
  for (let i = 0; i < runs; i++) {
    gc();
    parseTimes.push(time(() => parseAllDocuments(text)));
    gc();
    const base = process.memoryUsage().heapUsed;
    let file: ParsedFile | undefined;
    lintTimes.push(time(() => {
      file = parseFile(text);
      validateFile(file, options);
    }));
    peak = Math.max(peak, process.memoryUsage().heapUsed - base);
    void file;
  }
  const mp = median(parseTimes);
  const ml = median(lintTimes);
  console.log(`| ${actualLines} | ${docs} | ${(text.length / 1e6).toFixed(2)} | ${mp.toFixed(0)} | ${ml.toFixed(0)} | ${(ml / mp).toFixed(2)} | ${(peak / 1e6).toFixed(0)} |`);
  if (process.env.BENCH_VERBOSE) console.log(`  runs: parse ${parseTimes.map((t) => t.toFixed(0)).join(', ')}; lint ${lintTimes.map((t) => t.toFixed(0)).join(', ')}`);
}

// Re-validation after one-character edits in a 50,000-line, 400-document file (as the editor does it).
{
  let text = generate(50_000, 400);
  let file = parseFile(text);
  validateFile(file, options);
  const times: number[] = [];
  const edits = Number(process.env.BENCH_EDITS ?? 60);
  for (let i = 0; i < edits; i++) {
    // Insert a character into a selector value in a document spread over the file (changes its length).
    const target = `app == "web-${(i * 37) % 400}"`;
    const at = text.indexOf(target) + target.length - 1;
    text = text.slice(0, at) + 'x' + text.slice(at);
    times.push(time(() => {
      file = parseFile(text, file);
      validateFile(file, options);
    }));
  }
  console.log(`\nre-validate after a one-character edit (50,000 lines, 400 documents, ${edits} edits): median ${median(times).toFixed(1)} ms, p95 ${p95(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`);
  console.log(`targets: full lint within 1.3× the bare parse; re-validation p95 < 30 ms (this run: ${p95(times) < 30 ? 'met' : 'missed'})`);
}
console.log(`process peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
