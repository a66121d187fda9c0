// Reads the endpoints, namespaces, service accounts, network sets and tiers the manifests describe, from the
// already-parsed documents (each YAML node converted once and cached on the node).
import { isAlias, isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import type { ParsedDocument, ParsedFile } from '../document';
import { asList, asMap, asNonEmptyString, asNumber, asText, plainValue, type JsonMap } from '../model';
import type { SourceLocation } from '../../../protocol/traffic';
import { parseCidr, parseIp, type Cidr, type IpAddress } from './ip';

export interface RawObject {
  kind: string;
  apiVersion: string;
  name: string;
  namespace?: string;
  value: JsonMap;
  node: YAMLMap;
  doc: ParsedDocument;
  offset: number;
}

const plainCache = new WeakMap<YAMLMap, JsonMap>();

class HasAlias extends Error {}

/** Plain JS for alias-free trees, several times cheaper than `toJS` (which resolves anchors); aliases fall back. */
function fastPlain(node: unknown): unknown {
  if (isScalar(node)) return node.value;
  if (isMap(node)) {
    const out: JsonMap = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (key === '<<') throw new HasAlias();
      if (typeof key === 'string' || typeof key === 'number' || typeof key === 'boolean') out[String(key)] = pair.value === null ? null : fastPlain(pair.value);
    }
    return out;
  }
  if (isSeq(node)) return node.items.map(fastPlain);
  if (isAlias(node)) throw new HasAlias();
  return null;
}

function plainOf(doc: ParsedDocument, node: YAMLMap): JsonMap {
  let hit = plainCache.get(node);
  if (!hit) {
    try {
      hit = asMap(fastPlain(node)) ?? {};
    } catch {
      hit = asMap(plainValue(doc, node)) ?? {};
    }
    plainCache.set(node, hit);
  }
  return hit;
}

/** Every object map of the file (a `kind: *List` contributes its items). */
export function objectsOf(file: ParsedFile): RawObject[] {
  const out: RawObject[] = [];
  for (const doc of file.documents) {
    const root = doc.yaml.contents;
    if (!isMap(root)) continue;
    const kind: unknown = root.get('kind');
    if (typeof kind === 'string' && kind.endsWith('List')) {
      const items = root.get('items', true);
      if (isSeq(items)) for (const item of items.items) if (isMap(item)) push(doc, item, out);
    } else push(doc, root, out);
  }
  return out;
}

function push(doc: ParsedDocument, node: YAMLMap, out: RawObject[]): void {
  const value = plainOf(doc, node);
  const kind = asNonEmptyString(value.kind);
  if (!kind) return;
  const meta = asMap(value.metadata) ?? {};
  const obj: RawObject = {
    kind,
    apiVersion: asText(value.apiVersion) ?? '',
    name: asNonEmptyString(meta.name) ?? '',
    value,
    node,
    doc,
    offset: node.range?.[0] ?? doc.start,
  };
  const namespace = asNonEmptyString(meta.namespace);
  if (namespace !== undefined) obj.namespace = namespace;
  out.push(obj);
}

export function locationOf(uri: string, file: ParsedFile, offset: number): SourceLocation {
  const p = file.lines.positionAt(offset);
  return { uri, line: p.line, character: p.character };
}

export function labelsOf(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const labels = asMap(asMap(value)?.labels);
  if (!labels) return out;
  for (const [k, v] of Object.entries(labels)) {
    const text = asText(v);
    if (text !== undefined) out[k] = text;
  }
  return out;
}

export const WORKLOAD_KINDS = new Set(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob']);

export interface PodShape {
  labels: Record<string, string>;
  serviceAccount: string;
  namedPorts: Map<string, { port: number; protocol: string }>;
  ips: IpAddress[];
  singlePod: boolean;
}

function podTemplate(obj: RawObject): { meta: unknown; spec: JsonMap; status?: JsonMap } | undefined {
  const spec = asMap(obj.value.spec) ?? {};
  if (obj.kind === 'Pod') return { meta: obj.value.metadata, spec, status: asMap(obj.value.status) };
  const template = obj.kind === 'CronJob' ? asMap(asMap(asMap(spec.jobTemplate)?.spec)?.template) : asMap(spec.template);
  if (!template) return undefined;
  return { meta: template.metadata, spec: asMap(template.spec) ?? {} };
}

function replicasAreOne(obj: RawObject): boolean {
  const spec = asMap(obj.value.spec) ?? {};
  switch (obj.kind) {
    case 'Pod':
      return true;
    case 'DaemonSet':
      return false;
    case 'Job':
      return (asNumber(spec.parallelism) ?? 1) === 1;
    case 'CronJob':
      return false;
    default:
      return (asNumber(spec.replicas) ?? 1) === 1;
  }
}

/** The pod a workload manifest describes: labels, service account, named container ports, IPs. */
export function podShape(obj: RawObject): PodShape | undefined {
  const t = podTemplate(obj);
  if (!t) return undefined;
  const namedPorts = new Map<string, { port: number; protocol: string }>();
  for (const group of ['initContainers', 'containers']) {
    for (const c of asList(t.spec[group])) {
      for (const p of asList(asMap(c)?.ports)) {
        const port = asMap(p);
        const name = port && asNonEmptyString(port.name);
        const number = port && asNumber(port.containerPort);
        if (name && number !== undefined) namedPorts.set(name, { port: number, protocol: (asText(port.protocol) ?? 'TCP').toUpperCase() });
      }
    }
  }
  const ips: IpAddress[] = [];
  const seen = new Set<string>();
  const addIp = (text: unknown) => {
    const ip = typeof text === 'string' ? parseIp(text) : undefined;
    if (ip && !seen.has(ip.text)) {
      seen.add(ip.text);
      ips.push(ip);
    }
  };
  if (t.status) {
    addIp(t.status.podIP);
    for (const entry of asList(t.status.podIPs)) addIp(asMap(entry)?.ip);
  }
  return {
    labels: labelsOf(t.meta),
    serviceAccount: asNonEmptyString(t.spec.serviceAccountName) ?? asNonEmptyString(t.spec.serviceAccount) ?? 'default',
    namedPorts,
    ips,
    singlePod: replicasAreOne(obj),
  };
}

export function setNets(obj: RawObject): Cidr[] {
  const out: Cidr[] = [];
  for (const n of asList(asMap(obj.value.spec)?.nets)) {
    const cidr = typeof n === 'string' ? parseCidr(n) : undefined;
    if (cidr) out.push(cidr);
  }
  return out;
}

export function tierSpec(obj: RawObject): { order?: number; defaultAction: 'Deny' | 'Pass' } {
  const spec = asMap(obj.value.spec) ?? {};
  const out: { order?: number; defaultAction: 'Deny' | 'Pass' } = { defaultAction: asText(spec.defaultAction) === 'Pass' ? 'Pass' : 'Deny' };
  const order = asNumber(spec.order);
  if (order !== undefined) out.order = order;
  return out;
}
