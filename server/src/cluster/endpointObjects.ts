// The cluster's endpoints for simulation: pods (only what policy sees: labels, service account, IPs, named
// ports), namespaces and service accounts with their labels. Pods that Calico does not police are left out.
import type { KubeMetadataClient } from '../labels/cluster/kubeClient';
import { KubeApiError } from '../labels/cluster/kubeErrors';
import type { ClusterKind } from './policyKinds';
import type { ClusterObject, MissingData } from './policySnapshot';

export const POD: ClusterKind = { kind: 'Pod', plural: 'pods', namespaced: true, family: 'kubernetes', noun: 'pods' };
export const NAMESPACE: ClusterKind = { kind: 'Namespace', plural: 'namespaces', namespaced: false, family: 'kubernetes', noun: 'namespaces' };
export const SERVICE_ACCOUNT: ClusterKind = { kind: 'ServiceAccount', plural: 'serviceaccounts', namespaced: true, family: 'kubernetes', noun: 'service accounts' };
export const ENDPOINT_KINDS = [NAMESPACE, SERVICE_ACCOUNT, POD];

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Reads namespaces, service accounts and pods (cluster-wide, else per namespace); forbidden ones become missing. */
export async function readEndpointObjects(client: KubeMetadataClient, namespaces: () => Promise<string[]>): Promise<{ objects: ClusterObject[]; missing: MissingData[] }> {
  const objects: ClusterObject[] = [];
  const missing: MissingData[] = [];
  for (const kind of ENDPOINT_KINDS) {
    const add = (items: unknown[]) => {
      for (const item of items) {
        const obj = trimmed(kind, item);
        if (obj) objects.push(obj);
      }
    };
    try {
      await client.listObjects(`/api/v1/${kind.plural}`, `list ${kind.noun} in all namespaces`, add);
      continue;
    } catch (e) {
      if (!(e instanceof KubeApiError) || e.kind !== 'forbidden') throw e;
    }
    if (!kind.namespaced) {
      missing.push({ kind: kind.kind, reason: 'forbidden' });
      continue;
    }
    for (const ns of await namespaces()) {
      try {
        await client.listObjects(`/api/v1/namespaces/${encodeURIComponent(ns)}/${kind.plural}`, `list ${kind.noun} in ${ns}`, add);
      } catch (e) {
        if (e instanceof KubeApiError && e.kind === 'forbidden') missing.push({ kind: kind.kind, namespace: ns, reason: 'forbidden' });
        else throw e;
      }
    }
  }
  return { objects, missing };
}

function trimmed(kind: ClusterKind, item: unknown): ClusterObject | undefined {
  const o = asObj(item);
  const meta = asObj(o?.metadata);
  const name = typeof meta?.name === 'string' ? meta.name : undefined;
  if (!o || !meta || !name) return undefined;
  const namespace = kind.namespaced && typeof meta.namespace === 'string' ? meta.namespace : undefined;
  const metadata: Obj = { name, ...(namespace ? { namespace } : {}), ...(asObj(meta.labels) ? { labels: meta.labels } : {}) };
  const object: Obj = { apiVersion: 'v1', kind: kind.kind, metadata };
  if (kind === POD) {
    const spec = asObj(o.spec) ?? {};
    const status = asObj(o.status) ?? {};
    // Host-network pods are not Calico workload endpoints; finished pods have no network.
    if (spec.hostNetwork === true || status.phase === 'Succeeded' || status.phase === 'Failed') return undefined;
    const containers = asArr(spec.containers).map((c) => {
      const ports = asArr(asObj(c)?.ports).filter((p) => typeof asObj(p)?.name === 'string');
      return { name: String(asObj(c)?.name ?? 'main'), ...(ports.length ? { ports } : {}) };
    });
    object.spec = { serviceAccountName: typeof spec.serviceAccountName === 'string' ? spec.serviceAccountName : 'default', containers };
    const ips = asArr(status.podIPs).filter((p) => typeof asObj(p)?.ip === 'string');
    if (typeof status.podIP === 'string' || ips.length) object.status = { ...(typeof status.podIP === 'string' ? { podIP: status.podIP } : {}), ...(ips.length ? { podIPs: ips } : {}) };
  }
  return { kind, name, namespace, object, group: 'v1' };
}
