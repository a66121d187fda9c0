// Fields the API server writes itself; they are dropped before an object is shown or compared.

const METADATA_FIELDS = ['resourceVersion', 'uid', 'creationTimestamp', 'managedFields', 'generation', 'selfLink', 'deletionGracePeriodSeconds'];
const SERVER_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration', 'projectcalico.org/metadata'];

/** A copy of `object` without server-managed metadata, `status`, and the last-applied annotation. */
export function withoutServerFields(object: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...object };
  delete out.status;
  const meta = out.metadata;
  if (meta && typeof meta === 'object' && !Array.isArray(meta)) {
    const m: Record<string, unknown> = { ...(meta as Record<string, unknown>) };
    for (const f of METADATA_FIELDS) delete m[f];
    const annotations = m.annotations;
    if (annotations && typeof annotations === 'object' && !Array.isArray(annotations)) {
      const a = { ...(annotations as Record<string, unknown>) };
      for (const k of SERVER_ANNOTATIONS) delete a[k];
      if (Object.keys(a).length) m.annotations = a;
      else delete m.annotations;
    }
    out.metadata = m;
  }
  return out;
}
