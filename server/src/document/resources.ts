// Enumerates the resources in a document: the root resource, or each recognised `kind: List` item.
import { isMap, type YAMLMap } from 'yaml';
import type { ParsedDocument, ResourceInfo } from './types';

export function resourcesOf(doc: ParsedDocument): { resource: ResourceInfo; node: YAMLMap }[] {
  if (doc.resource && isMap(doc.yaml.contents)) return [{ resource: doc.resource, node: doc.yaml.contents }];
  return doc.items ?? [];
}
