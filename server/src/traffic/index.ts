// Public API of the traffic simulator: build a model from parsed files, then ask flows, endpoints, ports, matrices.
export type { TrafficSourceFile, MissingData, TrafficInput, TrafficModel } from './types';
export { buildTrafficModel } from './build';
export { simulateFlow } from './simulate';
export { listEndpoints, policyPorts } from './endpoints';
export { simulateMatrix } from './matrix';
export { UnknownEndpointError, FlowQueryError } from './errors';
export type { FlowQuery, FlowResult, EndpointInfo, MatrixParams, MatrixResult } from '../../../protocol/traffic';
