// Language-server latency through plain LSP on generated policy files of 1,000 / 10,000 / 50,000
// lines: didOpen→diagnostics, edit→diagnostics, completion, hover, code lens, and peak RSS.
import { performance } from 'node:perf_hooks';
import { LspTestClient, testUri, positionAt } from '../test/support/lspClient';
import { workloadManifests } from '../test/support/lspFixtures';

const SIZES = (process.env.CALICO_BENCH_LINES ?? '1000,10000,50000').split(',').map(Number);
const SAMPLES = Number(process.env.CALICO_BENCH_SAMPLES ?? 40);
/** Pause before each measured keystroke, like a person typing. */
const TYPING_GAP_MS = Number(process.env.CALICO_BENCH_TYPING_MS ?? 120);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One policy document (~30 lines); every 10th carries a mistake so diagnostics are not empty. */
function policyDoc(i: number): string {
  const action = i % 10 === 0 ? 'allow' : 'Allow';
  return `---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: policy-${i}
  namespace: yaobank-customer
spec:
  tier: default
  order: ${100 + i}
  selector: app == "customer" && version != "v${i % 3}"
  types:
    - Ingress
    - Egress
  ingress:
    - action: ${action}
      protocol: TCP
      source:
        selector: app == "summary"
        namespaceSelector: ns == "summary"
      destination:
        ports:
          - 80
          - "8000:8080"
  egress:
    - action: Allow
      protocol: UDP
      destination:
        selector: k8s-app == "kube-dns"
        namespaceSelector: projectcalico.org/name == "kube-system"
        ports:
          - 53
`;
}

function generate(lines: number): string {
  const parts: string[] = [];
  let count = 0;
  for (let i = 0; count < lines; i++) {
    const doc = policyDoc(i);
    parts.push(doc);
    count += doc.split('\n').length - 1;
  }
  return parts.join('');
}

function stats(samples: number[]): { median: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))];
  return { median: at(0.5), p95: at(0.95) };
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await f();
  return [performance.now() - t, r];
}

async function benchSize(lines: number): Promise<Record<string, string>> {
  const client = await LspTestClient.start({ settings: {} });
  try {
    await client.open(testUri('workload.yaml'), workloadManifests);
    const text = generate(lines);
    const uri = testUri(`policies-${lines}.yaml`);
    const [openMs] = await timed(async () => {
      await client.open(uri, text);
      return client.diagnostics(uri, { timeoutMs: 120_000 });
    });

    // Edits in the middle of the file: toggle one port, wait for the diagnostics of that version.
    const middle = text.indexOf('          - 80\n', Math.floor(text.length / 2));
    const portAt = middle + '          - '.length;
    let port = '80';
    const toggle = () => {
      const next = port === '80' ? '81' : '80';
      port = next;
      const start = positionAt(client.textOf(uri), portAt);
      return client.change(uri, [{ range: { start, end: { line: start.line, character: start.character + 2 } }, text: next }]);
    };
    // A keystroke at typing speed: the previous one was TYPING_GAP_MS ago.
    const editSamples: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      await sleep(TYPING_GAP_MS);
      const [t] = await timed(async () => client.diagnostics(uri, { version: await toggle(), timeoutMs: 60_000 }));
      editSamples.push(t);
    }
    // A burst of five back-to-back edits: from the last one to its diagnostics (includes the debounce).
    const burstSamples: number[] = [];
    for (let i = 0; i < Math.max(5, SAMPLES / 4); i++) {
      await sleep(TYPING_GAP_MS);
      for (let k = 0; k < 4; k++) await toggle();
      const [t] = await timed(async () => client.diagnostics(uri, { version: await toggle(), timeoutMs: 60_000 }));
      burstSamples.push(t);
    }

    // Completion at a selector value in the middle, and on a rule key.
    const current = client.textOf(uri);
    const selectorValue = current.indexOf('selector: app == "summary"', Math.floor(current.length / 2)) + 'selector: app == '.length;
    const completionSamples: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const [t] = await timed(() => client.completion(uri, positionAt(current, selectorValue)));
      completionSamples.push(t);
    }
    const hoverAt = current.indexOf('action:', Math.floor(current.length / 2));
    const selectorKeyAt = current.indexOf('app ==', Math.floor(current.length / 2));
    const hoverSamples: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const [t] = await timed(() => client.hover(uri, positionAt(current, i % 2 ? hoverAt : selectorKeyAt)));
      hoverSamples.push(t);
    }
    const lensSamples: number[] = [];
    for (let i = 0; i < 5; i++) {
      const [t] = await timed(() => client.codeLenses(uri));
      lensSamples.push(t);
    }
    const rss = (await client.serverPeakRss()) ?? 0;
    const e = stats(editSamples);
    const b = stats(burstSamples);
    const c = stats(completionSamples);
    const h = stats(hoverSamples);
    const l = stats(lensSamples);
    return {
      lines: String(current.split('\n').length - 1),
      'open→diag': ms(openMs),
      'edit→diag p50': ms(e.median),
      'edit→diag p95': ms(e.p95),
      'burst→diag p95': ms(b.p95),
      'completion p50': ms(c.median),
      'completion p95': ms(c.p95),
      'hover p50': ms(h.median),
      'hover p95': ms(h.p95),
      'code lens p50': ms(l.median),
      'peak RSS': `${(rss / 1024 / 1024).toFixed(0)} MB`,
    };
  } finally {
    await client.shutdown();
  }
}

async function main(): Promise<void> {
  const rows: Record<string, string>[] = [];
  for (const lines of SIZES) rows.push(await benchSize(lines));
  console.table(rows);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
