// An immutable snapshot of one source's labelled objects, grouped by identical label sets, with
// key/value statistics computed per scope on first use. Sources build a new one and swap it in.
import type { LabelIndex, LabelKeyInfo, LabelledGroup, LabelScope, LabelValueInfo } from './labelIndex';
import { type LabelledObject, withImplicitLabels } from './implicitLabels';

const SAMPLE_NAMES = 3;
type GroupKind = LabelledGroup['kind'];

interface MutableGroup {
  kind: GroupKind;
  namespace?: string;
  labels: Record<string, string>;
  count: number;
  sampleNames: string[];
  origin: 'cluster' | 'workspace';
}

interface ValueStats {
  count: number;
  byKind: Map<GroupKind, number>;
  namespaces: Set<string>;
}
interface KeyStats extends ValueStats {
  values: Map<string, ValueStats>;
}

const NOUNS: Record<GroupKind, [string, string]> = {
  pod: ['pod', 'pods'],
  namespace: ['namespace', 'namespaces'],
  serviceAccount: ['service account', 'service accounts'],
  networkSet: ['network set', 'network sets'],
  globalNetworkSet: ['global network set', 'global network sets'],
  hostEndpoint: ['host endpoint', 'host endpoints'],
};

function signature(kind: GroupKind, namespace: string | undefined, labels: Record<string, string>): string {
  const parts = [kind, namespace ?? ''];
  for (const k of Object.keys(labels).sort()) parts.push(k, labels[k]);
  // A flat string: concatenation would keep a rope of pieces alive as the map key.
  return parts.join('\u0000');
}

/** Collects objects, then `build()` freezes them into a LabelStore. */
export class LabelStoreBuilder {
  private readonly groups = new Map<string, MutableGroup>();
  private readonly serviceAccounts = new Map<string, Map<string, number>>();
  // Each parsed API page carries its own copies of the same namespace names and label strings; one copy is kept.
  private readonly strings = new Map<string, string>();
  constructor(
    private readonly origin: 'cluster' | 'workspace',
    private readonly description: string,
  ) {}

  private intern(text: string): string {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    this.strings.set(text, text);
    return text;
  }

  add(obj: LabelledObject): void {
    const raw = withImplicitLabels(obj);
    const sig = signature(obj.kind, obj.namespace, raw);
    let group = this.groups.get(sig);
    if (!group) {
      const labels: Record<string, string> = {};
      for (const key in raw) labels[this.intern(key)] = this.intern(raw[key]);
      const namespace = obj.namespace === undefined ? undefined : this.intern(obj.namespace);
      group = { kind: obj.kind, namespace, labels, count: 0, sampleNames: [], origin: this.origin };
      this.groups.set(sig, group);
    }
    group.count++;
    if (group.sampleNames.length < SAMPLE_NAMES) group.sampleNames.push(obj.name);
    if (obj.kind === 'serviceAccount') {
      const ns = obj.namespace ?? '';
      let names = this.serviceAccounts.get(ns);
      if (!names) this.serviceAccounts.set(ns, (names = new Map()));
      names.set(obj.name, (names.get(obj.name) ?? 0) + 1);
    }
  }

  build(): LabelStore {
    return new LabelStore(this.origin, this.description, [...this.groups.values()], this.serviceAccounts);
  }
}

export interface StoreCounts {
  pods: number;
  namespaces: number;
  serviceAccounts: number;
  networkSets: number;
}

export class LabelStore implements LabelIndex {
  private readonly statsCache = new Map<string, Map<string, KeyStats>>();
  /** Namespaced groups by namespace, so a one-namespace question never walks the whole cluster. */
  private readonly byNamespace = new Map<string, MutableGroup[]>();
  private readonly clusterScoped: MutableGroup[] = [];
  readonly counts: StoreCounts = { pods: 0, namespaces: 0, serviceAccounts: 0, networkSets: 0 };

  constructor(
    readonly origin: 'cluster' | 'workspace',
    private readonly description: string,
    private readonly allGroups: readonly MutableGroup[],
    private readonly saNames: ReadonlyMap<string, ReadonlyMap<string, number>>,
  ) {
    for (const g of allGroups) {
      if (g.namespace === undefined) this.clusterScoped.push(g);
      else {
        let list = this.byNamespace.get(g.namespace);
        if (!list) this.byNamespace.set(g.namespace, (list = []));
        list.push(g);
      }
      if (g.kind === 'pod') this.counts.pods += g.count;
      else if (g.kind === 'namespace') this.counts.namespaces += g.count;
      else if (g.kind === 'serviceAccount') this.counts.serviceAccounts += g.count;
      else if (g.kind === 'networkSet' || g.kind === 'globalNetworkSet') this.counts.networkSets += g.count;
    }
  }

