// Wires the cluster policy view onto the connection: the tree, read-only cluster documents, Compare with
// Cluster, the policies' status notification, and the source the simulator reads (clusterTrafficFiles).
import type { Connection } from 'vscode-languageserver';
import {
  ClusterDocumentRequest,
  ClusterPoliciesRequest,
  ClusterPoliciesStatusNotification,
  CompareWithClusterRequest,
  WorkspaceTrustNotification,
  type ClusterDocumentParams,
  type ClusterDocumentResult,
  type ClusterPoliciesParams,
  type ClusterPoliciesResult,
  type CompareWithClusterParams,
  type CompareWithClusterResult,
  type WorkspaceTrustParams,
} from '../../../protocol';
import type { CalicoSettings } from '../settings';
import { ClusterPolicySource, type PolicySnapshot, documentText, objectAtUri, resourceKey, setActiveClusterPolicies } from '../cluster';
import { clusterTree } from '../features/clusterTree';
import { compareWithCluster } from '../features/compareWithCluster';
import type { DocumentStore } from './documentStore';
import { safeRequest } from './safeHandler';
import { WorkspaceResourceIndex } from './workspaceResourceIndex';

export interface ClusterPolicyHandlerOptions {
  getSettings(): CalicoSettings;
  trusted: boolean;
  store: DocumentStore;
  workspaceFolders(): string[];
  log(message: string): void;
  /** Resolves once the user's settings are known: the default kubeconfig must not be read before. */
  settingsReady(): Promise<void>;
  /** Also told about trust changes (the LSP allows one handler per notification). */
  onTrust?(trusted: boolean): void;
  /** Tier names of each new snapshot (the cluster's tiers exist for validation). */
  onTiers?(names: string[] | undefined): void;
}

export interface ClusterPolicyHandlers {
  source: ClusterPolicySource;
  settingsChanged(): void;
  dispose(): void;
}

function envMs(name: string): number | undefined {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : undefined;
}

export function registerClusterPolicyHandlers(connection: Connection, options: ClusterPolicyHandlerOptions): ClusterPolicyHandlers {
  let lastStatus = '';
  let timer: NodeJS.Timeout | undefined;
  let lastSnapshot: PolicySnapshot | undefined;
  const source: ClusterPolicySource = new ClusterPolicySource({
    getSettings: options.getSettings,
    trusted: options.trusted,
    log: options.log,
    requestTimeoutMs: envMs('CALICO_CLUSTER_TIMEOUT_MS'),
    retryDelayMs: envMs('CALICO_CLUSTER_RETRY_MS'),
    onChange: () => {
      const snap = source?.snapshot;
      if (snap !== lastSnapshot) {
        lastSnapshot = snap;
        options.onTiers?.(snap?.objects.filter((o) => o.kind.kind === 'Tier').map((o) => o.name));
      }
      clearTimeout(timer);
      timer = setTimeout(() => {
        const status = source.status();
        const text = JSON.stringify(status);
        if (text === lastStatus) return;
        lastStatus = text;
        void connection.sendNotification(ClusterPoliciesStatusNotification, status);
      }, 20);
    },
  });
  const workspace = new WorkspaceResourceIndex(options.workspaceFolders, () =>
    options.store.all().flatMap((d) => {
      const model = options.store.model(d.uri);
      return model && d.uri.startsWith('file:') ? [{ uri: d.uri, file: model.file }] : [];
    }),
  );
  let lastSettings = JSON.stringify(pick(options.getSettings()));

  const log = options.log;
  // Settings have no change hook of their own here: every request notices a changed kubeconfig/context.
  const checkSettings = () => {
    const next = JSON.stringify(pick(options.getSettings()));
    if (next === lastSettings) return;
    lastSettings = next;
    source.settingsChanged();
  };
  const prepare = async () => {
    await options.settingsReady();
    checkSettings();
  };
  const loaded = async () => {
    await prepare();
    return source.loaded();
  };
  setActiveClusterPolicies(source, prepare);
  const emptyTree = (): ClusterPoliciesResult => ({ status: source.status(), tiers: [], networkSets: [], kubernetesPolicies: [], namespaces: [] });
  connection.onRequest(
    ClusterPoliciesRequest,
    safeRequest('cluster policies', log, emptyTree(), async (params: ClusterPoliciesParams | undefined) => {
      await options.settingsReady();
      checkSettings();
      if (params?.refresh) await source.refresh();
      else await source.loaded();
      const byKey = await workspace.byKey().catch(() => new Map<string, string>());
      return clusterTree(source.snapshot, source.status(), {
        namespace: typeof params?.namespace === 'string' && params.namespace ? params.namespace : undefined,
        workspaceUri: (o) => byKey.get(resourceKey(o.kind.family, o.kind.kind, o.namespace, o.name)),
      });
    }),
  );
  connection.onRequest(
    ClusterDocumentRequest,
    safeRequest('cluster document', log, {} as ClusterDocumentResult, async (params: ClusterDocumentParams) => {
      const snap = await loaded();
      if (!snap) return { message: source.status().message ?? 'the cluster has not been read' };
      const obj = typeof params?.uri === 'string' ? objectAtUri(snap, params.uri) : undefined;
      if (!obj) return { message: `not in the cluster snapshot read at ${snap.fetchedAt}` };
      return { text: documentText(snap, obj) };
    }),
  );
  connection.onRequest(
    CompareWithClusterRequest,
    safeRequest('compare with cluster', log, {} as CompareWithClusterResult, async (params: CompareWithClusterParams) => {
      const snap = await loaded();
      const model = options.store.model(params?.uri);
      if (!model) return { message: 'The document is not open.' };
      const offset = params.position ? model.file.lines.offsetAt(params.position) : undefined;
      const result = compareWithCluster(model.file, offset, snap);
      if (!snap && source.status().message) result.message = `The cluster could not be read: ${source.status().message}`;
      return result;
    }),
  );
  // One handler per notification: this one tells both the label and the policy sources.
  connection.onNotification(WorkspaceTrustNotification, (params: WorkspaceTrustParams) => {
    if (!params || typeof params.trusted !== 'boolean') return;
    options.onTrust?.(params.trusted);
    source.setTrusted(params.trusted);
  });

  return {
    source,
    settingsChanged: checkSettings,
    dispose() {
      clearTimeout(timer);
      setActiveClusterPolicies(undefined);
      source.dispose();
    },
  };
}

function pick(s: CalicoSettings) {
  return { kubeconfig: s.kubeconfig, context: s.context, cluster: s.cluster };
}
