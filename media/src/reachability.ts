// Reachability webview: draws the matrix and the graph from the matrix the extension sends, keeps its own state
// (tab, collapsed namespaces, focused cell) across hide/show, and asks the extension for traces and exports.
import { buildMatrixView, type MatrixView } from '../../client/src/reachability/viewModel';
import { GEOMETRY, legendHtml, lineOfRow, matrixHtml, rowHeaderWidth, windowFor, type MatrixWindow } from '../../client/src/reachability/matrixHtml';
import { graphModel } from '../../client/src/reachability/graphModel';
import { deniedEdgesSvg, graphSvg, layoutGraph, MAX_DRAWN_EDGES, type GraphLayout } from '../../client/src/reachability/graphLayout';
import type { ToWebview, FromWebview, PortChoice } from '../../client/src/reachability/messages';
import type { MatrixResult } from '../../protocol';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): ViewState | undefined;
  setState(state: ViewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface ViewState {
  tab: 'matrix' | 'graph';
  collapsed: string[];
  focus?: { vr: number; vc: number };
}

const api = acquireVsCodeApi();
const state: ViewState = { tab: 'matrix', collapsed: [], ...api.getState() };
let result: MatrixResult | undefined;
let view: MatrixView | undefined;
let layout: GraphLayout | undefined;
let choices: PortChoice[] = [];
let chosen = '';
/** The picker entry that asks for a protocol and port not named in the policies. */
const OTHER = 'other';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const matrixEl = $('matrix');
const graphEl = $('graph');
const legendEl = $('legend');
const statusEl = $('status');
const warningsEl = $('warnings');
const portSelect = $<HTMLSelectElement>('port');
const scopeEl = $('scope');

function save(): void {
  api.setState(state);
}

function choiceKey(c: { protocol: string; port?: number }): string {
  return `${c.protocol}|${c.port ?? ''}`;
}

function renderPorts(): void {
  portSelect.innerHTML = '';
  for (const c of choices) {
    const option = document.createElement('option');
    option.value = choiceKey(c);
    option.textContent = c.label;
    portSelect.appendChild(option);
  }
  const other = document.createElement('option');
  other.value = OTHER;
  other.textContent = 'Other port…';
  portSelect.appendChild(other);
  portSelect.value = chosen;
}

function renderTabs(): void {
  for (const tab of ['matrix', 'graph'] as const) {
    const button = $(`tab-${tab}`);
    button.setAttribute('aria-selected', String(state.tab === tab));
    button.tabIndex = state.tab === tab ? 0 : -1;
    $(`panel-${tab}`).hidden = state.tab !== tab;
  }
}

function cellAt(vr: number, vc: number): HTMLElement | null {
  return matrixEl.querySelector(`td[data-vr="${vr}"][data-vc="${vc}"]`);
}

/** The window drawn now; a scroll redraws only when the viewport leaves it. */
let drawn: MatrixWindow | undefined;

function drawWindow(force = false): void {
  if (!view || view.rows.length === 0 || view.columns.length === 0) return;
  const want = windowFor(view, matrixEl.scrollTop, matrixEl.scrollLeft, matrixEl.clientHeight || 600, matrixEl.clientWidth || 800);
  const inner = windowFor(view, matrixEl.scrollTop, matrixEl.scrollLeft, matrixEl.clientHeight || 600, matrixEl.clientWidth || 800, 0);
  const covered = drawn && inner.line0 >= drawn.line0 && inner.line1 <= drawn.line1 && inner.col0 >= drawn.col0 && inner.col1 <= drawn.col1;
  if (covered && !force) return;
  const hadFocus = matrixEl.contains(document.activeElement);
  matrixEl.innerHTML = matrixHtml(view, want);
  drawn = want;
  reportViewport();
  const f = state.focus;
  const cell = f ? cellAt(f.vr, f.vc) : matrixEl.querySelector<HTMLElement>('td.c');
  if (cell) {
    cell.tabIndex = 0;
    if (hadFocus) cell.focus({ preventScroll: true });
  }
}

/** Tells the extension which rows and columns are on screen, so they are simulated first after an edit. */
function reportViewport(): void {
  if (!view) return;
  const win = windowFor(view, matrixEl.scrollTop, matrixEl.scrollLeft, matrixEl.clientHeight || 600, matrixEl.clientWidth || 800, 0);
  const rows: number[] = [];
  for (let li = win.line0; li < win.line1 && rows.length < 100; li++) {
    const line = view.lines[li];
    if (line.kind === 'row') rows.push(...view.rows[line.vr].indices.slice(0, 100 - rows.length));
  }
  const columns: number[] = [];
  for (let vc = win.col0; vc < win.col1 && columns.length < 150; vc++) columns.push(...view.columns[vc].indices.slice(0, 150 - columns.length));
  api.postMessage({ type: 'viewport', rows, columns });
}

let scrollFrame = 0;
matrixEl.addEventListener('scroll', () => {
  cancelAnimationFrame(scrollFrame);
  scrollFrame = requestAnimationFrame(() => drawWindow());
});
window.addEventListener('resize', () => drawWindow());

/** Scrolls the cell into view (drawing that part), moves the roving tab stop to it and focuses it. */
function focusCell(vr: number, vc: number, move = true): void {
  if (!view || view.rows.length === 0 || view.columns.length === 0) return;
  vr = Math.max(0, Math.min(view.rows.length - 1, vr));
  vc = Math.max(0, Math.min(view.columns.length - 1, vc));
  const { rowHeight, cellWidth, bandHeight, headerHeight } = GEOMETRY;
  const y = lineOfRow(view, vr) * rowHeight;
  const x = vc * cellWidth;
  const viewH = matrixEl.clientHeight - bandHeight - headerHeight;
  const viewW = matrixEl.clientWidth - rowHeaderWidth(view);
  if (y < matrixEl.scrollTop) matrixEl.scrollTop = y;
  else if (y + rowHeight > matrixEl.scrollTop + viewH) matrixEl.scrollTop = y + rowHeight - viewH;
  if (x < matrixEl.scrollLeft) matrixEl.scrollLeft = x;
  else if (x + cellWidth > matrixEl.scrollLeft + viewW) matrixEl.scrollLeft = x + cellWidth - viewW;
  const previous = state.focus ? cellAt(state.focus.vr, state.focus.vc) : null;
  if (previous) previous.tabIndex = -1;
  state.focus = { vr, vc };
  save();
  drawWindow();
  const cell = cellAt(vr, vc);
  if (!cell) return;
  cell.tabIndex = 0;
  if (move) cell.focus({ preventScroll: true });
  statusEl.textContent = cell.getAttribute('aria-label') ?? '';
}

function renderMatrix(): void {
  if (!result) return;
  const started = performance.now();
  view = buildMatrixView(result, new Set(state.collapsed));
  legendEl.innerHTML = legendHtml(view);
  warningsEl.innerHTML = '';
  for (const w of view.warnings) {
    const li = document.createElement('li');
    li.textContent = w;
    warningsEl.appendChild(li);
  }
  if (view.rows.length && view.columns.length) {
    if (state.focus) state.focus = { vr: Math.min(state.focus.vr, view.rows.length - 1), vc: Math.min(state.focus.vc, view.columns.length - 1) };
    drawWindow(true);
    const f = state.focus ? cellAt(state.focus.vr, state.focus.vc) : null;
    statusEl.textContent = f?.getAttribute('aria-label') ?? `${view.rows.length} sources × ${view.columns.length} destinations, ${view.portLabel}`;
  } else {
    matrixEl.innerHTML = '<p class="empty">No workloads found: add Pod or Deployment manifests to the workspace.</p>';
  }
  layout = undefined;
  if (state.tab === 'graph') renderGraph();
  // Let the browser lay the new cells out before the time is taken.
  void matrixEl.getBoundingClientRect().height;
  const ms = performance.now() - started;
  api.postMessage({ type: 'rendered', ms, cells: view.rows.length * view.columns.length });
}

function ensureLayout(): GraphLayout | undefined {
  if (!view) return undefined;
  if (!layout) {
    const model = graphModel(view);
    if (model.allowed.length > MAX_DRAWN_EDGES) return undefined;
    layout = layoutGraph(model);
  }
  return layout;
}

function renderGraph(): void {
  if (!view) return;
  const l = ensureLayout();
  graphEl.innerHTML = l
    ? graphSvg(l)
    : `<p class="empty">More than ${MAX_DRAWN_EDGES} allowed flows: collapse some namespaces to draw the graph.</p>`;
}

function openTrace(vr: number, vc: number): void {
  if (!view || !view.rows[vr] || !view.columns[vc]) return;
  const cell = view.cell(vr, vc);
  if (cell.row === undefined || cell.column === undefined) {
    // A collapsed group stands for many flows: open it up instead.
    const groups = new Set([view.rows[vr].group, view.columns[vc].group]);
    state.collapsed = state.collapsed.filter((g) => !groups.has(g));
    save();
    renderMatrix();
    return;
  }
  api.postMessage({ type: 'trace', row: cell.row, column: cell.column });
}

matrixEl.addEventListener('click', (event) => {
  const target = event.target as HTMLElement;
  const button = target.closest('button.toggle') as HTMLButtonElement | null;
  if (button) {
    const group = button.dataset.group!;
    state.collapsed = state.collapsed.includes(group) ? state.collapsed.filter((g) => g !== group) : [...state.collapsed, group];
    save();
    renderMatrix();
    return;
  }
  const cell = target.closest('td.c') as HTMLElement | null;
  if (!cell) return;
  const vr = Number(cell.dataset.vr);
  const vc = Number(cell.dataset.vc);
  focusCell(vr, vc);
  openTrace(vr, vc);
});

matrixEl.addEventListener('keydown', (event) => {
  const cell = (event.target as HTMLElement).closest('td.c') as HTMLElement | null;
  if (!cell || !view) return;
  const vr = Number(cell.dataset.vr);
  const vc = Number(cell.dataset.vc);
  const moves: Record<string, [number, number]> = {
    ArrowUp: [vr - 1, vc],
    ArrowDown: [vr + 1, vc],
    ArrowLeft: [vr, vc - 1],
    ArrowRight: [vr, vc + 1],
    Home: [vr, 0],
    End: [vr, view.columns.length - 1],
    PageUp: [vr - 10, vc],
    PageDown: [vr + 10, vc],
  };
  const to = moves[event.key];
  if (to) {
    event.preventDefault();
    focusCell(event.ctrlKey && event.key === 'Home' ? 0 : to[0], to[1]);
  } else if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    openTrace(vr, vc);
  }
});

