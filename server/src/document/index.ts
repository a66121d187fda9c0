// The document model: parsed YAML files with file offsets, resource recognition, locations and selector sites.
export type { ResourceInfo, ResourceFamily, ParsedDocument, ParsedFile, NodeLocation, SelectorSite, SelectorField } from './types';
export { LineIndex } from './lineIndex';
export { parseFile, ParsedFileCache, splitSections } from './parse';
export { locate, documentAt } from './locate';
export { valueOffsetToFileOffset, fileOffsetToValueOffset, valueRangeToFileRange } from './scalarOffsets';
export { selectorSites } from './selectorSites';
export { maskTemplates } from './templates';
export { recognizeResource, calicoResourceKinds, CALICO_API, CALICO_CRD_API, K8S_NETWORKING_API } from './recognize';
/** Every recognised resource of a document with its map node (the root, or each List item). */
export { resourcesOf } from './resources';
export { isPolicyDocument, isCalicoDocument, hasPolicyDocuments } from './policyDocuments';
export { DocumentLimitError, MAX_NESTING, MAX_SYNTAX_ERRORS, MAX_ALIAS_EXPANSION } from './limits';
export { aliasTarget, expandedSize } from './nodeChecks';
