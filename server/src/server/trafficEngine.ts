// The traffic engine's functions as the LSP handlers call them, so the handlers can be given the engine module.
import type { ParsedFile } from '../document';
import type { EndpointInfo, FlowQuery, FlowResult, MatrixParams, MatrixResult } from '../../../protocol';

export interface TrafficSourceFile {
  uri: string;
  file: ParsedFile;
  source?: 'workspace' | 'cluster';
}
export interface MissingData {
  kind: string;
  namespace?: string;
  reason: string;
}
export interface TrafficInput {
  files: TrafficSourceFile[];
  missing?: MissingData[];
  calicoVersion?: string;
}

export interface TrafficEngine<M = any> {
  buildTrafficModel(input: TrafficInput): M;
  simulateFlow(model: M, query: FlowQuery): FlowResult;
  listEndpoints(model: M): EndpointInfo[];
  policyPorts(model: M): { protocol: string; port?: number }[];
  simulateMatrix(model: M, params: MatrixParams): MatrixResult;
}

export type TrafficModelOf<E> = E extends TrafficEngine<infer M> ? M : never;