matrixEl.addEventListener('mouseover', (event) => {
  const cell = (event.target as HTMLElement).closest('td.c');
  if (cell) statusEl.textContent = cell.getAttribute('aria-label') ?? '';
});

function showDenied(key: string | undefined): void {
  const layer = graphEl.querySelector('g.denied-edges');
  if (!layer || !layout) return;
  layer.innerHTML = key ? deniedEdgesSvg(layout, key) : '';
}

graphEl.addEventListener('mouseover', (event) => {
  const target = event.target as Element;
  const node = target.closest('g.node') as SVGGElement | null;
  if (node) showDenied(node.dataset.key);
  const edge = target.closest('path.edge');
  if (edge) statusEl.textContent = edge.querySelector('title')?.textContent ?? '';
});
graphEl.addEventListener('focusin', (event) => {
  const node = (event.target as Element).closest('g.node') as SVGGElement | null;
  if (node) {
    showDenied(node.dataset.key);
    statusEl.textContent = `${node.dataset.key}: denied flows from and to it are drawn dashed`;
  }
});
graphEl.addEventListener('click', (event) => {
  const edge = (event.target as Element).closest('path.edge') as SVGPathElement | null;
  if (edge) openTrace(Number(edge.dataset.vr), Number(edge.dataset.vc));
});

