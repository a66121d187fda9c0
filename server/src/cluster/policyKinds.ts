// The cluster resources the policy view reads: Calico's policy kinds and sets, and Kubernetes NetworkPolicies.
import { kindInfo, knownKinds, type KindInfo } from '../schema';

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

/** Calico's open-source policy kinds, tiers and sets, from the schema's one kind table, plus Kubernetes NetworkPolicies. */
export const CLUSTER_KINDS: readonly ClusterKind[] = [
  ...knownKinds
    .map((name) => kindInfo(name)!)
    .filter((k) => k.edition === 'oss' && (k.hasRules || k.kind === 'Tier' || (k.carriesLabels && k.kind.endsWith('NetworkSet'))))
    .sort((a, b) => READ_ORDER(a) - READ_ORDER(b))
    .map((k): ClusterKind => ({
      kind: k.kind,
      plural: pluralOf(k.kind),
      namespaced: k.namespaced,
      family: 'calico',
      ...(k.isPolicy ? { tiered: true } : {}),
      ...(k.staged ? { staged: true } : {}),
      noun: nounOf(k.kind),
    })),
  { kind: 'NetworkPolicy', plural: 'networkpolicies', namespaced: true, family: 'kubernetes', noun: 'Kubernetes network policies' },
];

/** Tiers first, then policies, then sets: the order the reads (and their requests) happen in. */
function READ_ORDER(k: KindInfo): number {
  return k.kind === 'Tier' ? 0 : k.hasRules ? (k.staged ? 2 : 1) : 3;
}

/** The REST resource name: the kind lower-cased and pluralised (…policy → …policies). */
export function pluralOf(kind: string): string {
  const lower = kind.toLowerCase();
  return lower.endsWith('y') ? `${lower.slice(0, -1)}ies` : `${lower}s`;
}

/** "GlobalNetworkPolicy" → "global network policies". */
function nounOf(kind: string): string {
  const words = kind.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.endsWith('y') ? `${words.slice(0, -1)}ies` : `${words}s`;
}

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
