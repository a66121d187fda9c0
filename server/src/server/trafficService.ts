// What `calico/simulate`, `calico/listEndpoints` and `calico/matrix` answer: the engine run over the workspace's
// files and (when the cluster is on) the cluster's policies, with one model per state of those inputs.
import { ErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';
import {
  type DiffTrafficParams,
  type DiffTrafficResult,
  type FlowQuery,
  type ListEndpointsParams,
  type ListEndpointsResult,
  type MatrixParams,
  type MatrixResult,
  type PolicyScope,
  type SimulateParams,
  type SimulateResult,
} from '../../../protocol';
import type { CalicoSettings } from '../settings';
import { cancelled, describeError, type Logger } from './safeHandler';
import { WorkspaceFileSet, type OpenFile } from './workspaceFiles';
import type { DocumentStore } from './documentStore';
import type { TrafficEngine, TrafficModelOf, TrafficSourceFile, MissingData } from './trafficEngine';
import { FlowQueryError, UnknownEndpointError } from '../traffic';
import { uriKey } from '../labels/workspace/workspaceSource';
import type { ParsedFile } from '../document';

/** More flows than this in one request is a mistake, not a question. */
export const MAX_FLOWS = 10000;

/** Distinct workloads a `calico/diffTraffic` answer compares (as the CLI's default `--max-endpoints`). */
export const DIFF_MAX_ENDPOINTS = 100;

/** Cluster policies and endpoints for the simulator; provided by the cluster source once it can read them. */
export interface ClusterTrafficSource {
  /** True when the cluster is enabled, trusted and configured. */
  isOn(): boolean;
  /** The cluster's objects as source files, what could not be read, and a key that changes with the data. */
  read(): Promise<{ files: TrafficSourceFile[]; missing: MissingData[]; key: string }>;
}

export interface TrafficServiceOptions<E extends TrafficEngine> {
  engine: E;
  workspace: WorkspaceFileSet;
  settings(): Promise<CalicoSettings>;
  cluster?: () => ClusterTrafficSource | undefined;
  /** An open document's current text, parsed. */
  openDocument?: (uri: string) => { uri: string; file: ParsedFile } | undefined;
  log: Logger;
}

interface Inputs {
  files: TrafficSourceFile[];
  missing: MissingData[];
  warnings: string[];
  key: string;
  calicoVersion: string;
}

export class TrafficService<E extends TrafficEngine> {
  private cached: { key: string; model: TrafficModelOf<E> } | undefined;
  private lastMatrix: { key: string; result: MatrixResult } | undefined;

  constructor(private readonly options: TrafficServiceOptions<E>) {}

  async simulate(params: SimulateParams, token?: CancellationToken): Promise<SimulateResult> {
    const flows = readFlows(params);
    const { model, warnings } = await this.model(params?.scope);
    const results = [];
    for (const flow of flows) {
      if (token?.isCancellationRequested) throw cancelled();
      results.push(this.engineCall(() => this.options.engine.simulateFlow(model, flow)));
    }
    return { results, warnings };
  }

  async listEndpoints(params: ListEndpointsParams | undefined): Promise<ListEndpointsResult> {
    const { model, warnings } = await this.model(params?.scope);
    const { engine } = this.options;
    return { endpoints: engine.listEndpoints(model), ports: engine.policyPorts(model), warnings };
  }

  async matrix(params: MatrixParams): Promise<MatrixResult> {
    const query = readMatrixParams(params);
    const { model, warnings, key } = await this.model(params?.scope);
    const matrixKey = `${key}|${query.protocol}|${query.port ?? ''}|${query.rows?.join(',') ?? '*'}|${query.columns?.join(',') ?? '*'}`;
    if (this.lastMatrix?.key === matrixKey) return this.lastMatrix.result;
    const computed = this.options.engine.simulateMatrix(model, query);
    const result = { ...computed, warnings: [...new Set([...warnings, ...(computed.warnings ?? [])])] };
    this.lastMatrix = { key: matrixKey, result };
    return result;
  }

  /** Flows that change verdict if the document's resources were applied to the current scope (without it: before). */
  async diffTraffic(params: DiffTrafficParams): Promise<DiffTrafficResult> {
    const uri = params?.uri;
    if (typeof uri !== 'string' || !uri) throw invalid('`uri` must name the document to apply.');
    const inputs = await this.inputs(undefined);
    const key = uriKey(uri);
    const isDoc = (f: TrafficSourceFile) => f.source !== 'cluster' && uriKey(f.uri) === key;
    const doc = this.options.openDocument?.(uri) ?? inputs.files.find(isDoc);
    if (!doc) throw invalid(`${uri} is not open in the editor nor a workspace file: open it to see what applying it changes.`);
    const others = inputs.files.filter((f) => !isDoc(f));
    const { engine } = this.options;
    const endpoints = engine.endpointPart(doc.file);
    const build = (files: TrafficSourceFile[]) => engine.buildTrafficModel({ files, missing: inputs.missing, calicoVersion: inputs.calicoVersion });
    const before = build(endpoints ? [...others, { uri: doc.uri, file: endpoints, source: 'workspace' }] : others);
    const after = build([...others, { uri: doc.uri, file: doc.file, source: 'workspace' }]);
    const diff = engine.diffTraffic(before, after, DIFF_MAX_ENDPOINTS);
    const warnings = [...inputs.warnings];
    if (diff.capped) warnings.push(`Only the first ${diff.checked.endpoints} of ${diff.capped} distinct workloads were checked.`);
    return { changes: diff.changes, checked: diff.checked, uncertainFlows: diff.uncertainFlows, warnings };
  }

  /** The model for the current files; built again only when a file, the scope or the Calico version changed. */
  private async model(requested: PolicyScope | undefined): Promise<{ model: TrafficModelOf<E>; warnings: string[]; key: string }> {
    const inputs = await this.inputs(requested);
    if (this.cached?.key !== inputs.key) {
      const model = this.options.engine.buildTrafficModel({ files: inputs.files, missing: inputs.missing, calicoVersion: inputs.calicoVersion }) as TrafficModelOf<E>;
      this.cached = { key: inputs.key, model };
    }
    return { model: this.cached.model, warnings: inputs.warnings, key: inputs.key };
  }

  private async inputs(requested: PolicyScope | undefined): Promise<Inputs> {
    const settings = await this.options.settings();
    const scope = isScope(requested) ? requested : settings.simulation.scope;
    const cluster = this.options.cluster?.();
    let read: Awaited<ReturnType<NonNullable<typeof cluster>['read']>> | undefined;
    let readFailed = false;
    if (scope !== 'workspace' && cluster?.isOn()) {
      try {
        read = await cluster.read();
      } catch (error) {
        this.options.log(`simulation: cluster read failed: ${describeError(error)}`);
        readFailed = true;
      }
      // A source that had not seen its settings yet says it is on until its first read settles it: off is off.
      if (!cluster.isOn()) {
        read = undefined;
        readFailed = false;
      }
    }
    const clusterOn = read !== undefined || readFailed;
    const useWorkspace = scope === 'workspace' || scope === 'cluster+workspace' || (scope === 'cluster' && !clusterOn);
    const warnings: string[] = [];
    if (scope === 'cluster' && !clusterOn) {
      warnings.push('The cluster is not available (off, untrusted workspace, or not connected): showing the workspace files only.');
    }
    const files: TrafficSourceFile[] = [];
    const missing: MissingData[] = [];
    const keys: string[] = [scope, settings.calicoVersion];
    if (useWorkspace) {
      const ws = await this.options.workspace.current();
      for (const f of ws.files) files.push({ uri: f.uri, file: f.file, source: 'workspace' });
      warnings.push(...this.options.workspace.notes());
      keys.push(`ws:${ws.key}`);
    }
    if (read) {
      files.push(...read.files.map((f) => ({ ...f, source: 'cluster' as const })));
      missing.push(...read.missing);
      keys.push(`cluster:${read.key}`);
    } else if (readFailed) {
      warnings.push('Cluster policies could not be read: the result shows the workspace files only.');
      keys.push('cluster:failed');
    }
    for (const m of missing) warnings.push(missingSentence(m));
    return { files, missing, warnings, key: keys.join('\n'), calicoVersion: settings.calicoVersion };
  }

  /** The engine's "unknown endpoint" and malformed questions become InvalidParams errors (with the closest names). */
  private engineCall<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      if (error instanceof UnknownEndpointError) throw new ResponseError(ErrorCodes.InvalidParams, error.message, { suggestions: error.suggestions });
      if (error instanceof FlowQueryError) throw new ResponseError(ErrorCodes.InvalidParams, error.message);
      throw error;
    }
  }
}

