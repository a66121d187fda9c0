// The cluster policy view's wire shapes: the Calico Policies tree, read-only cluster documents,
// Compare with Cluster and the cluster policies' status. Add fields, never rename them.

/** The URI scheme of read-only cluster objects: `calico-cluster:/<context>/<plural>.<group>/<namespace or _>/<name>.yaml`. */
export const ClusterScheme = 'calico-cluster';

export type ClusterPoliciesState = 'off' | 'untrusted' | 'idle' | 'loading' | 'ready' | 'error';

/** Something in the cluster that could not be read, e.g. `{ kind: 'NetworkPolicy', namespace: 'payments', reason: 'forbidden' }`. */
export interface ClusterMissing {
  kind: string;
  namespace?: string;
  reason: string;
}

export interface ClusterPoliciesStatus {
  state: ClusterPoliciesState;
  context?: string;
  /** The group Calico's kinds were read from: `projectcalico.org/v3`, or `crd.projectcalico.org/v1` as the fallback. */
  calicoGroup?: string;
  /** ISO time the shown objects were read; absent before the first read. */
  fetchedAt?: string;
  /** True when the last read failed and what is shown is from `fetchedAt`. */
  stale?: boolean;
  /** A short sentence (fault, or turned off); never contains secrets. */
  message?: string;
  missing: ClusterMissing[];
  /** One sentence per missing item, e.g. "cluster policies in `payments` could not be read: forbidden". */
  warnings: string[];
  notes: string[];
  counts?: { policies: number; tiers: number; networkSets: number; kubernetesPolicies: number };
}

/** Server → client: the cluster policies' status changed (refresh the tree). */
export const ClusterPoliciesStatusNotification = 'calico/clusterPoliciesStatus';

export interface ClusterRuleItem {
  direction: 'ingress' | 'egress';
  index: number;
  action: string;
  /** A one-line sentence. */
  summary: string;
}

export interface ClusterPolicyItem {
  /** Kind as v3 shows it (or `NetworkPolicy` with `apiVersion: networking.k8s.io/v1`). */
  kind: string;
  apiVersion: string;
  name: string;
  namespace?: string;
  order?: number;
  selector: string;
  staged: boolean;
  uri: string;
  rules: ClusterRuleItem[];
  /** A workspace file defining the same kind/namespace/name, when one is known. */
  workspaceUri?: string;
}

export interface ClusterTierItem {
  name: string;
  order?: number;
  defaultAction: 'Deny' | 'Pass';
  /** Whether a Tier object exists in the cluster (the default tier may not be listed). */
  declared: boolean;
  uri?: string;
  /** In evaluation order: ascending order, unordered last, ties by name. */
  policies: ClusterPolicyItem[];
}

export interface ClusterSetItem {
  kind: 'NetworkSet' | 'GlobalNetworkSet';
  name: string;
  namespace?: string;
  nets: string[];
  uri: string;
}

/** Client → server: the cluster's policies as a tree (reads the cluster first if it was never read). */
export const ClusterPoliciesRequest = 'calico/clusterPolicies';

export interface ClusterPoliciesParams {
  /** Only objects in this namespace (and cluster-wide ones). */
  namespace?: string;
  /** Read the cluster again first. */
  refresh?: boolean;
}

export interface ClusterPoliciesResult {
  status: ClusterPoliciesStatus;
  tiers: ClusterTierItem[];
  networkSets: ClusterSetItem[];
  kubernetesPolicies: ClusterPolicyItem[];
  namespaces: string[];
}

/** Client → server: the YAML text of a `calico-cluster:` URI. */
export const ClusterDocumentRequest = 'calico/clusterDocument';

export interface ClusterDocumentParams {
  uri: string;
}

export interface ClusterDocumentResult {
  /** Absent when the object is not in the snapshot. */
  text?: string;
  message?: string;
}

/** Client → server: for Compare with Cluster: the cluster's version of the resource at a workspace position. */
export const CompareWithClusterRequest = 'calico/compareWithCluster';

export interface CompareWithClusterParams {
  uri: string;
  position?: { line: number; character: number };
}

export interface CompareWithClusterResult {
  /** The workspace file's text with the resource's section replaced by the cluster object (server fields dropped). */
  clusterText?: string;
  /** `kind namespace/name` of the compared resource. */
  title?: string;
  /** Why there is nothing to compare (no resource here, not in the cluster, cluster not read). */
  message?: string;
  fetchedAt?: string;
}
