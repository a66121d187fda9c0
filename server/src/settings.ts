// The `calico.*` settings as the server sees them, with their defaults.
/** Which Calico product the manifests target: `auto` accepts Enterprise/Cloud fields with a note, `oss` rejects them. */
export type CalicoEdition = 'auto' | 'oss' | 'enterprise';

/** The values `calico.edition` / `--calico-edition` accept. */
export const CALICO_EDITIONS: readonly CalicoEdition[] = ['auto', 'oss', 'enterprise'];

export function isCalicoEdition(value: unknown): value is CalicoEdition {
  return typeof value === 'string' && (CALICO_EDITIONS as readonly string[]).includes(value);
}

export interface CalicoSettings {
  /** Target Calico release for version-dependent rules, e.g. "3.27"; "latest" = newest behaviour. */
  calicoVersion: string;
  /** Calico product: `auto` (Enterprise/Cloud fields accepted with a note), `oss` or `enterprise`. */
  edition: CalicoEdition;
  /** Path of the kubeconfig; empty = KUBECONFIG or ~/.kube/config. Machine scope only. */
  kubeconfig: string;
  /** kubeconfig context; empty = the current context. Machine scope only. */
  context: string;
  cluster: {
    enabled: boolean;
    /** Seconds between background refreshes of cluster labels. */
    refreshInterval: number;
  };
  workspaceLabels: {
    include: string[];
    exclude: string[];
  };
  codeLens: {
    enabled: boolean;
  };
  outline: {
    /** A file with more rules than this lists its policies and Ingress/Egress groups, not each rule. */
    maxRules: number;
  };
  simulation: {
    /** Where the traffic simulator takes policies and endpoints from; `cluster+workspace` = workspace only while the cluster is off. */
    scope: 'workspace' | 'cluster' | 'cluster+workspace';
  };
}

export const defaultSettings: CalicoSettings = {
  calicoVersion: 'latest',
  edition: 'auto',
  kubeconfig: '',
  context: '',
  cluster: { enabled: true, refreshInterval: 300 },
  workspaceLabels: {
    include: ['**/*.yaml', '**/*.yml'],
    exclude: ['**/node_modules/**', '**/.git/**'],
  },
  codeLens: { enabled: true },
  outline: { maxRules: 2000 },
  simulation: { scope: 'cluster+workspace' },
};

const SIMULATION_SCOPES = new Set(['workspace', 'cluster', 'cluster+workspace']);

/** Merges a possibly partial or malformed settings object over the defaults. */
export function normalizeSettings(raw: unknown): CalicoSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, any>;
  const str = (v: unknown, d: string) => (typeof v === 'string' ? v : d);
  const bool = (v: unknown, d: boolean) => (typeof v === 'boolean' ? v : d);
  const strings = (v: unknown, d: string[]) =>
    Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : d;
  const d = defaultSettings;
  const interval = Number(r.cluster?.refreshInterval);
  const maxRules = Number(r.outline?.maxRules);
  return {
    calicoVersion: str(r.calicoVersion, d.calicoVersion),
    edition: isCalicoEdition(r.edition) ? r.edition : d.edition,
    kubeconfig: str(r.kubeconfig, d.kubeconfig),
    context: str(r.context, d.context),
    cluster: {
      enabled: bool(r.cluster?.enabled, d.cluster.enabled),
      refreshInterval: Number.isFinite(interval) && interval >= 10 ? interval : d.cluster.refreshInterval,
    },
    workspaceLabels: {
      include: strings(r.workspaceLabels?.include, d.workspaceLabels.include),
      exclude: strings(r.workspaceLabels?.exclude, d.workspaceLabels.exclude),
    },
    codeLens: { enabled: bool(r.codeLens?.enabled, d.codeLens.enabled) },
    outline: { maxRules: Number.isFinite(maxRules) && maxRules >= 0 ? Math.floor(maxRules) : d.outline.maxRules },
    simulation: {
      scope: SIMULATION_SCOPES.has(r.simulation?.scope) ? r.simulation.scope : d.simulation.scope,
    },
  };
}
