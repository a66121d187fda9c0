// Compare with Cluster: the workspace file's text with one resource's section replaced by the cluster's object,
// so VS Code's diff editor shows only how that resource differs from what is deployed.
import { kindInfo } from '../schema';
import type { CompareWithClusterResult } from '../../../protocol';
import { documentAt, resourcesOf, type ParsedFile } from '../document';
import { objectYaml, sameResource, v3PolicyName, type PolicySnapshot } from '../cluster';
import { asMap, asText, plainValue } from '../model';


export function compareWithCluster(file: ParsedFile, offset: number | undefined, snap: PolicySnapshot | undefined): CompareWithClusterResult {
  const doc = offset === undefined ? file.documents.find((d) => d.resource) : documentAt(file, offset);
  const found = doc ? resourcesOf(doc) : [];
  if (!doc || found.length === 0) return { message: 'No Calico or Kubernetes policy resource here to compare.' };
  if (found.length > 1 || doc.items) return { message: 'Items of a `kind: List` are not compared; put the resource in its own document.' };
  const { resource, node } = found[0];
  const namespace = kindInfo(resource.kind)?.namespaced ? (resource.namespace ?? 'default') : undefined;
  const spec = asMap(asMap(plainValue(doc, node))?.spec);
  const name = resource.family === 'calico-crd' ? v3PolicyName(resource.name ?? '', asText(spec?.tier) ?? 'default') : (resource.name ?? '');
  const title = `${resource.kind} ${namespace ? `${namespace}/` : ''}${name}`;
  if (!snap) return { title, message: 'The cluster has not been read (see the Calico Policies view for its status).' };
  const obj = sameResource(snap, resource.family === 'kubernetes' ? 'kubernetes' : 'calico', resource.kind, namespace, name);
  if (!obj) {
    const unreadable = snap.missing.find((m) => m.kind === resource.kind && (!m.namespace || m.namespace === namespace));
    const why = unreadable ? `it could not be read (${unreadable.reason}), so it may exist` : 'it is not in the cluster';
    return { title, fetchedAt: snap.fetchedAt, message: `${title}: ${why} (cluster ${snap.context}, read at ${snap.fetchedAt}).` };
  }
  const shown = { ...obj, object: withoutDefaultsAbsentIn(obj.object, spec) };
  const text = objectYaml(shown);
  const before = file.text.slice(0, doc.start);
  const after = file.text.slice(doc.end);
  // Keep the section's own line ending so the diff shows only the resource's lines.
  const section = file.text.slice(doc.start, doc.end);
  const body = section.endsWith('\n') ? text : text.replace(/\n$/, '');
  return { title, fetchedAt: snap.fetchedAt, clusterText: before + body + after };
}

/** The API server fills `spec.tier: default`; a workspace file that leaves it out means the same. */
function withoutDefaultsAbsentIn(object: Record<string, unknown>, workspaceSpec: Record<string, unknown> | undefined): Record<string, unknown> {
  const spec = asMap(object.spec);
  if (!spec || spec.tier !== 'default' || (workspaceSpec && 'tier' in workspaceSpec)) return object;
  const { tier: _omit, ...rest } = spec;
  return { ...object, spec: rest };
}
