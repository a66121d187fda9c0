// The live-cluster label source: lazy first fetch, background refresh on a TTL, retry with backoff
// after faults, and a status for the client. Editing never waits on it.
import type { CalicoSettings } from '../../settings';
import type { ClusterState, StatusParams } from '../../../../protocol';
import { LabelStore } from '../labelStore';
import { KubeMetadataClient } from './kubeClient';
import { KubeConfigProblem, loadKubeConfig } from './kubeconfig';
import { KubeApiError } from './kubeErrors';
import { readClusterSnapshot } from './clusterSnapshot';
import { Redactor } from './redactor';

export interface ClusterSourceOptions {
  getSettings(): CalicoSettings;
  trusted: boolean;
  /** Called whenever state or data changed. */
  onChange(): void;
  log(message: string): void;
  redactor: Redactor;
  requestTimeoutMs?: number;
  /** First retry delay after a fault; doubles up to the refresh interval. */
  retryDelayMs?: number;
}

export type ClusterStatus = StatusParams['cluster'];

export class ClusterSource {
  private store = LabelStore.empty('cluster', 'cluster');
  private state: ClusterState = 'idle';
  private message: string | undefined;
  private context: string | undefined;
  private lastRefresh: string | undefined;
  private trusted: boolean;
  private inFlight: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  /** Bumped on settings/trust changes so a fetch started under old settings is discarded. */
  private generation = 0;
  private disposed = false;
  /** Someone asked for labels; after a settings or trust change the new cluster is read right away. */
  private requested = false;

  constructor(private readonly options: ClusterSourceOptions) {
    this.trusted = options.trusted;
    const blocked = this.blockedReason();
    if (blocked) {
      this.state = blocked.state;
      this.message = blocked.message;
    }
  }

  get index(): LabelStore {
    return this.store;
  }

  status(): ClusterStatus {
    const s: ClusterStatus = { state: this.state };
    if (this.context) s.context = this.context;
    if (this.message) s.message = this.options.redactor.redact(this.message);
    if (this.store.isLoaded()) s.counts = { ...this.store.counts };
    if (this.lastRefresh) s.lastRefresh = this.lastRefresh;
    return s;
  }

  setTrusted(trusted: boolean): void {
    if (trusted === this.trusted) return;
    this.trusted = trusted;
    this.reset();
  }

  /** Settings changed: forget the connection and data; the next request reconnects. */
  settingsChanged(): void {
    this.reset();
  }

  /** Starts the first fetch if none happened yet; never waits. */
  ensureRequested(): void {
    this.requested = true;
    if (this.disposed || this.inFlight || this.state !== 'idle') return;
    void this.refresh();
  }

  /** Fetches now (joins a fetch already running). */
  refresh(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    this.requested = true;
    if (!this.inFlight) {
      const run: Promise<void> = this.fetch().finally(() => {
        if (this.inFlight === run) this.inFlight = undefined;
      });
      this.inFlight = run;
    }
    return this.inFlight;
  }

  dispose(): void {
    this.disposed = true;
    this.generation++;
    clearTimeout(this.timer);
  }

  private reset(): void {
    this.generation++;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.inFlight = undefined;
    this.failures = 0;
    this.store = LabelStore.empty('cluster', 'cluster');
    this.context = undefined;
    this.lastRefresh = undefined;
    const blocked = this.blockedReason();
    this.setState(blocked?.state ?? 'idle', blocked?.message);
    if (this.requested && !blocked) void this.refresh();
  }

  private blockedReason(): { state: ClusterState; message: string } | undefined {
    if (!this.options.getSettings().cluster.enabled) return { state: 'off', message: 'cluster labels are turned off (calico.cluster.enabled)' };
    if (!this.trusted) return { state: 'untrusted', message: 'cluster access is off in an untrusted workspace' };
    return undefined;
  }

  private setState(state: ClusterState, message?: string): void {
    this.state = state;
    this.message = message;
    this.options.onChange();
  }

  private async fetch(): Promise<void> {
    const generation = this.generation;
    const settings = this.options.getSettings();
    clearTimeout(this.timer);
    const blocked = this.blockedReason();
    if (blocked) return this.setState(blocked.state, blocked.message);

    let loaded;
    try {
      loaded = loadKubeConfig(settings);
    } catch (e) {
      const problem = e instanceof KubeConfigProblem ? e : new KubeConfigProblem('unreadable', 'the kubeconfig could not be read');
      this.log(`cluster: ${problem.message}`);
      // No kubeconfig at all is a normal setup, not an error; a broken one is.
      return this.setState(problem.kind === 'none' ? 'off' : 'error', problem.message);
    }
    this.context = loaded.context;
    this.setState('loading', this.store.isLoaded() ? 'refreshing' : undefined);
    const timeout = this.options.requestTimeoutMs ?? 10_000;
    const client = new KubeMetadataClient(loaded, timeout, this.options.redactor);
    const description = `cluster ${loaded.context}`;
    try {
      const snapshot = await readClusterSnapshot(client, description, loaded.namespace, (m) => this.log(m));
      if (generation !== this.generation) return;
      this.store = snapshot.store;
      this.failures = 0;
      this.lastRefresh = new Date().toISOString();
      const c = snapshot.store.counts;
      this.log(`cluster ${loaded.context}: ${c.pods} pods, ${c.namespaces} namespaces, ${c.serviceAccounts} service accounts, ${c.networkSets} network sets`);
      for (const w of snapshot.warnings) this.log(`cluster ${loaded.context}: ${w}`);
      this.setState('ready', snapshot.warnings.length ? snapshot.warnings.join('; ') : undefined);
      this.schedule(settings.cluster.refreshInterval * 1000);
      // Precompute cluster-wide statistics now rather than on the first completion.
      const store = snapshot.store;
      setImmediate(() => {
        if (this.store === store) store.warmUp();
      }).unref?.();
    } catch (e) {
      if (generation !== this.generation) return;
      const message = e instanceof KubeApiError ? e.message : 'unexpected error while reading the cluster';
      this.failures++;
      // Labels from the last good read stay usable; the status says they are stale.
      const stale = this.store.isLoaded() ? ` (showing labels from ${this.lastRefresh})` : '';
      this.log(`cluster ${loaded.context}: ${message}`);
      this.setState('error', `${message}${stale}`);
      const first = this.options.retryDelayMs ?? 5_000;
      this.schedule(Math.min(first * 2 ** (this.failures - 1), settings.cluster.refreshInterval * 1000));
    }
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    if (this.disposed) return;
    this.timer = setTimeout(() => void this.refresh(), delayMs);
    this.timer.unref?.();
  }

  private log(message: string): void {
    this.options.log(this.options.redactor.redact(message));
  }
}
