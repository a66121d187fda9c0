// The traffic engine's functions as the LSP handlers call them, so the service can be given the engine module.
import type { EndpointInfo, FlowQuery, FlowResult, MatrixParams, MatrixResult } from '../../../protocol';
import type { ParsedFile } from '../document';
import type { TrafficDiff, TrafficInput } from '../traffic';

export type { TrafficSourceFile, MissingData, TrafficInput } from '../traffic';

export interface TrafficEngine<M = any> {
  buildTrafficModel(input: TrafficInput): M;
  simulateFlow(model: M, query: FlowQuery): FlowResult;
  listEndpoints(model: M): EndpointInfo[];
  policyPorts(model: M): { protocol: string; port?: number }[];
  simulateMatrix(model: M, params: MatrixParams): MatrixResult;
  diffTraffic(before: M, after: M, maxEndpoints: number): TrafficDiff;
  endpointPart(file: ParsedFile): ParsedFile | undefined;
}

export type TrafficModelOf<E> = E extends TrafficEngine<infer M> ? M : never;
