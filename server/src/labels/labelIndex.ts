// What completion, hover and the "selects N endpoints" lens ask about labels. Sources (workspace
// manifests, the live cluster, an in-memory set in tests) fill it; features never know which.

/** Which objects a selector field talks about. */
export type LabelScope =
  /** Workload endpoints (pods) and network sets; `namespace` undefined means every namespace. */
  | { kind: 'endpoints'; namespace?: string }
  /** Namespaces (for `namespaceSelector`); includes the implicit `projectcalico.org/name`. */
  | { kind: 'namespaces' }
  /** Service accounts (for `serviceAccountSelector` / `serviceAccounts.selector|names`). */
  | { kind: 'serviceAccounts'; namespace?: string };

export interface LabelKeyInfo {
  key: string;
  /** How many objects in scope carry the key. */
  count: number;
  /** Where it comes from, for completion details, e.g. "3 pods in yaobank-customer · workspace". */
  detail: string;
}

export interface LabelValueInfo {
  value: string;
  count: number;
  detail: string;
}

/** A group of objects in scope that share exactly the same labels (pods of one ReplicaSet, say). */
export interface LabelledGroup {
  kind: 'pod' | 'namespace' | 'serviceAccount' | 'networkSet' | 'globalNetworkSet' | 'hostEndpoint';
  namespace?: string;
  /** Labels including the ones Calico adds (projectcalico.org/namespace, …). */
  labels: Readonly<Record<string, string>>;
  count: number;
  /** Up to a few object names, for hover ("customer-7d9f…"). */
  sampleNames: readonly string[];
  /** Where the group was seen: 'cluster' or 'workspace'. */
  origin: 'cluster' | 'workspace';
}

export interface LabelIndex {
  /** True once some source has delivered data; "unknown label" warnings only fire then. */
  isLoaded(): boolean;
  keys(scope: LabelScope): LabelKeyInfo[];
  values(scope: LabelScope, key: string): LabelValueInfo[];
  /** Names of service accounts (for `serviceAccounts.names`). */
  serviceAccountNames(namespace?: string): LabelValueInfo[];
  /** Every labelled group in scope; callers evaluate selectors against `labels`. */
  groups(scope: LabelScope): Iterable<LabelledGroup>;
  /** A short description of where data came from, e.g. "cluster kind-prod" or "workspace". */
  describeSources(): string;
}
