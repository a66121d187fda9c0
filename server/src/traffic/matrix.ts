// Every workload to every workload (and to the external endpoints the policies name) for one protocol/port.
import type { EndpointInfo, MatrixCell, MatrixParams, MatrixResult, FlowResult } from '../../../protocol/traffic';
import { listEndpoints } from './endpoints';
import { simulateFlowLean } from './simulate';
import type { TrafficModel } from './types';

function label(result: FlowResult): string {
  const d = result.decidedBy;
  const verb = result.verdict === 'allow' ? 'allowed' : 'denied';
  if (result.note) return `${verb}: ${result.note}`;
  if (d.reason === 'profile') return `${verb} by the profile (no policy selects ${d.side === 'egress' ? result.from : result.to} for ${d.side})`;
  if (d.reason === 'end-of-tier') return `${verb} at the end of tier ${d.tier} (${d.side})`;
  return `${verb} by ${d.policy} ${d.side} rule ${d.ruleIndex}`;
}

function cell(result: FlowResult): MatrixCell {
  const state: MatrixCell['state'] = result.uncertain ? 'uncertain' : result.stagedVerdict !== result.verdict ? 'changed-by-staged' : result.verdict === 'allow' ? 'allowed' : 'denied';
  const out: MatrixCell = { state, verdict: result.verdict, stagedVerdict: result.stagedVerdict, label: label(result), decidedBy: result.decidedBy };
  if (result.uncertain) out.uncertain = result.uncertain;
  return out;
}

export function simulateMatrix(model: TrafficModel, params: MatrixParams): MatrixResult {
  const endpoints = listEndpoints(model);
  const only = params.endpoints ? new Set(params.endpoints) : undefined;
  const workloads: EndpointInfo[] = endpoints.filter((e) => e.kind === 'workload' && (!only || only.has(e.id)));
  const wanted = params.rows ? new Set(params.rows) : undefined;
  const rows = wanted ? workloads.filter((e) => wanted.has(e.id)) : workloads;
  const allColumns: EndpointInfo[] = [...workloads, ...endpoints.filter((e) => e.kind === 'external')];
  const wantedColumns = params.columns ? new Set(params.columns) : undefined;
  const columns = wantedColumns ? allColumns.filter((e) => wantedColumns.has(e.id)) : allColumns;
  const cells = rows.map((row) =>
    columns.map((column) => {
      const query = { from: row.id, to: column.id, protocol: params.protocol, ...(params.port !== undefined ? { port: params.port } : {}) };
      return cell(simulateFlowLean(model, query));
    }),
  );
  const out: MatrixResult = { protocol: params.protocol, rows, columns, cells, warnings: model.missing.map((m) => `${m.kind}${m.namespace ? ` in ${m.namespace}` : ''} could not be read: ${m.reason}`) };
  if (params.port !== undefined) out.port = params.port;
  return out;
}
