// "Calico: Show Reachability": a webview beside the editor with the matrix and the graph of who can talk to whom.
// It asks the server for the matrix, again (debounced) whenever a YAML file changes, and keeps its state when hidden.
import * as vscode from 'vscode';
import { CheckTrafficCommand, ListEndpointsRequest, MatrixRequest, type ListEndpointsResult, type MatrixParams, type MatrixResult } from '../../../protocol';
import type { CalicoClient } from '../calicoClient';
import { newNonce, webviewShell } from '../traffic/webviewShell';
import type { FromWebview, PortChoice, ToWebview } from './messages';
import { matrixCsv, matrixJson, mergeRows, portChoices, portLabel } from './viewModel';
import { parseProtocolPort } from '../traffic/protocolPort';

/** Keystrokes closer together than this cause one new matrix. */
const EDIT_DEBOUNCE_MS = 250;
/** Above this many rows an edit first recomputes the rows on screen, then the rest. */
const PROGRESSIVE_ROWS = 60;
/** The server re-reads files on disk at most every 2 s; ask after that. */
const DISK_DEBOUNCE_MS = 2100;

export const SCOPE_LABELS: Record<string, string> = {
  workspace: 'workspace',
  cluster: 'cluster',
  'cluster+workspace': 'cluster + workspace',
};

/** What the last redraw cost, for the e2e run's report. */
export interface RenderTiming {
  /** Webview: view model + DOM update. */
  renderMs: number;
  /** Server round trip for the matrix. */
  requestMs: number;
  /** From the edit that caused it (debounce included) to the drawn matrix; absent when no edit caused it. */
  sinceEditMs?: number;
  /** True for the first, partial redraw (the rows on screen) of a large matrix. */
  partial?: boolean;
  cells: number;
}

const BODY = `
<header class="toolbar">
  <div id="tabs" role="tablist" aria-label="Views">
    <button id="tab-matrix" role="tab" aria-controls="panel-matrix">Matrix</button>
    <button id="tab-graph" role="tab" aria-controls="panel-graph">Graph</button>
  </div>
  <label>Protocol/port <select id="port" aria-label="Protocol and port"></select></label>
  <button id="scope" title="Where policies and workloads come from">Scope</button>
  <span class="spacer"></span>
  <button id="export-csv" title="Save the matrix as CSV">CSV</button>
  <button id="export-json" title="Save every flow as JSON">JSON</button>
  <button id="export-svg" title="Save the graph as SVG">SVG</button>
</header>
<div id="legend"></div>
<ul id="warnings" class="warnings"></ul>
<section id="panel-matrix" role="tabpanel" aria-labelledby="tab-matrix"><div id="matrix"></div></section>
<section id="panel-graph" role="tabpanel" aria-labelledby="tab-graph" hidden><p class="hint">Allowed flows are drawn; hover or focus a workload to see its denied flows (dashed). Click an edge for its trace.</p><div id="graph"></div></section>
<footer id="status" role="status" aria-live="polite"></footer>`;

function ids(indices: unknown, endpoints: { id: string }[] | undefined): string[] {
  if (!Array.isArray(indices) || !endpoints) return [];
  return indices.map((i) => endpoints[i as number]?.id).filter((id): id is string => typeof id === 'string');
}

