// Public API of the labels area: the shared LabelIndex contract, the service the server runs, and
// selector helpers (scope, matching, unknown-label warnings).
export * from './labelIndex';
export { LabelService, type LabelServiceOptions } from './labelService';
export { registerLabelHandlers, labelFileWatchers } from './handlers';
export { matchSelector, scopeForSelector, type SelectorMatches } from './match';
export { unknownLabelDiagnostics, closestKey, UNKNOWN_LABEL_CODE, type LabelDiagnostic } from './unknownLabels';
export { InMemoryLabelSource, type InMemoryObjects } from './inMemorySource';
export { isImplicitLabelKey, withImplicitLabels, type LabelledObject } from './implicitLabels';
export { objectsFromYaml } from './workspace/manifestObjects';
