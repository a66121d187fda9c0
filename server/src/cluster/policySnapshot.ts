// One full read of the cluster's policies: Calico kinds through projectcalico.org/v3 (or its CRD storage when
// v3 is not served) and Kubernetes NetworkPolicies, with what could not be read named, never left out silently.
import type { KubeMetadataClient } from '../labels/cluster/kubeClient';
import { KubeApiError } from '../labels/cluster/kubeErrors';
import { crdToV3 } from './crdMapping';
import { CALICO_CRD, CALICO_V3, CLUSTER_KINDS, K8S_NETWORKING, listPath, shownApiVersion, type ApiGroup, type ClusterKind } from './policyKinds';
import { withoutServerFields } from './serverFields';
import { readEndpointObjects } from './endpointObjects';

/** Something the cluster holds that could not be read; every answer depending on it says so. */
export interface MissingData {
  kind: string;
  namespace?: string;
  reason: string;
}

export interface ClusterObject {
  kind: ClusterKind;
  name: string;
  namespace?: string;
  /** As projectcalico.org/v3 (or networking.k8s.io/v1) shows it, server-managed fields dropped. */
  object: Record<string, unknown>;
  /** The group it was read from. */
  group: ApiGroup;
}

export interface PolicySnapshot {
  context: string;
  /** Where Calico's kinds came from; undefined when neither v3 nor the CRDs are served (no Calico objects exist). */
  calicoGroup?: ApiGroup;
  objects: ClusterObject[];
  /** Pods, namespaces and service accounts, when asked for (simulation). */
  endpoints: ClusterObject[];
  /** Whether endpoints were read (an empty list then means none exist). */
  withEndpoints: boolean;
  missing: MissingData[];
  /** Facts about the read worth showing, e.g. the CRD fallback. */
  notes: string[];
  /** Namespaces seen (listed, or holding objects). */
  namespaces: string[];
  fetchedAt: string;
}

const PER_NAMESPACE_CONCURRENCY = 4;

export interface SnapshotOptions {
  /** Also read pods, namespaces and service accounts (the endpoints a simulation needs). */
  endpoints?: boolean;
}

export async function readPolicySnapshot(client: KubeMetadataClient, context: string, contextNamespace: string, options: SnapshotOptions = {}): Promise<PolicySnapshot> {
  const notes: string[] = [];
  const missing: MissingData[] = [];
  const objects: ClusterObject[] = [];
  const calico = await calicoGroup(client);
  if (calico.group === CALICO_CRD) notes.push('projectcalico.org/v3 is not served (no Calico API server); read crd.projectcalico.org/v1 and shown as v3');
  if (!calico.group) notes.push('Calico API not served (neither projectcalico.org/v3 nor crd.projectcalico.org/v1): no Calico policies');

  let namespaces: string[] | undefined;
  let namespacesComplete = true;
  const namespaceList = async (): Promise<string[]> => {
    if (namespaces) return namespaces;
    try {
      const names: string[] = [];
      await client.list('/api/v1/namespaces', 'list namespaces', (items) => items.forEach((i) => names.push(i.name)));
      namespaces = names;
    } catch (e) {
      if (!(e instanceof KubeApiError) || e.kind !== 'forbidden') throw e;
      namespacesComplete = false;
      namespaces = [contextNamespace];
    }
    return namespaces;
  };

  for (const kind of CLUSTER_KINDS) {
    const missingKind = missingKindName(kind);
    const group = kind.family === 'kubernetes' ? K8S_NETWORKING : calico.group;
    if (!group) continue;
    if (group !== K8S_NETWORKING && calico.served && !calico.served.has(kind.plural)) {
      // A kind the cluster does not serve holds no objects: nothing is missing.
      notes.push(`${kind.kind} is not served by ${group}`);
      continue;
    }
    const add = (items: unknown[]) => {
      for (const item of items) {
        const obj = toClusterObject(kind, group, item);
        if (obj === 'skip') continue;
        if (!obj) {
          missing.push({ kind: missingKind, reason: 'the API server returned an object without a name' });
          continue;
        }
        objects.push(obj);
      }
    };
    try {
      await client.listObjects(listPath(group, kind), `list ${kind.noun} in all namespaces`, add);
      continue;
    } catch (e) {
      if (e instanceof KubeApiError && e.kind === 'notFound') {
        notes.push(`${kind.kind} is not served by ${group}`);
        continue;
      }
      if (!(e instanceof KubeApiError) || e.kind !== 'forbidden') throw e;
    }
    if (!kind.namespaced) {
      missing.push({ kind: missingKind, reason: 'forbidden' });
      continue;
    }
    const queue = [...(await namespaceList())];
    const forbidden: string[] = [];
    const worker = async () => {
      for (let ns = queue.shift(); ns !== undefined; ns = queue.shift()) {
        try {
          await client.listObjects(listPath(group, kind, ns), `list ${kind.noun} in ${ns}`, add);
        } catch (e) {
          if (e instanceof KubeApiError && e.kind === 'forbidden') forbidden.push(ns);
          else if (!(e instanceof KubeApiError && e.kind === 'notFound')) throw e;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PER_NAMESPACE_CONCURRENCY, queue.length) }, worker));
    for (const ns of forbidden.sort()) missing.push({ kind: missingKind, namespace: ns, reason: 'forbidden' });
    if (!namespacesComplete) missing.push({ kind: missingKind, reason: `forbidden in all namespaces but ${contextNamespace} (namespaces cannot be listed)` });
  }
  const tried = CLUSTER_KINDS.filter((k) => k.family === 'kubernetes' || calico.group).length;
  if (objects.length === 0 && tried > 0 && new Set(missing.map((m) => m.kind)).size >= tried)
    throw new KubeApiError('forbidden', 'forbidden to list any policy kind (check the RBAC of the kubeconfig user)', 403);
  let endpoints: ClusterObject[] = [];
  if (options.endpoints) {
    const read = await readEndpointObjects(client, namespaceList);
    endpoints = read.objects;
    missing.push(...read.missing);
  }
  const seen = new Set<string>(namespaces ?? []);
  for (const o of [...objects, ...endpoints]) if (o.namespace) seen.add(o.namespace);
  return { context, calicoGroup: calico.group, objects, endpoints, withEndpoints: Boolean(options.endpoints), missing, notes, namespaces: [...seen].sort(), fetchedAt: new Date().toISOString() };
}

