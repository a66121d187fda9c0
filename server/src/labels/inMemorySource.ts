// A LabelIndex built from plain objects: for tests and for callers that already hold objects.
import type { LabelIndex, LabelKeyInfo, LabelledGroup, LabelScope, LabelValueInfo } from './labelIndex';
import type { LabelledObject } from './implicitLabels';
import { LabelStore, LabelStoreBuilder } from './labelStore';

export interface InMemoryObjects {
  pods?: { name: string; namespace: string; labels?: Record<string, string>; serviceAccount?: string }[];
  namespaces?: { name: string; labels?: Record<string, string> }[];
  serviceAccounts?: { name: string; namespace: string; labels?: Record<string, string> }[];
  networkSets?: { name: string; namespace: string; labels?: Record<string, string> }[];
  globalNetworkSets?: { name: string; labels?: Record<string, string> }[];
  hostEndpoints?: { name: string; labels?: Record<string, string> }[];
}

export class InMemoryLabelSource implements LabelIndex {
  private store: LabelStore;

  constructor(
    objects: InMemoryObjects = {},
    private readonly origin: 'cluster' | 'workspace' = 'workspace',
    private readonly description: string = origin,
  ) {
    this.store = InMemoryLabelSource.build(objects, origin, description);
  }

  /** Replace every object (as a refresh would). */
  set(objects: InMemoryObjects): void {
    this.store = InMemoryLabelSource.build(objects, this.origin, this.description);
  }

  static toLabelledObjects(objects: InMemoryObjects): LabelledObject[] {
    const out: LabelledObject[] = [];
    const labels = (l?: Record<string, string>) => l ?? {};
    for (const p of objects.pods ?? [])
      out.push({ kind: 'pod', name: p.name, namespace: p.namespace, labels: labels(p.labels), serviceAccount: p.serviceAccount ?? 'default' });
    for (const n of objects.namespaces ?? []) out.push({ kind: 'namespace', name: n.name, labels: labels(n.labels) });
    for (const s of objects.serviceAccounts ?? []) out.push({ kind: 'serviceAccount', name: s.name, namespace: s.namespace, labels: labels(s.labels) });
    for (const s of objects.networkSets ?? []) out.push({ kind: 'networkSet', name: s.name, namespace: s.namespace, labels: labels(s.labels) });
    for (const s of objects.globalNetworkSets ?? []) out.push({ kind: 'globalNetworkSet', name: s.name, labels: labels(s.labels) });
    for (const h of objects.hostEndpoints ?? []) out.push({ kind: 'hostEndpoint', name: h.name, labels: labels(h.labels) });
    return out;
  }

  private static build(objects: InMemoryObjects, origin: 'cluster' | 'workspace', description: string): LabelStore {
    const builder = new LabelStoreBuilder(origin, description);
    for (const o of InMemoryLabelSource.toLabelledObjects(objects)) builder.add(o);
    return builder.build();
  }

  isLoaded(): boolean {
    return this.store.isLoaded();
  }
  keys(scope: LabelScope): LabelKeyInfo[] {
    return this.store.keys(scope);
  }
  values(scope: LabelScope, key: string): LabelValueInfo[] {
    return this.store.values(scope, key);
  }
  serviceAccountNames(namespace?: string): LabelValueInfo[] {
    return this.store.serviceAccountNames(namespace);
  }
  groups(scope: LabelScope): Iterable<LabelledGroup> {
    return this.store.groups(scope);
  }
  describeSources(): string {
    return this.store.describeSources();
  }
}
