// Objects read through crd.projectcalico.org/v1 (Calico's storage) mapped to what projectcalico.org/v3 shows.
import { CALICO_V3, type ClusterKind } from './policyKinds';

const METADATA_ANNOTATION = 'projectcalico.org/metadata';

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

/**
 * The v3 view of a CRD object: apiVersion v3; labels and annotations restored from the
 * `projectcalico.org/metadata` annotation when the storage kept them there; the storage-only
 * `default.` prefix of default-tier policy names removed; `spec.tier` defaulted to `default`.
 */
export function crdToV3(kind: ClusterKind, object: Obj): Obj {
  const meta: Obj = { ...(asObj(object.metadata) ?? {}) };
  const annotations = asObj(meta.annotations);
  const stored = typeof annotations?.[METADATA_ANNOTATION] === 'string' ? parseJson(annotations[METADATA_ANNOTATION] as string) : undefined;
  if (stored) {
    const labels = asObj(stored.labels);
    const kept = asObj(stored.annotations);
    if (labels) meta.labels = labels;
    else delete meta.labels;
    if (kept) meta.annotations = kept;
    else delete meta.annotations;
  } else if (annotations && METADATA_ANNOTATION in annotations) {
    const rest = { ...annotations };
    delete rest[METADATA_ANNOTATION];
    if (Object.keys(rest).length) meta.annotations = rest;
    else delete meta.annotations;
  }
  const spec: Obj = { ...(asObj(object.spec) ?? {}) };
  if (kind.tiered) {
    const tier = typeof spec.tier === 'string' && spec.tier ? spec.tier : 'default';
    spec.tier = tier;
    if (typeof meta.name === 'string') meta.name = v3PolicyName(meta.name, tier);
  }
  if (kind.kind === 'StagedKubernetesNetworkPolicy' && typeof meta.name === 'string' && meta.name.startsWith('knp.default.')) {
    meta.name = meta.name.slice('knp.default.'.length);
  }
  return { ...object, apiVersion: CALICO_V3, kind: kind.kind, metadata: meta, ...(object.spec !== undefined || kind.tiered ? { spec } : {}) };
}

/** Storage names of default-tier policies carry `default.`; v3 shows them without it. Other tiers keep `tier.name`. */
export function v3PolicyName(stored: string, tier: string): string {
  if (tier === 'default' && stored.startsWith('default.') && stored.length > 'default.'.length) return stored.slice('default.'.length);
  return stored;
}

function parseJson(text: string): Obj | undefined {
  try {
    return asObj(JSON.parse(text));
  } catch {
    return undefined;
  }
}