export class ReachabilityPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private query: { protocol: string; port?: number } | undefined;
  private choices: PortChoice[] = [];
  private result: MatrixResult | undefined;
  private sequence = 0;
  private timer: NodeJS.Timeout | undefined;
  private editAt: number | undefined;
  private pendingTiming: { requestMs: number; editAt?: number; partial?: boolean } | undefined;
  /** Matrix row and column ids on screen, as the webview last reported them. */
  private visibleRows: string[] = [];
  private visibleColumns: string[] = [];
  private timing: RenderTiming | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly calico: CalicoClient,
    private readonly extensionUri: vscode.Uri,
  ) {}

  /** The matrix on show and the last redraw's cost (for tests). */
  get shown(): MatrixResult | undefined {
    return this.result;
  }
  get lastTiming(): RenderTiming | undefined {
    return this.timing;
  }

  async show(query?: { protocol: string; port?: number }): Promise<void> {
    if (query) this.query = query;
    if (this.panel) {
      this.panel.reveal(undefined, false);
      if (query) await this.refresh();
      return;
    }
    const panel = vscode.window.createWebviewPanel('calico.reachability', 'Reachability', vscode.ViewColumn.Beside, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'media'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    });
    this.panel = panel;
    const webview = panel.webview;
    const asset = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...p)).toString();
    webview.html = webviewShell({
      title: 'Reachability',
      cspSource: webview.cspSource,
      nonce: newNonce(),
      styleUris: [asset('media', 'reachability.css')],
      scriptUri: asset('dist', 'media', 'reachability.js'),
      body: BODY,
    });
    this.disposables.push(
      webview.onDidReceiveMessage((m: FromWebview) => void this.onMessage(m).catch((e: unknown) => this.calico.output.error(`reachability: ${String(e)}`))),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.languageId === 'yaml' && e.contentChanges.length > 0) this.schedule(EDIT_DEBOUNCE_MS);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('calico')) this.schedule(EDIT_DEBOUNCE_MS, false);
      }),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (d.languageId === 'yaml') this.schedule(DISK_DEBOUNCE_MS, false);
      }),
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}');
    const onDisk = () => this.schedule(DISK_DEBOUNCE_MS, false);
    this.disposables.push(watcher, watcher.onDidCreate(onDisk), watcher.onDidChange(onDisk), watcher.onDidDelete(onDisk));
    panel.onDidDispose(() => {
      this.panel = undefined;
      clearTimeout(this.timer);
      for (const d of this.disposables.splice(0)) d.dispose();
    });
  }

  private schedule(delay: number, fromEdit = true): void {
    if (!this.panel) return;
    if (fromEdit) this.editAt ??= Date.now();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  private post(message: ToWebview): void {
    void this.panel?.webview.postMessage(message);
  }

  private scopeLabel(): string {
    const scope = vscode.workspace.getConfiguration('calico').get<string>('simulation.scope', 'cluster+workspace');
    return SCOPE_LABELS[scope] ?? scope;
  }

  /** Fetches ports and matrix; a newer refresh makes an older answer be dropped. */
  async refresh(): Promise<void> {
    if (!this.panel) return;
    const sequence = ++this.sequence;
    const editAt = this.editAt;
    this.editAt = undefined;
    this.post({ type: 'busy' });
    try {
      await this.calico.ready;
      const started = Date.now();
      const known = await this.calico.client.sendRequest<ListEndpointsResult>(ListEndpointsRequest, {});
      this.choices = portChoices(known.ports);
      const query = this.query && this.choices.some((c) => c.protocol === this.query!.protocol && c.port === this.query!.port) ? this.query : (this.query ?? this.choices[0]);
      const params: MatrixParams = query.port === undefined ? { protocol: query.protocol } : { protocol: query.protocol, port: query.port };
      const previous = this.result;
      if (previous && previous.rows.length > PROGRESSIVE_ROWS && this.visibleRows.length > 0 && this.visibleColumns.length > 0 && previous.protocol === params.protocol && previous.port === params.port) {
        // Large matrix: the rows on screen first, so the redraw after a keystroke does not wait for all of them.
        const partial = await this.calico.client.sendRequest<MatrixResult>(MatrixRequest, { ...params, rows: this.visibleRows, columns: this.visibleColumns });
        if (sequence !== this.sequence) return;
        const merged = mergeRows(previous, partial);
        if (merged) {
          this.result = merged;
          this.pendingTiming = { requestMs: Date.now() - started, editAt, partial: true };
          this.post({ type: 'matrix', result: merged, choices: this.choices, scopeLabel: this.scopeLabel() });
        }
      }
      const result = await this.calico.client.sendRequest<MatrixResult>(MatrixRequest, params);
      if (sequence !== this.sequence) return;
      this.query = { protocol: params.protocol, port: params.port };
      if (!this.choices.some((c) => c.protocol === params.protocol && c.port === params.port)) {
        this.choices = [...this.choices, { protocol: params.protocol, port: params.port, label: portLabel(params.protocol, params.port) }];
      }
      this.result = result;
      this.pendingTiming = { requestMs: Date.now() - started, editAt };
      this.post({ type: 'matrix', result, choices: this.choices, scopeLabel: this.scopeLabel() });
    } catch (error) {
      if (sequence === this.sequence) this.post({ type: 'error', message: `Could not simulate: ${(error as Error).message}` });
    }
  }

  private async onMessage(m: FromWebview): Promise<void> {
    switch (m?.type) {
      case 'ready':
        await this.refresh();
        break;
      case 'query':
        this.query = { protocol: m.protocol, port: m.port };
        await this.refresh();
        break;
      case 'trace': {
        const r = this.result;
        const from = r?.rows[m.row]?.id;
        const to = r?.columns[m.column]?.id;
        if (!r || !from || !to) return;
        await vscode.commands.executeCommand(CheckTrafficCommand, { from, to, protocol: r.protocol, ...(r.port !== undefined ? { port: r.port } : {}) });
        break;
      }
      case 'export':
        await this.export(m.format, m.format === 'svg' ? m.svg : undefined);
        break;
      case 'askPort': {
        const typed = await vscode.window.showInputBox({
          title: 'Reachability for protocol and port',
          prompt: 'A protocol and a port number, e.g. TCP 2379 or UDP 53; a protocol alone means any port.',
          validateInput: (value) => {
            const parsed = parseProtocolPort(value);
            if ('error' in parsed) return parsed.error;
            return typeof parsed.port === 'string' ? 'The matrix needs a port number (named ports differ per workload).' : undefined;
          },
        });
        if (!typed) return;
        const parsed = parseProtocolPort(typed);
        if ('error' in parsed || typeof parsed.port === 'string') return;
        this.query = parsed.port === undefined ? { protocol: parsed.protocol } : { protocol: parsed.protocol, port: parsed.port };
        await this.refresh();
        break;
      }
      case 'scope':
        await vscode.commands.executeCommand('calico.selectSimulationScope');
        break;
      case 'rendered': {
        const t = this.pendingTiming;
        this.pendingTiming = undefined;
        this.timing = { renderMs: m.ms, requestMs: t?.requestMs ?? 0, cells: m.cells, ...(t?.editAt ? { sinceEditMs: Date.now() - t.editAt } : {}), ...(t?.partial ? { partial: true } : {}) };
        break;
      }
      case 'viewport':
        this.visibleRows = ids(m.rows, this.result?.rows);
        this.visibleColumns = ids(m.columns, this.result?.columns);
        break;
    }
  }

  private async export(format: 'csv' | 'json' | 'svg', svg?: string): Promise<void> {
    const r = this.result;
    if (!r) return;
    const text = format === 'csv' ? matrixCsv(r) : format === 'json' ? matrixJson(r) : svg;
    if (!text) return;
    const base = `reachability-${r.protocol.toLowerCase()}-${r.port ?? 'any'}.${format}`;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, base) : undefined,
      filters: { [format.toUpperCase()]: [format] },
      title: `Export reachability as ${format.toUpperCase()}`,
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    void vscode.window.showInformationMessage(`Saved ${vscode.workspace.asRelativePath(target)}`);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
