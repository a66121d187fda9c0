// The cluster resources the policy view reads: Calico's policy kinds and sets, and Kubernetes NetworkPolicies.
import { kindInfo } from '../schema/kindTable';

export type ApiGroup = 'projectcalico.org/v3' | 'crd.projectcalico.org/v1' | 'networking.k8s.io/v1' | 'v1';

export interface ClusterKind {
  /** The v3 (or Kubernetes) kind the object is shown as. */
  kind: string;
  plural: string;
  namespaced: boolean;
  /** Calico kinds come from v3 or its CRD fallback; the Kubernetes kind from networking.k8s.io. */
  family: 'calico' | 'kubernetes';
  /** Policy kinds whose names carry a tier prefix in the CRD storage. */
  tiered?: boolean;
  staged?: boolean;
  noun: string;
}

/** A Calico kind with its API plural; namespaced, tiered and staged come from the schema's kind table. */
function calico(kind: string, plural: string, noun: string): ClusterKind {
  const info = kindInfo(kind)!;
  return { kind, plural, namespaced: info.namespaced, family: 'calico', ...(info.isPolicy ? { tiered: true } : {}), ...(info.staged ? { staged: true } : {}), noun };
}

export const CLUSTER_KINDS: readonly ClusterKind[] = [
  calico('Tier', 'tiers', 'tiers'),
  calico('GlobalNetworkPolicy', 'globalnetworkpolicies', 'global network policies'),
  calico('NetworkPolicy', 'networkpolicies', 'Calico network policies'),
  calico('StagedGlobalNetworkPolicy', 'stagedglobalnetworkpolicies', 'staged global network policies'),
  calico('StagedNetworkPolicy', 'stagednetworkpolicies', 'staged network policies'),
  calico('StagedKubernetesNetworkPolicy', 'stagedkubernetesnetworkpolicies', 'staged Kubernetes network policies'),
  calico('GlobalNetworkSet', 'globalnetworksets', 'global network sets'),
  calico('NetworkSet', 'networksets', 'network sets'),
  { kind: 'NetworkPolicy', plural: 'networkpolicies', namespaced: true, family: 'kubernetes', noun: 'Kubernetes network policies' },
];

export const CALICO_V3: ApiGroup = 'projectcalico.org/v3';
export const CALICO_CRD: ApiGroup = 'crd.projectcalico.org/v1';
export const K8S_NETWORKING: ApiGroup = 'networking.k8s.io/v1';

/** The apiVersion an object of this kind is shown with (v3 for every Calico kind, whatever group it came from). */
export function shownApiVersion(kind: ClusterKind): string {
  return kind.family === 'kubernetes' ? K8S_NETWORKING : CALICO_V3;
}

/** `/apis/<group>[/namespaces/<ns>]/<plural>` */
export function listPath(group: ApiGroup, kind: ClusterKind, namespace?: string): string {
  const ns = namespace !== undefined ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `/apis/${group}${ns}/${kind.plural}`;
}

/** A stable key for "the same resource": workspace and cluster objects with equal keys replace each other. */
export function resourceKey(apiFamily: 'calico' | 'kubernetes', kind: string, namespace: string | undefined, name: string): string {
  return `${apiFamily}/${kind}/${namespace ?? ''}/${name}`;
}
