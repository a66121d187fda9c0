// Cluster objects as read-only YAML documents under `calico-cluster:` URIs, parsed once per snapshot.
import { stringify } from 'yaml';
import { parseFile, type ParsedFile } from '../document';
import { ClusterScheme } from '../../../protocol';
import type { ClusterObject, PolicySnapshot } from './policySnapshot';
import { resourceKey } from './policyKinds';

const NO_NAMESPACE = '_';

function resourceSegment(obj: ClusterObject): string {
  if (obj.group === 'v1') return obj.kind.plural;
  return `${obj.kind.plural}.${obj.kind.family === 'kubernetes' ? 'networking.k8s.io' : 'projectcalico.org'}`;
}

/** `calico-cluster:/<context>/<plural>.<group>/<namespace or _>/<name>.yaml`, as kubectl names the resource. */
export function clusterUri(context: string, obj: ClusterObject): string {
  const seg = encodeURIComponent;
  return `${ClusterScheme}:/${seg(context)}/${resourceSegment(obj)}/${seg(obj.namespace ?? NO_NAMESPACE)}/${seg(obj.name)}.yaml`;
}

/** The YAML shown for an object: apiVersion, kind, metadata, spec first; a comment says where and when it was read. */
export function objectYaml(obj: ClusterObject, header?: { context: string }): string {
  const { apiVersion, kind, metadata, spec, ...rest } = obj.object;
  const ordered: Record<string, unknown> = { apiVersion, kind, metadata };
  if (spec !== undefined) ordered.spec = spec;
  Object.assign(ordered, rest);
  const body = stringify(ordered, { lineWidth: 0, aliasDuplicateObjects: false });
  if (!header) return body;
  // No read time here: the text stays the same across refreshes, so its parse is reused (the view shows the time).
  return `# Read-only: ${obj.kind.kind} from cluster context ${header.context}\n${body}`;
}

interface SnapshotIndex {
  byUri: Map<string, ClusterObject>;
  byKey: Map<string, ClusterObject>;
}

const indexes = new WeakMap<PolicySnapshot, SnapshotIndex>();
const parsed = new WeakMap<ClusterObject, ParsedFile>();
/** Parses of the last texts seen, reused by the next snapshot for unchanged objects. */
let previousParses = new Map<string, ParsedFile>();
let currentParses = new Map<string, ParsedFile>();
let parsesFor: PolicySnapshot | undefined;

function indexOf(snap: PolicySnapshot): SnapshotIndex {
  let index = indexes.get(snap);
  if (!index) {
    index = { byUri: new Map(), byKey: new Map() };
    for (const o of [...snap.objects, ...snap.endpoints]) {
      index.byUri.set(clusterUri(snap.context, o), o);
      index.byKey.set(resourceKey(o.kind.family, o.kind.kind, o.namespace, o.name), o);
    }
    indexes.set(snap, index);
  }
  return index;
}

export function objectAtUri(snap: PolicySnapshot, uri: string): ClusterObject | undefined {
  return indexOf(snap).byUri.get(normalizeUri(uri));
}

/** The cluster object with the same kind/namespace/name as a workspace resource. */
export function sameResource(snap: PolicySnapshot, family: 'calico' | 'kubernetes', kind: string, namespace: string | undefined, name: string): ClusterObject | undefined {
  return indexOf(snap).byKey.get(resourceKey(family, kind, namespace, name));
}

/** The object's text, as the virtual document shows it. */
export function documentText(snap: PolicySnapshot, obj: ClusterObject): string {
  return objectYaml(obj, { context: snap.context });
}

/** The parsed YAML of one cluster object (parsed once per snapshot). */
export function parsedObject(snap: PolicySnapshot, obj: ClusterObject): ParsedFile {
  let file = parsed.get(obj);
  if (!file) {
    if (parsesFor !== snap) {
      previousParses = parsesFor ? currentParses : new Map();
      currentParses = new Map();
      parsesFor = snap;
    }
    const text = documentText(snap, obj);
    file = currentParses.get(text) ?? previousParses.get(text) ?? parseFile(text);
    currentParses.set(text, file);
    parsed.set(obj, file);
  }
  return file;
}

/** VS Code may re-encode the URI (e.g. `%2E`); compare decoded segments. */
function normalizeUri(uri: string): string {
  const m = /^([a-z-]+):\/*(.*)$/i.exec(uri);
  if (!m) return uri;
  const segs = m[2].split('/').map((s) => {
    try {
      return encodeURIComponent(decodeURIComponent(s));
    } catch {
      return s;
    }
  });
  return `${m[1]}:/${segs.join('/')}`;
}
