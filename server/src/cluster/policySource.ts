// The live cluster policy source: lazy first read, background refresh, retry with backoff after faults,
// and a status that says how old the shown objects are and what could not be read.
import type { ClusterPoliciesStatus } from '../../../protocol';
import type { KubeMetadataClient } from '../labels/cluster/kubeClient';
import type { LoadedKubeConfig } from '../labels/cluster/kubeconfig';
import { RefreshingClusterSource, type RefreshingSourceOptions } from '../labels/cluster/refreshingSource';
import { readPolicySnapshot, type PolicySnapshot } from './policySnapshot';
import { missingSentence } from './missingText';

export type ClusterPolicySourceOptions = RefreshingSourceOptions;

export class ClusterPolicySource extends RefreshingClusterSource<PolicySnapshot> {
  private current: PolicySnapshot | undefined;
  /** Simulation asked for pods, namespaces and service accounts too. */
  private endpointsWanted = false;

  constructor(options: ClusterPolicySourceOptions) {
    super(options, {
      off: 'cluster access is turned off (calico.cluster.enabled)',
      unexpectedError: 'unexpected error while reading the cluster policies',
      failureLog: (context, message) => `cluster ${context} policies: ${message}`,
      logKubeconfigProblems: false,
    });
  }

  /** The last good read, if any (possibly stale: see status()). */
  get snapshot(): PolicySnapshot | undefined {
    return this.current;
  }

  status(): ClusterPoliciesStatus {
    const snap = this.current;
    const missing = snap?.missing ?? [];
    const s: ClusterPoliciesStatus = { state: this.state, missing, warnings: missing.map(missingSentence), notes: snap?.notes ?? [] };
    if (this.context) s.context = this.context;
    if (this.message) s.message = this.redactor.redact(this.message);
    if (snap) {
      s.fetchedAt = snap.fetchedAt;
      s.calicoGroup = snap.calicoGroup;
      if (this.state === 'error' || this.state === 'loading') s.stale = this.state === 'error';
      const count = (pred: (k: string, family: string) => boolean) => snap.objects.filter((o) => pred(o.kind.kind, o.kind.family)).length;
      s.counts = {
        tiers: count((k) => k === 'Tier'),
        networkSets: count((k) => k.endsWith('NetworkSet')),
        kubernetesPolicies: count((_k, f) => f === 'kubernetes'),
        policies: count((k, f) => f === 'calico' && k !== 'Tier' && !k.endsWith('NetworkSet')),
      };
    }
    return s;
  }

  /** The snapshot once the first read has ended (at once when one exists or cluster access is off). */
  async loaded(): Promise<PolicySnapshot | undefined> {
    if (!this.current && (this.state === 'idle' || this.state === 'loading')) await this.refresh();
    return this.current;
  }

  /** The snapshot with endpoints (pods, namespaces, service accounts); reads again if the last read had none. */
  async loadedWithEndpoints(): Promise<PolicySnapshot | undefined> {
    this.endpointsWanted = true;
    await this.loaded();
    if (this.current && !this.current.withEndpoints && this.state !== 'error') {
      await this.inFlight;
      if (!this.current?.withEndpoints) await this.refresh();
    }
    return this.current;
  }

  protected read(client: KubeMetadataClient, loaded: LoadedKubeConfig): Promise<PolicySnapshot> {
    return readPolicySnapshot(client, loaded.context, loaded.namespace, { endpoints: this.endpointsWanted });
  }

  protected accept(snap: PolicySnapshot, loaded: LoadedKubeConfig): undefined {
    this.current = snap;
    this.log(`cluster ${loaded.context}: ${snap.objects.length} policy objects${snap.missing.length ? `, ${snap.missing.length} unreadable` : ''}`);
    return undefined;
  }

  protected hasData(): boolean {
    return this.current !== undefined;
  }

  protected staleNote(): string {
    return ` (showing policies read at ${this.current!.fetchedAt})`;
  }

  protected clearData(): void {
    this.current = undefined;
  }
}