  static empty(origin: 'cluster' | 'workspace', description: string): LabelStore {
    return new LabelStoreBuilder(origin, description).build();
  }

  isLoaded(): boolean {
    return this.allGroups.length > 0;
  }

  describeSources(): string {
    return this.description;
  }

  *groups(scope: LabelScope): Iterable<LabelledGroup> {
    for (const g of this.candidates(scope)) if (inScope(g, scope)) yield g;
  }

  /** Computes the statistics completion needs for the widest scopes ahead of the first keystroke. */
  warmUp(): void {
    this.stats({ kind: 'endpoints' });
    this.stats({ kind: 'namespaces' });
  }

  private candidates(scope: LabelScope): readonly MutableGroup[] {
    const namespace = scope.kind === 'namespaces' ? undefined : scope.namespace;
    return namespace === undefined ? this.allGroups : (this.byNamespace.get(namespace) ?? []);
  }

  keys(scope: LabelScope): LabelKeyInfo[] {
    const out: LabelKeyInfo[] = [];
    for (const [key, stats] of this.stats(scope)) out.push({ key, count: stats.count, detail: this.detail(stats) });
    return out.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  }

  values(scope: LabelScope, key: string): LabelValueInfo[] {
    const stats = this.stats(scope).get(key);
    if (!stats) return [];
    const out: LabelValueInfo[] = [];
    for (const [value, v] of stats.values) out.push({ value, count: v.count, detail: this.detail(v) });
    return out.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }

  serviceAccountNames(namespace?: string): LabelValueInfo[] {
    const merged = new Map<string, { count: number; namespaces: Set<string> }>();
    for (const [ns, names] of this.saNames) {
      if (namespace !== undefined && ns !== namespace) continue;
      for (const [name, count] of names) {
        const m = merged.get(name) ?? { count: 0, namespaces: new Set<string>() };
        m.count += count;
        m.namespaces.add(ns);
        merged.set(name, m);
      }
    }
    return [...merged]
      .map(([value, m]) => ({ value, count: m.count, detail: `service account in ${where(m.namespaces)} · ${this.description}` }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }

  private stats(scope: LabelScope): Map<string, KeyStats> {
    const cacheKey = `${scope.kind}\u0000${'namespace' in scope ? (scope.namespace ?? '\u0001') : ''}`;
    const cached = this.statsCache.get(cacheKey);
    if (cached) return cached;
    const stats = new Map<string, KeyStats>();
    for (const g of this.candidates(scope)) {
      if (!inScope(g, scope)) continue;
      for (const key in g.labels) {
        let k = stats.get(key);
        if (!k) stats.set(key, (k = { count: 0, byKind: new Map(), namespaces: new Set(), values: new Map() }));
        tally(k, g);
        const value = g.labels[key];
        let v = k.values.get(value);
        if (!v) k.values.set(value, (v = { count: 0, byKind: new Map(), namespaces: new Set() }));
        tally(v, g);
      }
    }
    this.statsCache.set(cacheKey, stats);
    return stats;
  }

  private detail(stats: ValueStats): string {
    const parts: string[] = [];
    for (const [kind, n] of stats.byKind) parts.push(`${n} ${NOUNS[kind][n === 1 ? 0 : 1]}`);
    const ns = stats.namespaces.size > 0 ? ` in ${where(stats.namespaces)}` : '';
    return `${parts.join(', ')}${ns} · ${this.description}`;
  }
}

function tally(stats: ValueStats, g: MutableGroup): void {
  stats.count += g.count;
  stats.byKind.set(g.kind, (stats.byKind.get(g.kind) ?? 0) + g.count);
  if (g.namespace !== undefined) stats.namespaces.add(g.namespace);
}

function where(namespaces: Set<string>): string {
  if (namespaces.size === 1) return [...namespaces][0] || 'the cluster';
  return `${namespaces.size} namespaces`;
}

/** Whether a group belongs to the objects a selector in `scope` can talk about. */
export function inScope(g: { kind: GroupKind; namespace?: string }, scope: LabelScope): boolean {
  switch (scope.kind) {
    case 'namespaces':
      return g.kind === 'namespace';
    case 'serviceAccounts':
      return g.kind === 'serviceAccount' && (scope.namespace === undefined || g.namespace === scope.namespace);
    case 'endpoints':
      if (g.kind === 'pod' || g.kind === 'networkSet') return scope.namespace === undefined || g.namespace === scope.namespace;
      // Cluster-scoped endpoints and global sets are only reachable from selectors that span namespaces.
      return (g.kind === 'globalNetworkSet' || g.kind === 'hostEndpoint') && scope.namespace === undefined;
  }
}