/** v3 when served, else the CRD storage; `served` is the set of plurals discovery lists (undefined: unknown). */
async function calicoGroup(client: KubeMetadataClient): Promise<{ group?: ApiGroup; served?: Set<string> }> {
  for (const group of [CALICO_V3, CALICO_CRD]) {
    try {
      const body = await client.getJson(`/apis/${group}`, `discover ${group}`);
      const resources = (body as { resources?: unknown })?.resources;
      if (!Array.isArray(resources)) return { group };
      return { group, served: new Set(resources.map((r) => String((r as { name?: unknown })?.name ?? ''))) };
    } catch (e) {
      if (e instanceof KubeApiError && e.kind === 'notFound') continue;
      // Discovery forbidden: try the lists and let them say what is readable.
      if (e instanceof KubeApiError && e.kind === 'forbidden') return { group };
      throw e;
    }
  }
  return {};
}

type Obj = Record<string, unknown>;

function toClusterObject(kind: ClusterKind, group: ApiGroup, item: unknown): ClusterObject | undefined | 'skip' {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return undefined;
  let object: Obj = { ...(item as Obj), apiVersion: shownApiVersion(kind), kind: kind.kind };
  if (group === CALICO_CRD) object = crdToV3(kind, object);
  object = withoutServerFields(object);
  const meta = object.metadata as Obj | undefined;
  const name = typeof meta?.name === 'string' && meta.name ? meta.name : undefined;
  if (!name) return undefined;
  // The v3 API also lists Kubernetes NetworkPolicies as `knp.default.*`; they are read from networking.k8s.io.
  if (group === CALICO_V3 && kind.kind === 'NetworkPolicy' && name.startsWith('knp.default.')) return 'skip';
  const namespace = kind.namespaced && typeof meta?.namespace === 'string' ? meta.namespace : undefined;
  return { kind, name, namespace, object, group };
}

/** The kind named in MissingData: Kubernetes NetworkPolicies are told apart from Calico's. */
export function missingKindName(kind: ClusterKind): string {
  return kind.family === 'kubernetes' ? 'KubernetesNetworkPolicy' : kind.kind;
}
