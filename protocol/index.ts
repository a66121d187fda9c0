// Custom LSP messages, typed once and imported by both the server and the VS Code client.
// Only type imports and string constants live here so the client bundle pulls in nothing else.

/** Server → client: state of label sources, drives the status bar. */
export const StatusNotification = 'calico/status';

export type ClusterState = 'off' | 'untrusted' | 'idle' | 'loading' | 'ready' | 'error';

export interface StatusParams {
  cluster: {
    state: ClusterState;
    /** kubeconfig context in use, when known. */
    context?: string;
    /** A short human sentence, e.g. "forbidden to list pods in yaobank-*". Never contains secrets. */
    message?: string;
    counts?: { pods: number; namespaces: number; serviceAccounts: number; networkSets: number };
    /** ISO time of the last successful refresh. */
    lastRefresh?: string;
  };
  workspace: {
    files: number;
    pods: number;
    namespaces: number;
  };
}

/** Client → server: full Markdown explanation of the policy at a position. */
export const ExplainPolicyRequest = 'calico/explainPolicy';

export interface ExplainPolicyParams {
  uri: string;
  /** Any position inside the policy document; the first Calico document when omitted. */
  position?: { line: number; character: number };
}

export interface ExplainPolicyResult {
  /** Markdown; empty when no policy is at the position. */
  markdown: string;
  /** The policy's kind/name, for the preview's title. */
  title: string;
}

/** Client → server: drop cached cluster labels and fetch them again now. */
export const RefreshClusterRequest = 'calico/refreshCluster';

/** Client → server: the kubeconfig contexts the server can see (for a quick pick). */
export const ListContextsRequest = 'calico/listContexts';

export interface ListContextsResult {
  contexts: { name: string; cluster: string; namespace?: string; current: boolean }[];
  error?: string;
}

/** The command id VS Code runs for the explain lens and the palette entry. */
export const ExplainPolicyCommand = 'calico.explainPolicy';

/** Client → server: the workspace's trust changed; cluster access is only allowed when trusted. */
export const WorkspaceTrustNotification = 'calico/workspaceTrust';

export interface WorkspaceTrustParams {
  trusted: boolean;
}

/**
 * Client → server: the lines an editor shows of a document (all its editors' ranges; empty when none shows it).
 * On big files the server then sends code lenses only around them, and asks for fresh lenses on a scroll away.
 */
export const VisibleRangesNotification = 'calico/visibleRanges';

export interface VisibleRangesParams {
  uri: string;
  ranges: { start: { line: number; character: number }; end: { line: number; character: number } }[];
}

/** What the client passes in `initializationOptions`. Editors other than VS Code may omit it. */
export interface CalicoInitializationOptions {
  /** Defaults to true: an editor that starts the server over stdio is trusted by its user. */
  trusted?: boolean;
}
export * from './traffic';
export * from './cluster';
