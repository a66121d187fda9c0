// One full read of the cluster's labels: namespaces, pods, service accounts and Calico's sets, with a
// per-namespace fallback when RBAC forbids cluster-wide lists.
import type { LabelledObject } from '../implicitLabels';
import { LabelStore, LabelStoreBuilder } from '../labelStore';
import type { KubeMetadataClient, MetadataItem } from './kubeClient';
import { KubeApiError } from './kubeErrors';

export interface ClusterSnapshot {
  store: LabelStore;
  /** Partial-access notes for the status, e.g. "forbidden to list pods in yaobank-*". */
  warnings: string[];
}

const PER_NAMESPACE_CONCURRENCY = 4;

type Resource = { plural: string; kind: LabelledObject['kind']; noun: string };
const PODS: Resource = { plural: 'pods', kind: 'pod', noun: 'pods' };
const SERVICE_ACCOUNTS: Resource = { plural: 'serviceaccounts', kind: 'serviceAccount', noun: 'service accounts' };
const CALICO_KINDS: Resource[] = [
  { plural: 'networksets', kind: 'networkSet', noun: 'network sets' },
  { plural: 'globalnetworksets', kind: 'globalNetworkSet', noun: 'global network sets' },
  { plural: 'hostendpoints', kind: 'hostEndpoint', noun: 'host endpoints' },
];

export async function readClusterSnapshot(
  client: KubeMetadataClient,
  description: string,
  contextNamespace: string,
  log: (message: string) => void,
): Promise<ClusterSnapshot> {
  const builder = new LabelStoreBuilder('cluster', description);
  const warnings: string[] = [];
  const add = (kind: LabelledObject['kind']) => (items: MetadataItem[]) => {
    for (const it of items) builder.add({ kind, name: it.name, namespace: kind === 'namespace' ? undefined : it.namespace, labels: it.labels });
  };

  let namespaces: string[];
  try {
    const names: string[] = [];
    await client.list('/api/v1/namespaces', 'list namespaces', (items) => {
      add('namespace')(items);
      for (const it of items) names.push(it.name);
    });
    namespaces = names;
  } catch (e) {
    if (!(e instanceof KubeApiError) || e.kind !== 'forbidden') throw e;
    warnings.push('forbidden to list namespaces');
    namespaces = [contextNamespace];
  }

  let readable = 0;
  for (const resource of [PODS, SERVICE_ACCOUNTS]) {
    const result = await listCoreResource(client, resource, namespaces, add(resource.kind));
    readable += result.readable;
    if (result.forbidden.length > 0) warnings.push(`forbidden to list ${resource.noun} in ${summarizeNames(result.forbidden)}`);
  }
  if (readable === 0 && builder.build().counts.namespaces === 0) {
    throw new KubeApiError('forbidden', warnings.join('; ') || 'forbidden to list anything', 403);
  }

  for (const resource of CALICO_KINDS) {
    try {
      await client.list(`/apis/projectcalico.org/v3/${resource.plural}`, `list ${resource.noun}`, add(resource.kind));
    } catch (e) {
      // Calico's API server is optional; its absence (404) or RBAC on it only removes those labels.
      if (e instanceof KubeApiError && (e.kind === 'notFound' || e.kind === 'forbidden')) continue;
      if (e instanceof KubeApiError && (e.kind === 'unauthorized' || e.kind === 'unreachable' || e.kind === 'timeout')) throw e;
      log(`cluster: skipped ${resource.noun}: ${e instanceof KubeApiError ? e.message : 'unexpected error'}`);
    }
  }
  return { store: builder.build(), warnings };
}

/** Cluster-wide list, or namespace by namespace when that is forbidden. */
async function listCoreResource(
  client: KubeMetadataClient,
  resource: Resource,
  namespaces: string[],
  onPage: (items: MetadataItem[]) => void,
): Promise<{ readable: number; forbidden: string[] }> {
  try {
    await client.list(`/api/v1/${resource.plural}`, `list ${resource.noun} in all namespaces`, onPage);
    return { readable: namespaces.length || 1, forbidden: [] };
  } catch (e) {
    if (!(e instanceof KubeApiError) || e.kind !== 'forbidden') throw e;
  }
  const forbidden: string[] = [];
  let readable = 0;
  const queue = [...namespaces];
  const worker = async () => {
    for (let ns = queue.shift(); ns !== undefined; ns = queue.shift()) {
      try {
        await client.list(`/api/v1/namespaces/${encodeURIComponent(ns)}/${resource.plural}`, `list ${resource.noun} in ${ns}`, onPage);
        readable++;
      } catch (e) {
        if (e instanceof KubeApiError && e.kind === 'forbidden') forbidden.push(ns);
        else throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PER_NAMESPACE_CONCURRENCY, namespaces.length) }, worker));
  return { readable, forbidden };
}

/** "a, b and c" for a few names; "yaobank-*" (common prefix) or "N namespaces" for many. */
export function summarizeNames(names: string[]): string {
  const sorted = [...names].sort();
  if (sorted.length <= 3) return sorted.join(', ');
  let prefix = sorted[0];
  for (const n of sorted) while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.length >= 2 ? `${prefix}* (${sorted.length} namespaces)` : `${sorted.length} namespaces`;
}
