// Decides which documents are policy resources we understand, by apiVersion and kind.
import { isMap, isScalar, isSeq, type YAMLMap, type Node } from 'yaml';
import type { ResourceInfo, ResourceFamily } from './types';
import { knownKinds } from '../schema/kindTable';

/** Calico kinds the language server recognises (projectcalico.org/v3), from the schema's kind table. */
export const calicoResourceKinds: readonly string[] = knownKinds;

export const CALICO_API = 'projectcalico.org/v3';
export const CALICO_CRD_API = 'crd.projectcalico.org/v1';
export const K8S_NETWORKING_API = 'networking.k8s.io/v1';

/** The string value of a scalar key in a map, or undefined. */
export function stringAt(map: YAMLMap, key: string): string | undefined {
  const v = map.get(key, true) as Node | undefined;
  return isScalar(v) && typeof v.value === 'string' ? v.value : undefined;
}

function familyOf(apiVersion: string, kind: string): ResourceFamily | undefined {
  const known = calicoResourceKinds.includes(kind);
  if (apiVersion === CALICO_API && known) return 'calico';
  if (apiVersion === CALICO_CRD_API && known) return 'calico-crd';
  if (apiVersion === K8S_NETWORKING_API && kind === 'NetworkPolicy') return 'kubernetes';
  return undefined;
}

/** The resource a map describes, when it is one we check. */
export function recognizeResource(node: unknown): ResourceInfo | undefined {
  if (!isMap(node)) return undefined;
  const apiVersion = stringAt(node, 'apiVersion');
  const kind = stringAt(node, 'kind');
  if (!apiVersion || !kind) return undefined;
  const family = familyOf(apiVersion, kind);
  if (!family) return undefined;
  const meta = node.get('metadata', true);
  const info: ResourceInfo = { apiVersion, kind, family };
  if (isMap(meta)) {
    const name = stringAt(meta, 'name');
    const namespace = stringAt(meta, 'namespace');
    if (name !== undefined) info.name = name;
    if (namespace !== undefined) info.namespace = namespace;
  }
  return info;
}

/** For a `kind: List` root: the items that are resources we check. */
export function recognizeListItems(root: unknown): { resource: ResourceInfo; node: YAMLMap }[] | undefined {
  if (!isMap(root) || !stringAt(root, 'kind')?.endsWith('List')) return undefined;
  const items = root.get('items', true);
  const out: { resource: ResourceInfo; node: YAMLMap }[] = [];
  if (isSeq(items)) {
    for (const item of items.items) {
      const resource = recognizeResource(item);
      if (resource) out.push({ resource, node: item as YAMLMap });
    }
  }
  return out;
}
