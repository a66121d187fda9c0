// The live-cluster label source: lazy first fetch, background refresh on a TTL, retry with backoff
// after faults, and a status for the client. Editing never waits on it.
import type { StatusParams } from '../../../../protocol';
import { LabelStore } from '../labelStore';
import type { KubeMetadataClient } from './kubeClient';
import type { LoadedKubeConfig } from './kubeconfig';
import { readClusterSnapshot } from './clusterSnapshot';
import type { Redactor } from './redactor';
import { RefreshingClusterSource, type RefreshingSourceOptions } from './refreshingSource';

export interface ClusterSourceOptions extends RefreshingSourceOptions {
  redactor: Redactor;
}

export type ClusterStatus = StatusParams['cluster'];

type ClusterRead = Awaited<ReturnType<typeof readClusterSnapshot>>;

export class ClusterSource extends RefreshingClusterSource<ClusterRead> {
  private store = LabelStore.empty('cluster', 'cluster');
  private lastRefresh: string | undefined;

  constructor(options: ClusterSourceOptions) {
    super(options, {
      off: 'cluster labels are turned off (calico.cluster.enabled)',
      unexpectedError: 'unexpected error while reading the cluster',
      failureLog: (context, message) => `cluster ${context}: ${message}`,
      logKubeconfigProblems: true,
    });
  }

  get index(): LabelStore {
    return this.store;
  }

  status(): ClusterStatus {
    const s: ClusterStatus = { state: this.state };
    if (this.context) s.context = this.context;
    if (this.message) s.message = this.redactor.redact(this.message);
    if (this.store.isLoaded()) s.counts = { ...this.store.counts };
    if (this.lastRefresh) s.lastRefresh = this.lastRefresh;
    return s;
  }

  protected read(client: KubeMetadataClient, loaded: LoadedKubeConfig): Promise<ClusterRead> {
    return readClusterSnapshot(client, `cluster ${loaded.context}`, loaded.namespace, (m) => this.log(m));
  }

  protected accept(snapshot: ClusterRead, loaded: LoadedKubeConfig): string | undefined {
    this.store = snapshot.store;
    this.lastRefresh = new Date().toISOString();
    const c = snapshot.store.counts;
    this.log(`cluster ${loaded.context}: ${c.pods} pods, ${c.namespaces} namespaces, ${c.serviceAccounts} service accounts, ${c.networkSets} network sets`);
    for (const w of snapshot.warnings) this.log(`cluster ${loaded.context}: ${w}`);
    // Precompute cluster-wide statistics now rather than on the first completion.
    const store = snapshot.store;
    setImmediate(() => {
      if (this.store === store) store.warmUp();
    }).unref?.();
    return snapshot.warnings.length ? snapshot.warnings.join('; ') : undefined;
  }

  protected hasData(): boolean {
    return this.store.isLoaded();
  }

  protected staleNote(): string {
    return ` (showing labels from ${this.lastRefresh})`;
  }

  protected clearData(): void {
    this.store = LabelStore.empty('cluster', 'cluster');
    this.lastRefresh = undefined;
  }
}
