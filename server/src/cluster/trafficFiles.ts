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

export function snapshotTrafficFiles(snap: PolicySnapshot): ClusterTrafficFiles {
  const files = [...snap.objects, ...snap.endpoints].map((o) => ({ uri: clusterUri(snap.context, o), file: parsedObject(snap, o), source: 'cluster' as const }));
  return { files, missing: [...snap.missing], fetchedAt: snap.fetchedAt };
}

let active: ClusterPolicySource | undefined;

/** The language server registers its source here so simulation requests can read the cluster. */
export function setActiveClusterPolicies(source: ClusterPolicySource | undefined): void {
  active = source;
}

/**
 * The cluster's policies for simulation; reads the cluster first when it was never read. When it cannot be
 * read (off, untrusted, fault) the answer says so in `missing`, so no verdict built on it is confident.
 */
export async function clusterTrafficFiles(source: ClusterPolicySource | undefined = active): Promise<ClusterTrafficFiles> {
  if (!source) return { files: [], missing: [{ kind: 'cluster', reason: 'no cluster policy source is running' }] };
  const snap = await source.loadedWithEndpoints();
  const status = source.status();
  if (!snap) return { files: [], missing: [{ kind: 'cluster', reason: status.message ?? `cluster policies are ${status.state}` }] };
  const out = snapshotTrafficFiles(snap);
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