function isScope(value: unknown): value is PolicyScope {
  return value === 'workspace' || value === 'cluster' || value === 'cluster+workspace';
}

function missingSentence(m: MissingData): string {
  const where = m.namespace ? ` in namespace ${m.namespace}` : '';
  return `${m.kind}${where} could not be read: ${m.reason}. Verdicts that depend on them may be wrong.`;
}

function invalid(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

function readFlows(params: SimulateParams | undefined): FlowQuery[] {
  const flows = params?.flows;
  if (!Array.isArray(flows)) throw invalid('`flows` must be an array of {from, to, protocol, port}.');
  if (flows.length > MAX_FLOWS) throw invalid(`At most ${MAX_FLOWS} flows per request (got ${flows.length}).`);
  return flows.map((f, i) => {
    if (!f || typeof f !== 'object') throw invalid(`flows[${i}] must be an object.`);
    const { from, to, protocol, port, expect } = f as unknown as Record<string, unknown>;
    if (typeof from !== 'string' || !from) throw invalid(`flows[${i}].from must be NAMESPACE/NAME or an IP address.`);
    if (typeof to !== 'string' || !to) throw invalid(`flows[${i}].to must be NAMESPACE/NAME or an IP address.`);
    if (typeof protocol !== 'string' || !protocol) throw invalid(`flows[${i}].protocol must be a protocol name or number, e.g. TCP.`);
    if (port !== undefined && !isPort(port) && !(typeof port === 'string' && port.length > 0)) {
      throw invalid(`flows[${i}].port must be a number from 1 to 65535 or a named port.`);
    }
    if (expect !== undefined && expect !== 'allow' && expect !== 'deny') throw invalid(`flows[${i}].expect must be "allow" or "deny".`);
    const query: FlowQuery = { from, to, protocol };
    if (port !== undefined) query.port = port as number | string;
    if (expect !== undefined) query.expect = expect;
    return query;
  });
}

function readMatrixParams(params: MatrixParams | undefined): { protocol: string; port?: number; rows?: string[]; columns?: string[] } {
  const protocol = params?.protocol;
  if (typeof protocol !== 'string' || !protocol) throw invalid('`protocol` must be a protocol name or number, e.g. TCP.');
  if (params.port !== undefined && params.port !== null && !isPort(params.port)) throw invalid('`port` must be a number from 1 to 65535.');
  const ids = (field: 'rows' | 'columns') => {
    const list = params[field];
    if (list !== undefined && (!Array.isArray(list) || list.length > MAX_FLOWS || list.some((r) => typeof r !== 'string'))) {
      throw invalid(`\`${field}\` must be a list of endpoint ids (NAMESPACE/NAME or an IP/CIDR).`);
    }
    return list;
  };
  const query: { protocol: string; port?: number; rows?: string[]; columns?: string[] } = { protocol };
  if (params.port !== undefined && params.port !== null) query.port = params.port;
  const rows = ids('rows');
  const columns = ids('columns');
  if (rows) query.rows = rows;
  if (columns) query.columns = columns;
  return query;
}

function isPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}

