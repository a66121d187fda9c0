// Public API of the traffic simulator: build a model from parsed files, then ask flows, endpoints, ports, matrices.
export type { TrafficSourceFile, MissingData, TrafficInput, TrafficModel } from './types';
export { buildTrafficModel } from './build';
export { simulateFlow } from './simulate';
export { listEndpoints, policyPorts } from './endpoints';
export { simulateMatrix } from './matrix';
export { diffTraffic, endpointPart, type TrafficDiff } from './diff';
export { UnknownEndpointError, FlowQueryError } from './errors';
export type { FlowQuery, FlowResult, EndpointInfo, MatrixParams, MatrixResult, DiffTrafficResult, FlowChange, FlowChangeSide } from '../../../protocol/traffic';
