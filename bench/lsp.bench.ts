// Language-server latency through plain LSP. Mode `latency` (generated files of 1,000 / 10,000 / 50,000 lines):
// didOpen→diagnostics, edit→diagnostics, completion, hover, code lens. Mode `traffic` (50 / 500 / 2,000 policies):
// after each keystroke every request VS Code sends at once, p50/p95 of each and of all four. Both report peak RSS.
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import type { CodeLens, Range, SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver-protocol';
import { LspTestClient, testUri, positionAt } from '../test/support/lspClient';
import { workloadManifests } from '../test/support/lspFixtures';
import { VisibleRangesNotification, type VisibleRangesParams } from '../protocol';

/** `latency`, `traffic`, or both (default); `npm run bench lsp:traffic` sets it. */
const MODES = (process.env.CALICO_BENCH_MODE ?? 'latency,traffic').split(',');
/** Policies per traffic-mode file (~118 lines each). */
const POLICY_COUNTS = (process.env.CALICO_BENCH_POLICIES ?? '50,500,2000').split(',').map(Number);
const TRAFFIC_SAMPLES = Number(process.env.CALICO_BENCH_TRAFFIC_SAMPLES ?? 30);
/** Lines an editor shows at once: code lenses are resolved only there. */
const VISIBLE_LINES = 60;
/** `calico` settings for the traffic mode, as JSON (e.g. `{"outline":{"maxRules":1e9}}` to list every rule). */
const TRAFFIC_SETTINGS: unknown = JSON.parse(process.env.CALICO_BENCH_SETTINGS ?? '{}');
/** A server bundle to measure instead of dist/server.js (to compare against an older build). */
const SERVER = process.env.CALICO_BENCH_SERVER;

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
  const client = await LspTestClient.start({ settings: {}, serverPath: SERVER });
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

/** A bigger policy (~118 lines: labels, annotations, nine rules), as real policy files are; every 10th has a mistake. */
function trafficPolicy(i: number): string {
  const action = i % 10 === 0 ? 'allow' : 'Allow';
  const ingress = [0, 1, 2, 3, 4].map(
    (r) => `    - action: ${r === 0 ? action : 'Allow'}
      protocol: TCP
      source:
        selector: app == "client-${r}" && tier in {"web", "api"}
        namespaceSelector: ns == "team-${(i + r) % 7}"
      destination:
        ports:
          - ${8000 + r}
          - "9${r}00:9${r}99"
      metadata:
        annotations:
          reason: ingress rule ${r}
`,
  );
  const egress = [0, 1, 2, 3].map(
    (r) => `    - action: ${r === 3 ? 'Deny' : 'Allow'}
      protocol: ${r === 0 ? 'UDP' : 'TCP'}
      destination:
        selector: k8s-app == "backend-${r}" || has(role)
        namespaceSelector: projectcalico.org/name == "svc-${r}"
        ports:
          - ${r === 0 ? 53 : 443 + r}
      metadata:
        annotations:
          reason: egress rule ${r}
`,
  );
  return `---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: policy-${i}
  namespace: yaobank-customer
  labels:
    team: team-${i % 7}
    owner: platform
  annotations:
    description: generated policy ${i} for the editor-traffic bench
spec:
  tier: default
  order: ${100 + i}
  selector: app == "customer" && version != "v${i % 3}"
  types:
    - Ingress
    - Egress
  ingress:
${ingress.join('')}  egress:
${egress.join('')}`;
}

interface TrafficSample {
  diagnostics: number;
  semanticTokens: number;
  symbols: number;
  codeLens: number;
  every: number;
}

/** Applies an LSP delta to the previous token data, as the editor does. */
function applyDelta(previous: number[], delta: SemanticTokensDelta): number[] {
  let data = previous;
  for (const edit of [...delta.edits].sort((a, b) => b.start - a.start)) {
    data = [...data.slice(0, edit.start), ...(edit.data ?? []), ...data.slice(edit.start + edit.deleteCount)];
  }
  return data;
}

async function trafficSize(policies: number): Promise<Record<string, string>> {
  const text = Array.from({ length: policies }, (_, i) => trafficPolicy(i)).join('');
  const lineCount = text.split('\n').length - 1;
  // One full `yaml` parse of the file, the yardstick the ratios are stated against.
  const parseStart = performance.now();
  parseAllDocuments(text);
  const fullParseMs = performance.now() - parseStart;

  const client = await LspTestClient.start({ settings: TRAFFIC_SETTINGS, serverPath: SERVER });
  try {
    const caps = client.initializeResult.capabilities;
    const tokensProvider = caps.semanticTokensProvider;
    const useDelta = !!tokensProvider && typeof tokensProvider.full === 'object' && tokensProvider.full.delta === true;
    const resolveLenses = caps.codeLensProvider?.resolveProvider === true;
    await client.open(testUri('workload.yaml'), workloadManifests);
    const uri = testUri(`traffic-${policies}.yaml`);
    await client.open(uri, text);
    await client.diagnostics(uri, { timeoutMs: 300_000 });
    // The editor's first look: full tokens, symbols and lenses once before typing starts.
    let tokens = (await client.semanticTokens(uri)) as SemanticTokens;
    let tokenData = [...tokens.data];
    await client.documentSymbols(uri);
    await client.codeLenses(uri);

    // Typing in a selector value in the middle of the file: one character in, then out again.
    const anchor = 'selector: app == "client-2"';
    const at = text.indexOf(anchor, Math.floor(text.length / 2)) + anchor.length - 1;
    const where = positionAt(text, at);
    const visible: Range = { start: { line: Math.max(0, where.line - VISIBLE_LINES / 2), character: 0 }, end: { line: where.line + VISIBLE_LINES / 2, character: 0 } };
    const inVisible = (l: CodeLens) => l.range.start.line >= visible.start.line && l.range.start.line <= visible.end.line;
    // As the VS Code client does: tell the server which lines the editor shows.
    const shown: VisibleRangesParams = { uri, ranges: [visible] };
    await client.connection.sendNotification(VisibleRangesNotification, shown);
    const samples: TrafficSample[] = [];
    for (let i = 0; i < TRAFFIC_SAMPLES + 3; i++) {
      await sleep(TYPING_GAP_MS);
      const insert = i % 2 === 0;
      // The clock starts as the change goes out: this client's own copy of the text is a plain string, costly to
      // edit on a big file, which an editor's text buffer is not.
      let t0 = performance.now();
      const version = await client.change(
        uri,
        [insert ? { range: { start: where, end: where }, text: 'x' } : { range: { start: where, end: { line: where.line, character: where.character + 1 } }, text: '' }],
        () => (t0 = performance.now()),
      );
      const since = async (p: Promise<unknown>) => (await p, performance.now() - t0);
      const diagnostics = since(client.diagnostics(uri, { version, timeoutMs: 120_000 }));
      const semanticTokens = since(
        (async () => {
          const r = useDelta && tokens.resultId ? await client.semanticTokensDelta(uri, tokens.resultId) : await client.semanticTokens(uri);
          if (r && 'edits' in r) {
            tokenData = applyDelta(tokenData, r);
            tokens = { resultId: r.resultId, data: tokenData };
          } else if (r) {
            tokens = r;
            tokenData = [...r.data];
          }
        })(),
      );
      const symbols = since(client.documentSymbols(uri));
      const codeLens = since(
        (async () => {
          const lenses = (await client.codeLenses(uri)) ?? [];
          if (resolveLenses) await Promise.all(lenses.filter((l) => !l.command && inVisible(l)).map((l) => client.resolveCodeLens(l)));
        })(),
      );
      const [d, s, y, l] = await Promise.all([diagnostics, semanticTokens, symbols, codeLens]);
      // The first keystrokes warm caches; they are not what a user typing for a while meets.
      if (i >= 3) samples.push({ diagnostics: d, semanticTokens: s, symbols: y, codeLens: l, every: Math.max(d, s, y, l) });
    }
    const rss = (await client.serverPeakRss()) ?? 0;
    const row: Record<string, string> = { lines: lineCount.toLocaleString('en-US'), policies: String(policies) };
    for (const key of ['every', 'diagnostics', 'semanticTokens', 'symbols', 'codeLens'] as const) {
      const st = stats(samples.map((s) => s[key]));
      row[`${key} p50`] = ms(st.median);
      row[`${key} p95`] = ms(st.p95);
    }
    row['peak RSS'] = `${(rss / 1024 / 1024).toFixed(0)} MiB`;
    row['full yaml parse'] = ms(fullParseMs);
    row['every p95 / parse'] = (stats(samples.map((s) => s.every)).p95 / fullParseMs).toFixed(3);
    return row;
  } finally {
    await client.shutdown();
  }
}

async function main(): Promise<void> {
  if (MODES.includes('latency')) {
    const rows: Record<string, string>[] = [];
    for (const lines of SIZES) rows.push(await benchSize(lines));
    console.log('\n### latency');
    console.table(rows);
  }
  if (MODES.includes('traffic')) {
    const rows: Record<string, string>[] = [];
    for (const policies of POLICY_COUNTS) rows.push(await trafficSize(policies));
    console.log('\n### editor traffic (keystroke → diagnostics, semantic tokens, symbols, code lenses)');
    console.table(rows);
    const p95 = rows.map((r) => parseFloat(r['every p95']));
    if (p95.length >= 2) console.log(`every-answer p95 ratio, 2nd size / 1st size: ${(p95[1] / p95[0]).toFixed(2)}×`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
