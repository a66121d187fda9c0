// The live cluster policy source: lazy first read, background refresh, retry with backoff after faults,
// and a status that says how old the shown objects are and what could not be read.
import type { CalicoSettings } from '../settings';
import type { ClusterPoliciesState, ClusterPoliciesStatus } from '../../../protocol';
import { KubeMetadataClient } from '../labels/cluster/kubeClient';
import { KubeConfigProblem, loadKubeConfig } from '../labels/cluster/kubeconfig';
import { KubeApiError } from '../labels/cluster/kubeErrors';
import { Redactor } from '../labels/cluster/redactor';
import { readPolicySnapshot, type PolicySnapshot } from './policySnapshot';
import { missingSentence } from './missingText';

export interface ClusterPolicySourceOptions {
  getSettings(): CalicoSettings;
  trusted: boolean;
  onChange(): void;
  log(message: string): void;
  redactor?: Redactor;
  requestTimeoutMs?: number;
  retryDelayMs?: number;
}

export class ClusterPolicySource {
  private current: PolicySnapshot | undefined;
  private state: ClusterPoliciesState = 'idle';
  private message: string | undefined;
  private context: string | undefined;
  private trusted: boolean;
  private inFlight: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private generation = 0;
  private disposed = false;
  private requested = false;
  private readonly redactor: Redactor;
  /** Simulation asked for pods, namespaces and service accounts too. */
  private endpointsWanted = false;

  constructor(private readonly options: ClusterPolicySourceOptions) {
    this.trusted = options.trusted;
    this.redactor = options.redactor ?? new Redactor();
    const blocked = this.blockedReason();
    if (blocked) {
      this.state = blocked.state;
      this.message = blocked.message;
    }
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

  setTrusted(trusted: boolean): void {
    if (trusted === this.trusted) return;
    this.trusted = trusted;
    this.reset();
  }

  settingsChanged(): void {
    this.reset();
  }

  /** Starts the first read if none happened yet; never waits. */
  ensureRequested(): void {
    this.requested = true;
    if (this.disposed || this.inFlight || this.state !== 'idle') return;
    void this.refresh();
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
    this.current = undefined;
    this.context = undefined;
    const blocked = this.blockedReason();
    this.setState(blocked?.state ?? 'idle', blocked?.message);
    if (this.requested && !blocked) void this.refresh();
  }

  private blockedReason(): { state: ClusterPoliciesState; message: string } | undefined {
    if (!this.options.getSettings().cluster.enabled) return { state: 'off', message: 'cluster access is turned off (calico.cluster.enabled)' };
    if (!this.trusted) return { state: 'untrusted', message: 'cluster access is off in an untrusted workspace' };
    return undefined;
  }

  private setState(state: ClusterPoliciesState, message?: string): void {
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
      return this.setState(problem.kind === 'none' ? 'off' : 'error', problem.message);
    }
    this.context = loaded.context;
    this.setState('loading', this.current ? 'refreshing' : undefined);
    const client = new KubeMetadataClient(loaded, this.options.requestTimeoutMs ?? 10_000, this.redactor);
    try {
      const snap = await readPolicySnapshot(client, loaded.context, loaded.namespace, { endpoints: this.endpointsWanted });
      if (generation !== this.generation) return;
      this.current = snap;
      this.failures = 0;
      this.log(`cluster ${loaded.context}: ${snap.objects.length} policy objects${snap.missing.length ? `, ${snap.missing.length} unreadable` : ''}`);
      this.setState('ready');
      this.schedule(settings.cluster.refreshInterval * 1000);
    } catch (e) {
      if (generation !== this.generation) return;
      const message = e instanceof KubeApiError ? e.message : 'unexpected error while reading the cluster policies';
      this.failures++;
      const stale = this.current ? ` (showing policies read at ${this.current.fetchedAt})` : '';
      this.log(`cluster ${loaded.context} policies: ${message}`);
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
    this.options.log(this.redactor.redact(message));
  }
}
