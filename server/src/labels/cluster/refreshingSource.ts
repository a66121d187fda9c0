// What every live cluster source shares: lazy first read, background refresh, retry with backoff after
// faults, reads under old settings or trust discarded, and the state and message the status reports.
import type { CalicoSettings } from '../../settings';
import type { ClusterState } from '../../../../protocol';
import { KubeMetadataClient } from './kubeClient';
import { KubeConfigProblem, loadKubeConfig, type LoadedKubeConfig } from './kubeconfig';
import { KubeApiError } from './kubeErrors';
import { Redactor } from './redactor';

export interface RefreshingSourceOptions {
  getSettings(): CalicoSettings;
  trusted: boolean;
  /** Called whenever state or data changed. */
  onChange(): void;
  log(message: string): void;
  redactor?: Redactor;
  requestTimeoutMs?: number;
  /** First retry delay after a fault; doubles up to the refresh interval. */
  retryDelayMs?: number;
}

/** The words that differ between sources. */
export interface RefreshingSourceTexts {
  /** The status message while calico.cluster.enabled is off. */
  off: string;
  /** The message for a fault that is not a Kubernetes API error. */
  unexpectedError: string;
  /** The log line for a failed read. */
  failureLog(context: string, message: string): string;
  /** Whether a kubeconfig that cannot be used is logged too. */
  logKubeconfigProblems: boolean;
}

export abstract class RefreshingClusterSource<T> {
  protected state: ClusterState = 'idle';
  protected message: string | undefined;
  protected context: string | undefined;
  protected inFlight: Promise<void> | undefined;
  protected readonly redactor: Redactor;
  private trusted: boolean;
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  /** Bumped on settings/trust changes so a fetch started under old settings is discarded. */
  private generation = 0;
  private disposed = false;
  /** Someone asked for data; after a settings or trust change the new cluster is read right away. */
  private requested = false;

  constructor(
    protected readonly options: RefreshingSourceOptions,
    private readonly texts: RefreshingSourceTexts,
  ) {
    this.trusted = options.trusted;
    this.redactor = options.redactor ?? new Redactor();
    const blocked = this.blockedReason();
    if (blocked) {
      this.state = blocked.state;
      this.message = blocked.message;
    }
  }

  /** Reads the cluster with `client`. */
  protected abstract read(client: KubeMetadataClient, loaded: LoadedKubeConfig): Promise<T>;
  /** Takes a good read in; returns the message for the ready state, if any. */
  protected abstract accept(result: T, loaded: LoadedKubeConfig): string | undefined;
  /** Whether a good read is held (then a failure keeps it, marked stale). */
  protected abstract hasData(): boolean;
  /** What a failure message adds while the last good read is shown. */
  protected abstract staleNote(): string;
  /** Forgets the data read (settings or trust changed). */
  protected abstract clearData(): void;

  setTrusted(trusted: boolean): void {
    if (trusted === this.trusted) return;
    this.trusted = trusted;
    this.reset();
  }

  /** Settings changed: forget the connection and data; the next request reconnects. */
  settingsChanged(): void {
    this.reset();
  }

  /** Starts the first read if none happened yet; never waits. */
  ensureRequested(): void {
    this.requested = true;
    if (this.disposed || this.inFlight || this.state !== 'idle') return;
    void this.refresh();
  }

  /** Reads now (joins a read already running). */
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
    this.clearData();
    this.context = undefined;
    const blocked = this.blockedReason();
    this.setState(blocked?.state ?? 'idle', blocked?.message);
    if (this.requested && !blocked) void this.refresh();
  }

  private blockedReason(): { state: ClusterState; message: string } | undefined {
    if (!this.options.getSettings().cluster.enabled) return { state: 'off', message: this.texts.off };
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
      if (this.texts.logKubeconfigProblems) this.log(`cluster: ${problem.message}`);
      // No kubeconfig at all is a normal setup, not an error; a broken one is.
      return this.setState(problem.kind === 'none' ? 'off' : 'error', problem.message);
    }
    this.context = loaded.context;
    this.setState('loading', this.hasData() ? 'refreshing' : undefined);
    const client = new KubeMetadataClient(loaded, this.options.requestTimeoutMs ?? 10_000, this.redactor);
    try {
      const result = await this.read(client, loaded);
      if (generation !== this.generation) return;
      this.failures = 0;
      this.setState('ready', this.accept(result, loaded));
      this.schedule(settings.cluster.refreshInterval * 1000);
    } catch (e) {
      if (generation !== this.generation) return;
      const message = e instanceof KubeApiError ? e.message : this.texts.unexpectedError;
      this.failures++;
      // The last good read stays usable; the status says it is stale.
      const stale = this.hasData() ? this.staleNote() : '';
      this.log(this.texts.failureLog(loaded.context, message));
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

  protected log(message: string): void {
    this.options.log(this.redactor.redact(message));
  }
}
