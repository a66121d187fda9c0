// The traffic simulator's requests, so any editor can ask: `calico/simulate`, `calico/listEndpoints`, `calico/matrix`,
// `calico/diffTraffic`.
// Bad parameters and unknown endpoints answer InvalidParams with a sentence (and the closest endpoint names).
import {
  DiffTrafficRequest,
  ListEndpointsRequest,
  MatrixRequest,
  SimulateRequest,
  type DiffTrafficParams,
  type DiffTrafficResult,
  type ListEndpointsParams,
  type ListEndpointsResult,
  type MatrixParams,
  type MatrixResult,
  type SimulateParams,
  type SimulateResult,
} from '../../../../protocol';
import * as engine from '../../traffic';
import { createTrafficService, type ClusterTrafficSource } from '../trafficService';
import type { ServerContext } from '../context';
import { activeClusterTrafficSource } from '../../cluster';

/** The cluster policy source (handlers/clusterPolicies.ts): its policies and endpoints, and what could not be read. */
function clusterTrafficSource(_ctx: ServerContext): ClusterTrafficSource | undefined {
  return activeClusterTrafficSource;
}

export function register(ctx: ServerContext): void {
  const service = createTrafficService({
    engine,
    documents: ctx.documents,
    folders: () => ctx.workspaceFolders,
    settings: () => ctx.settings.current(),
    cluster: () => clusterTrafficSource(ctx),
    log: ctx.log,
  });
  const asCommand = { replyWithError: true };
  ctx.connection.onRequest(SimulateRequest, ctx.request('simulate', { results: [], warnings: [] } as SimulateResult, (p: SimulateParams, t) => service.simulate(p, t), asCommand));
  ctx.connection.onRequest(
    ListEndpointsRequest,
    ctx.request('list endpoints', { endpoints: [], ports: [], warnings: [] } as ListEndpointsResult, (p: ListEndpointsParams) => service.listEndpoints(p), asCommand),
  );
  ctx.connection.onRequest(MatrixRequest, ctx.request('matrix', { protocol: '', rows: [], columns: [], cells: [], warnings: [] } as MatrixResult, (p: MatrixParams) => service.matrix(p), asCommand));
  ctx.connection.onRequest(
    DiffTrafficRequest,
    ctx.request('diff traffic', { changes: [], checked: { endpoints: 0, ports: [], flows: 0 }, uncertainFlows: 0, warnings: [] } as DiffTrafficResult, (p: DiffTrafficParams) => service.diffTraffic(p), asCommand),
  );
}
