// The labels facade the language server talks to: cluster + workspace sources behind one LabelIndex,
// a coalesced status for the client, and a log that never carries secrets.
import type { CalicoSettings } from '../settings';
import type { ListContextsResult, StatusParams } from '../../../protocol';
import type { LabelIndex, LabelKeyInfo, LabelledGroup, LabelScope, LabelValueInfo } from './labelIndex';
import { ClusterSource } from './cluster/clusterSource';
import { listKubeContexts } from './cluster/kubeconfig';
import { Redactor } from './cluster/redactor';
import { MergedLabelIndex } from './mergedIndex';
import { WorkspaceSource } from './workspace/workspaceSource';

export interface LabelServiceOptions {
  getSettings(): CalicoSettings;
  trusted: boolean;
  onStatus(status: StatusParams): void;
  log(message: string): void;
  /** Per-request deadline; defaults to CALICO_CLUSTER_TIMEOUT_MS or 10 s. */
  requestTimeoutMs?: number;
  /** First retry after a cluster fault; defaults to CALICO_CLUSTER_RETRY_MS or 5 s (then doubling). */
  retryDelayMs?: number;
  /** Delay before an edited document's labels are re-read. */
  debounceMs?: number;
}

function envMs(name: string): number | undefined {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : undefined;
}

export class LabelService implements LabelIndex {
  private readonly redactor = new Redactor();
  private readonly cluster: ClusterSource;
  private readonly workspace: WorkspaceSource;
  private readonly merged: MergedLabelIndex;
  private lastSettings: CalicoSettings;
  private lastStatus = '';
  private statusTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(private readonly options: LabelServiceOptions) {
    this.lastSettings = structuredClone(options.getSettings());
    const log = (m: string) => this.log(m);
    const onChange = () => this.scheduleStatus();
    this.cluster = new ClusterSource({
      getSettings: options.getSettings,
      trusted: options.trusted,
      onChange,
      log,
      redactor: this.redactor,
      requestTimeoutMs: options.requestTimeoutMs ?? envMs('CALICO_CLUSTER_TIMEOUT_MS'),
      retryDelayMs: options.retryDelayMs ?? envMs('CALICO_CLUSTER_RETRY_MS'),
    });
    this.workspace = new WorkspaceSource({ getSettings: options.getSettings, onChange, log, debounceMs: options.debounceMs });
    this.merged = new MergedLabelIndex(() => [this.cluster.index, this.workspace.index]);
    this.scheduleStatus();
  }

  // --- LabelIndex: both sources merged -------------------------------------------------------
  isLoaded(): boolean {
    return this.merged.isLoaded();
  }
  keys(scope: LabelScope): LabelKeyInfo[] {
    return this.merged.keys(scope);
  }
  values(scope: LabelScope, key: string): LabelValueInfo[] {
    return this.merged.values(scope, key);
  }
  serviceAccountNames(namespace?: string): LabelValueInfo[] {
    return this.merged.serviceAccountNames(namespace);
  }
  groups(scope: LabelScope): Iterable<LabelledGroup> {
    return this.merged.groups(scope);
  }
  describeSources(): string {
    return this.merged.describeSources();
  }

  // --- cluster ---------------------------------------------------------------------------------
  setTrusted(trusted: boolean): void {
    this.cluster.setTrusted(trusted);
  }

  settingsChanged(): void {
    const next = this.options.getSettings();
    const prev = this.lastSettings;
    this.lastSettings = structuredClone(next);
    if (prev.kubeconfig !== next.kubeconfig || prev.context !== next.context || JSON.stringify(prev.cluster) !== JSON.stringify(next.cluster))
      this.cluster.settingsChanged();
    if (JSON.stringify(prev.workspaceLabels) !== JSON.stringify(next.workspaceLabels)) this.workspace.settingsChanged();
  }

  ensureClusterRequested(): void {
    this.cluster.ensureRequested();
  }

  refreshCluster(): Promise<void> {
    return this.cluster.refresh();
  }

  listContexts(): ListContextsResult {
    const result = listKubeContexts(this.options.getSettings());
    return result.error ? { ...result, error: this.redactor.redact(result.error) } : result;
  }

  // --- workspace -------------------------------------------------------------------------------
  setWorkspaceFolders(folderPaths: string[]): void {
    this.workspace.setFolders(folderPaths);
  }
  updateOpenDocument(uri: string, text: string): void {
    this.workspace.updateOpenDocument(uri, text);
  }
  closeOpenDocument(uri: string): void {
    this.workspace.closeOpenDocument(uri);
  }
  fileChanged(uri: string): void {
    this.workspace.fileChanged(uri);
  }
  fileDeleted(uri: string): void {
    this.workspace.fileDeleted(uri);
  }
  /** Resolves when the workspace scan in progress has finished. */
  whenWorkspaceScanned(): Promise<void> {
    return this.workspace.whenScanned();
  }

  status(): StatusParams {
    const ws = this.workspace.index.counts;
    return {
      cluster: this.cluster.status(),
      workspace: { files: this.workspace.fileCount(), pods: ws.pods, namespaces: ws.namespaces },
    };
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.statusTimer);
    this.cluster.dispose();
    this.workspace.dispose();
  }

  private log(message: string): void {
    this.options.log(this.redactor.redact(message));
  }

  /** Status changes arrive in bursts (scan progress, refresh steps); send at most one per tick, and only changes. */
  private scheduleStatus(): void {
    if (this.disposed || this.statusTimer) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = undefined;
      if (this.disposed) return;
      const status = this.status();
      const text = JSON.stringify(status);
      if (text === this.lastStatus) return;
      this.lastStatus = text;
      this.options.onStatus(JSON.parse(this.redactor.redact(text)) as StatusParams);
    }, 20);
    this.statusTimer.unref?.();
  }
}
