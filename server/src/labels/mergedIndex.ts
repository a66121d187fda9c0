// One LabelIndex over several sources (cluster, workspace): loaded sources contribute, counts add up.
import type { LabelIndex, LabelKeyInfo, LabelledGroup, LabelScope, LabelValueInfo } from './labelIndex';

export class MergedLabelIndex implements LabelIndex {
  constructor(private readonly sources: () => readonly LabelIndex[]) {}

  private loaded(): LabelIndex[] {
    return this.sources().filter((s) => s.isLoaded());
  }

  isLoaded(): boolean {
    return this.loaded().length > 0;
  }

  keys(scope: LabelScope): LabelKeyInfo[] {
    return mergeInfos(this.loaded().map((s) => s.keys(scope).map((k) => ({ id: k.key, ...k })))).map(
      ({ id, count, detail }) => ({ key: id, count, detail }),
    );
  }

  values(scope: LabelScope, key: string): LabelValueInfo[] {
    return mergeInfos(this.loaded().map((s) => s.values(scope, key).map((v) => ({ id: v.value, ...v })))).map(
      ({ id, count, detail }) => ({ value: id, count, detail }),
    );
  }

  serviceAccountNames(namespace?: string): LabelValueInfo[] {
    return mergeInfos(this.loaded().map((s) => s.serviceAccountNames(namespace).map((v) => ({ id: v.value, ...v })))).map(
      ({ id, count, detail }) => ({ value: id, count, detail }),
    );
  }

  *groups(scope: LabelScope): Iterable<LabelledGroup> {
    for (const s of this.loaded()) yield* s.groups(scope);
  }

  describeSources(): string {
    return this.loaded().map((s) => s.describeSources()).join(' + ') || 'no label source';
  }
}

function mergeInfos(lists: { id: string; count: number; detail: string }[][]): { id: string; count: number; detail: string }[] {
  if (lists.length === 1) return lists[0];
  const merged = new Map<string, { id: string; count: number; detail: string }>();
  for (const list of lists) {
    for (const item of list) {
      const m = merged.get(item.id);
      if (m) {
        m.count += item.count;
        m.detail = `${m.detail}; ${item.detail}`;
      } else merged.set(item.id, { id: item.id, count: item.count, detail: item.detail });
    }
  }
  return [...merged.values()].sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
}