export interface TrafficSetup<E extends TrafficEngine> {
  engine: E;
  documents: DocumentStore;
  folders(): string[];
  /** Global settings (scope, Calico version, workspace globs) as last read. */
  settings(): CalicoSettings;
  /** The cluster's policies and endpoints, once the cluster source provides them. */
  cluster?: () => ClusterTrafficSource | undefined;
  log: Logger;
}

/** The workspace file set (open editors from the document store win over disk) and the service over it. */
export function createTrafficService<E extends TrafficEngine>(setup: TrafficSetup<E>): TrafficService<E> {
  const openFiles = (): OpenFile[] => {
    const out: OpenFile[] = [];
    for (const doc of setup.documents.all()) {
      const model = setup.documents.model(doc.uri);
      if (model) out.push({ uri: model.uri, version: model.version, file: model.file });
    }
    return out;
  };
  const workspace = new WorkspaceFileSet({ getFolders: setup.folders, getSettings: setup.settings, openFiles, log: setup.log });
  const openDocument = (uri: string) => {
    const model = setup.documents.model(uri);
    return model ? { uri: model.uri, file: model.file } : undefined;
  };
  return new TrafficService({ engine: setup.engine, workspace, settings: async () => setup.settings(), cluster: setup.cluster, openDocument, log: setup.log });
}
