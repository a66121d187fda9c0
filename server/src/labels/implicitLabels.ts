// The labels Calico attaches to objects by itself (docs/semantics.md, "Labels every object carries"), so selectors evaluate as Calico would.

export const NAMESPACE_LABEL = 'projectcalico.org/namespace';
export const ORCHESTRATOR_LABEL = 'projectcalico.org/orchestrator';
export const SERVICE_ACCOUNT_LABEL = 'projectcalico.org/serviceaccount';
export const NAME_LABEL = 'projectcalico.org/name';

/** Keys Calico adds itself (or derives from namespace / service-account profiles); never "unknown". */
export function isImplicitLabelKey(key: string): boolean {
  return (
    key === NAMESPACE_LABEL ||
    key === ORCHESTRATOR_LABEL ||
    key === SERVICE_ACCOUNT_LABEL ||
    key === NAME_LABEL ||
    key === 'projectcalico.org/tier' ||
    key.startsWith('pcns.') ||
    key.startsWith('pcsa.')
  );
}

/** A plain object with labels, as a source sees it (before Calico's additions). */
export interface LabelledObject {
  kind: 'pod' | 'namespace' | 'serviceAccount' | 'networkSet' | 'globalNetworkSet' | 'hostEndpoint';
  name: string;
  namespace?: string;
  labels: Readonly<Record<string, string>>;
  /** Pods only: spec.serviceAccountName when known (metadata-only cluster lists do not carry it). */
  serviceAccount?: string;
}

/** The object's labels as Calico's selectors see them. */
export function withImplicitLabels(obj: LabelledObject): Record<string, string> {
  const labels: Record<string, string> = { ...obj.labels };
  switch (obj.kind) {
    case 'pod':
      if (obj.namespace !== undefined) labels[NAMESPACE_LABEL] = obj.namespace;
      labels[ORCHESTRATOR_LABEL] = 'k8s';
      if (obj.serviceAccount !== undefined) labels[SERVICE_ACCOUNT_LABEL] = obj.serviceAccount;
      break;
    case 'networkSet':
      if (obj.namespace !== undefined) labels[NAMESPACE_LABEL] = obj.namespace;
      break;
    case 'namespace':
    case 'serviceAccount':
      labels[NAME_LABEL] = obj.name;
      break;
    default:
      break;
  }
  return labels;
}
