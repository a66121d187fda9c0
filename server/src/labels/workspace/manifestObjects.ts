// Finds labelled objects in Kubernetes/Calico manifests: pod templates of workloads, pods, namespaces,
// service accounts, network sets and host endpoints.
import { parseAllDocuments } from 'yaml';
import type { LabelledObject } from '../implicitLabels';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

function labelsOf(meta: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const labels = isObject(meta) ? meta.labels : undefined;
  if (!isObject(labels)) return out;
  // Label values must be strings in Kubernetes; unquoted numbers/booleans are still what the user meant.
  for (const [k, v] of Object.entries(labels)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  }
  return out;
}

const WORKLOAD_TEMPLATE: Record<string, (spec: Json) => unknown> = {
  Deployment: (s) => s.template,
  StatefulSet: (s) => s.template,
  DaemonSet: (s) => s.template,
  ReplicaSet: (s) => s.template,
  ReplicationController: (s) => s.template,
  Job: (s) => s.template,
  CronJob: (s) => (isObject(s.jobTemplate) && isObject(s.jobTemplate.spec) ? s.jobTemplate.spec.template : undefined),
};

/** The labelled objects one parsed manifest object describes (a `List` contributes its items). */
export function objectsFromManifest(doc: unknown, out: LabelledObject[] = []): LabelledObject[] {
  if (!isObject(doc)) return out;
  const kind = str(doc.kind);
  const meta = isObject(doc.metadata) ? doc.metadata : {};
  const name = str(meta.name) ?? '(unnamed)';
  const namespace = str(meta.namespace) ?? 'default';
  const spec = isObject(doc.spec) ? doc.spec : {};
  if (!kind) return out;
  if (kind === 'List' && Array.isArray(doc.items)) {
    for (const item of doc.items) objectsFromManifest(item, out);
    return out;
  }
  const template = WORKLOAD_TEMPLATE[kind]?.(spec);
  if (template !== undefined) {
    if (!isObject(template)) return out;
    const podSpec = isObject(template.spec) ? template.spec : {};
    out.push({ kind: 'pod', name, namespace, labels: labelsOf(template.metadata), serviceAccount: str(podSpec.serviceAccountName) ?? 'default' });
    return out;
  }
  switch (kind) {
    case 'Pod':
      out.push({ kind: 'pod', name, namespace, labels: labelsOf(meta), serviceAccount: str(spec.serviceAccountName) ?? 'default' });
      break;
    case 'Namespace':
      out.push({ kind: 'namespace', name, labels: labelsOf(meta) });
      break;
    case 'ServiceAccount':
      out.push({ kind: 'serviceAccount', name, namespace, labels: labelsOf(meta) });
      break;
    case 'NetworkSet':
      out.push({ kind: 'networkSet', name, namespace, labels: labelsOf(meta) });
      break;
    case 'GlobalNetworkSet':
      out.push({ kind: 'globalNetworkSet', name, labels: labelsOf(meta) });
      break;
    case 'HostEndpoint':
      out.push({ kind: 'hostEndpoint', name, labels: labelsOf(meta) });
      break;
    default:
      break;
  }
  return out;
}

/** Every labelled object in a YAML file; documents that do not parse are skipped (validation reports them). */
export function objectsFromYaml(text: string): LabelledObject[] {
  // Cheap pre-check: a file without `kind:` cannot describe any object.
  if (!text.includes('kind')) return [];
  const out: LabelledObject[] = [];
  let docs;
  try {
    docs = parseAllDocuments(text, { uniqueKeys: false });
  } catch {
    return out;
  }
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length > 0) continue;
    try {
      objectsFromManifest(doc.toJS({ maxAliasCount: 100 }), out);
    } catch {
      // Alias bombs and similar are skipped, never fatal.
    }
  }
  return out;
}
