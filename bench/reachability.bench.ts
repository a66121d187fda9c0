// Reachability redraw after a keystroke, for 200 workloads in 20 namespaces: the server's part (re-parse the edited
// file, rebuild the traffic model, simulate the 200 × 200 matrix) and the view's part (view model + matrix HTML),
// then the real DOM update in Chromium with the view's stylesheet when the local browser is installed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFile, type ParsedFile } from '../server/src/document';
import { buildTrafficModel, simulateMatrix } from '../server/src/traffic';
import { buildMatrixView, mergeRows } from '../client/src/reachability/viewModel';
import { GEOMETRY, matrixHtml, windowFor } from '../client/src/reachability/matrixHtml';
import { graphModel } from '../client/src/reachability/graphModel';
import { layoutGraph, graphSvg } from '../client/src/reachability/graphLayout';

const NAMESPACES = 20;
const PER_NAMESPACE = 10;
const root = join(import.meta.dirname, '..');

function workloads(ns: number): string {
  const docs: string[] = [`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-${ns}\n  labels:\n    team: t${ns}\n`];
  for (let i = 0; i < PER_NAMESPACE; i++) {
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: team-${ns}
spec:
  template:
    metadata:
      labels:
        app: app-${i}
        role: ${i % 2 ? 'api' : 'web'}
    spec:
      containers:
        - name: c
          image: x
          ports:
            - containerPort: 8080
`);
  }
  return docs.join('---\n');
}

function policies(ns: number, port: number): string {
  return `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: api-from-web
  namespace: team-${ns}
spec:
  order: 100
  selector: role == "api"
  types: [Ingress]
  ingress:
    - action: Allow
      protocol: TCP
      source:
        selector: role == "web"
        namespaceSelector: team in {"t${ns}", "t${(ns + 1) % NAMESPACES}"}
      destination:
        ports: [${port}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-open
  namespace: team-${ns}
spec:
  podSelector:
    matchLabels:
      role: web
  ingress:
    - ports:
        - port: 8080
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: team-${ns}-egress
spec:
  tier: default
  order: 500
  selector: projectcalico.org/namespace == "team-${ns}"
  types: [Egress]
  egress:
    - action: Pass
      destination:
        nets: [10.${ns}.0.0/16]
    - action: Allow
`;
}

function stats(values: number[]): string {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return `p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms`;
}

const files: { uri: string; file: ParsedFile }[] = [];
for (let ns = 0; ns < NAMESPACES; ns++) {
  files.push({ uri: `file:///bench/workloads-${ns}.yaml`, file: parseFile(workloads(ns)) });
  files.push({ uri: `file:///bench/policies-${ns}.yaml`, file: parseFile(policies(ns, 8080)) });
}

const firstServer: number[] = [];
/** CPU time of the same work: what it costs on an idle machine, whatever the load. */
const firstCpu: number[] = [];
const server: number[] = [];
const view: number[] = [];
const graph: number[] = [];
const htmls: string[] = [];
const firstHtmls: string[] = [];
const fullMatrix: number[] = [];
let previous: ReturnType<typeof simulateMatrix> | undefined;
let partialCells = 0;
const modelBuild: number[] = [];
let cells = 0;
const ROUNDS = 8;
for (let round = 0; round < ROUNDS + 1; round++) {
  // The keystroke: one digit of a port in one policy file changes.
  const edited = 1;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const before = files[edited].file;
  files[edited] = { uri: files[edited].uri, file: parseFile(policies(0, round % 2 ? 8081 : 8080), before) };
  const tm = performance.now();
  const model = buildTrafficModel({ files });
  if (round > 0) modelBuild.push(performance.now() - tm);
  if (previous) {
    // What a 1100 × 650 viewport shows: the view reports these rows and columns.
    const shown = buildMatrixView(previous);
    const win = windowFor(shown, 0, 0, 650, 1100, 0);
    const rows = shown.lines.slice(win.line0, win.line1).flatMap((l) => (l.kind === 'row' ? [shown.rows[l.vr].key] : []));
    const columns = shown.columns.slice(win.col0, win.col1).map((c) => c.key);
    const partial = simulateMatrix(model, { protocol: 'TCP', port: 8080, rows, columns });
    partialCells = rows.length * columns.length;
    const merged = mergeRows(previous, partial)!;
    const vFirst = buildMatrixView(merged);
    firstHtmls.push(matrixHtml(vFirst, windowFor(vFirst, 0, 0, 650, 1100)));
    if (round > 0) {
      firstServer.push(performance.now() - t0);
      const used = process.cpuUsage(cpu0);
      firstCpu.push((used.user + used.system) / 1000);
    }
  }
  const tFull = performance.now();
  const result = simulateMatrix(model, { protocol: 'TCP', port: 8080 });
  previous = result;
  const t1 = performance.now();
  fullMatrix.push(t1 - tFull);
  const v = buildMatrixView(result);
  // The view draws the part a 1100 × 650 viewport shows (plus overscan), as the webview does.
  const html = matrixHtml(v, windowFor(v, 0, 0, 650, 1100));
  const t2 = performance.now();
  const g = graphModel(v);
  const drawable = g.allowed.length <= 2500;
  if (drawable) graphSvg(layoutGraph(g));
  const t3 = performance.now();
  cells = result.rows.length * result.columns.length;
  if (round === 0) continue; // warm-up
  server.push(t1 - t0);
  view.push(t2 - t1);
  if (drawable) graph.push(t3 - t2);
  htmls.push(html);
}
console.log(`reachability: ${NAMESPACES * PER_NAMESPACE} workloads, ${cells} cells, ${files.length} files (load average ${(require('node:os') as typeof import('node:os')).loadavg()[0].toFixed(1)})`);
console.log(`  model rebuild after the edit:                      ${stats(modelBuild)}`);
console.log(`  first redraw, server + view (re-parse, model, the ${partialCells} cells on screen, merge, window HTML): ${stats(firstServer)}`);
console.log(`  first redraw, server + view, CPU time:             ${stats(firstCpu)}`);
console.log(`  full 200-row matrix (engine simulateMatrix):          ${stats(fullMatrix)}`);
console.log(`  server after a keystroke, full (re-parse, model, partial + full matrix): ${stats(server)}`);
console.log(`  view model + matrix HTML:                         ${stats(view)}`);
if (graph.length) console.log(`  graph layout (dagre) + SVG:                       ${stats(graph)}`);
else console.log('  graph: too many allowed flows to draw (the view asks to collapse namespaces)');

async function domTimes(): Promise<void> {
const chromium = '/usr/bin/chromium';
const playwrightDir = join(root, 'e2e', 'vscode', 'node_modules', 'playwright-core');
if (existsSync(chromium) && existsSync(playwrightDir)) {
  const { chromium: browserType } = require(playwrightDir) as { chromium: { launch(o: object): Promise<any> } };
  const browser = await browserType.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.setContent(`<style>${readFileSync(join(root, 'media', 'reachability.css'), 'utf8')}</style><section id="panel-matrix" role="tabpanel"><div id="matrix"></div></section>`);
    const dom: number[] = [];
    for (const html of htmls) {
      const ms: number = await page.evaluate((h: string) => {
        const el = (globalThis as any).document.getElementById('matrix');
        const t = performance.now();
        el.innerHTML = h;
        // Force style and layout, as painting the new matrix would.
        void el.getBoundingClientRect().height;
        return performance.now() - t;
      }, html);
      dom.push(ms);
    }
    console.log(`  DOM update in Chromium (innerHTML + layout):      ${stats(dom)}`);
    // The window arithmetic assumes fixed row heights; check the stylesheet keeps them.
    const rowTop: number = await page.evaluate('document.querySelector(\'td[data-vr="10"]\').getBoundingClientRect().top - document.querySelector(\'td[data-vr="0"]\').getBoundingClientRect().top');
    console.log(`  row geometry: 10 rows (+ group lines) drawn ${rowTop} px apart (${GEOMETRY.rowHeight} px per line expected)`);
    const total = firstServer.map((s, i) => s + dom[i]);
    console.log(`  first redraw after a keystroke (rows on screen), total: ${stats(total)} (target < 300 ms; after the 250 ms typing pause)`);
    const whole = server.map((s, i) => s + view[i] + dom[i]);
    console.log(`  whole matrix current after a keystroke:            ${stats(whole)}`);
  } finally {
    await browser.close();
  }
} else {
  console.log('  DOM update: skipped (Chromium or playwright-core from the local VS Code set-up not installed)');
}
}

void domTimes();