for (const tab of ['matrix', 'graph'] as const) {
  $(`tab-${tab}`).addEventListener('click', () => {
    state.tab = tab;
    save();
    renderTabs();
    if (tab === 'graph') renderGraph();
  });
}
$('tabs').addEventListener('keydown', (event) => {
  if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
  state.tab = state.tab === 'matrix' ? 'graph' : 'matrix';
  save();
  renderTabs();
  if (state.tab === 'graph') renderGraph();
  $(`tab-${state.tab}`).focus();
});

portSelect.addEventListener('change', () => {
  if (portSelect.value === OTHER) {
    portSelect.value = chosen;
    api.postMessage({ type: 'askPort' });
    return;
  }
  const choice = choices.find((c) => choiceKey(c) === portSelect.value);
  if (!choice) return;
  chosen = portSelect.value;
  statusEl.textContent = `Simulating ${choice.label}…`;
  api.postMessage({ type: 'query', protocol: choice.protocol, port: choice.port });
});

/** The theme's resolved colours, so an exported picture looks the same outside VS Code. */
function exportStyle(): string {
  const css = getComputedStyle(document.body);
  const v = (name: string) => css.getPropertyValue(name).trim() || 'currentColor';
  return [
    `svg{background:${v('--vscode-editor-background')};font-family:sans-serif;font-size:12px}`,
    `.ns rect{fill:none;stroke:${v('--vscode-panel-border')}}`,
    `.ns text,.node text{fill:${v('--vscode-foreground')}}`,
    `.node rect{fill:${v('--vscode-editorWidget-background')};stroke:${v('--vscode-focusBorder')}}`,
    `.edge{fill:none;stroke-width:1.5px}`,
    `.edge.s-allowed,.arrowhead{stroke:${v('--vscode-testing-iconPassed')};fill:${v('--vscode-testing-iconPassed')}}`,
    `path.edge{fill:none}`,
    `.edge.s-uncertain{stroke:${v('--vscode-editorWarning-foreground')};stroke-dasharray:2 3}`,
    `.edge.s-changed-by-staged{stroke:${v('--vscode-charts-purple')}}`,
    `.edge.s-mixed{stroke:${v('--vscode-testing-iconPassed')};stroke-dasharray:6 3}`,
  ].join('');
}

for (const format of ['csv', 'json'] as const) {
  $(`export-${format}`).addEventListener('click', () => api.postMessage({ type: 'export', format }));
}
$('export-svg').addEventListener('click', () => {
  const l = ensureLayout();
  if (!l) {
    statusEl.textContent = `Collapse namespaces to fewer than ${MAX_DRAWN_EDGES} allowed flows to export the picture.`;
    return;
  }
  api.postMessage({ type: 'export', format: 'svg', svg: graphSvg(l, exportStyle()) });
});
scopeEl.addEventListener('click', () => api.postMessage({ type: 'scope' }));

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  if (message.type === 'matrix') {
    result = message.result;
    choices = message.choices;
    chosen = choiceKey(message.result);
    scopeEl.textContent = `Scope: ${message.scopeLabel}`;
    renderPorts();
    renderMatrix();
  } else if (message.type === 'error') {
    statusEl.textContent = message.message;
  } else if (message.type === 'busy') {
    statusEl.textContent = 'Updating…';
  }
});

renderTabs();
api.postMessage({ type: 'ready' });
