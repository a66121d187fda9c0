// Which parsed documents the editor features serve: Calico resources, Kubernetes NetworkPolicies and Lists of them.
import { isMap, isScalar } from 'yaml';
import type { ParsedDocument, ParsedFile } from './types';

const CALICO_API_PREFIX = /^(crd\.)?projectcalico\.org\//;

/**
 * A document we give features to: a recognised Calico resource, a Kubernetes NetworkPolicy, a List
 * holding one, or anything declaring a Calico apiVersion (e.g. a misspelt kind the validator should flag).
 */
export function isPolicyDocument(doc: ParsedDocument): boolean {
  // `resource` and `items` first: reading `yaml` of a moved document shifts all its node ranges.
  if (doc.resource !== undefined || (doc.items?.length ?? 0) > 0) return true;
  const root = doc.yaml.contents;
  if (!isMap(root)) return false;
  const api = root.get('apiVersion', true);
  return isScalar(api) && typeof api.value === 'string' && CALICO_API_PREFIX.test(api.value);
}

/** Calico (v3 or CRD) resources, where our validator and completion apply. */
export function isCalicoDocument(doc: ParsedDocument): boolean {
  if (doc.resource) return doc.resource.family !== 'kubernetes';
  return (doc.items ?? []).some((i) => i.resource.family !== 'kubernetes');
}

export function hasPolicyDocuments(file: ParsedFile): boolean {
  return file.documents.some(isPolicyDocument);
}
