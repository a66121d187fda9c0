// The cluster's policy resources as the traffic simulator's input files (source 'cluster'), with what is missing.
import type { TrafficSourceFile } from '../traffic';
import { clusterUri, parsedObject } from './clusterDocuments';
import type { MissingData, PolicySnapshot } from './policySnapshot';
import type { ClusterPolicySource } from './policySource';

export interface ClusterTrafficFiles {
  files: TrafficSourceFile[];
  missing: MissingData[];
  /** When the objects were read; absent when nothing could be read. */
  fetchedAt?: string;
}

/** `pods: false` leaves the cluster's pods out (the editor's endpoints are the workspace's workloads). */
export function snapshotTrafficFiles(snap: PolicySnapshot, options: { pods?: boolean } = {}): ClusterTrafficFiles {
  const endpoints = options.pods === false ? snap.endpoints.filter((o) => o.kind.kind !== 'Pod') : snap.endpoints;
  const files = [...snap.objects, ...endpoints].map((o) => ({ uri: clusterUri(snap.context, o), file: parsedObject(snap, o), source: 'cluster' as const }));
  return { files, missing: [...snap.missing], fetchedAt: snap.fetchedAt };
}

let active: ClusterPolicySource | undefined;
/** Resolves when the user's settings are known and applied to the source (the default kubeconfig must not be read before). */
let prepare: () => Promise<void> = async () => {};

/** The language server registers its source here so simulation requests can read the cluster. */
export function setActiveClusterPolicies(source: ClusterPolicySource | undefined, ready?: () => Promise<void>): void {
  active = source;
  prepare = ready ?? (async () => {});
}

/**
 * The cluster's policies, tiers, sets, namespaces and service accounts for simulation (not its pods); reads the cluster first when it was never read. When it cannot be
 * read (off, untrusted, fault) the answer says so in `missing`, so no verdict built on it is confident.
 */
export async function clusterTrafficFiles(source: ClusterPolicySource | undefined = active): Promise<ClusterTrafficFiles> {
  if (!source) return { files: [], missing: [{ kind: 'cluster', reason: 'no cluster policy source is running' }] };
  if (source === active) await prepare();
  const snap = await source.loadedWithEndpoints();
  const status = source.status();
  if (!snap) return { files: [], missing: [{ kind: 'cluster', reason: status.message ?? `cluster policies are ${status.state}` }] };
  // In the editor the endpoints are the workspace's workloads: cluster pods would list each app twice.
  const out = snapshotTrafficFiles(snap, { pods: false });
  if (status.state === 'error') out.missing.push({ kind: 'cluster', reason: `the last read failed (${status.message ?? 'error'}); policies are from ${snap.fetchedAt}` });
  return out;
}

/** For the simulation service: whether cluster data can be asked for, and the read with a key that changes with the data. */
export const activeClusterTrafficSource = {
  isOn(): boolean {
    const state = active?.status().state;
    return state !== undefined && state !== 'off' && state !== 'untrusted';
  },
  async read(): Promise<ClusterTrafficFiles & { key: string }> {
    const out = await clusterTrafficFiles();
    return { ...out, key: `${out.fetchedAt ?? 'unread'}|${out.missing.map((m) => `${m.kind}/${m.namespace ?? ''}/${m.reason}`).join(',')}` };
  },
};
