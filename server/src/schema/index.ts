// The schema as data: validation, completion and hover all read field names, types and docs from here.
import type { FieldSpec } from './types';
import { rootFields } from './kinds';
import { knownKinds } from './kindTable';
import { editDistance } from './editDistance';

export type { FieldSpec, FieldType } from './types';
export { rootFields } from './kinds';
export { kindInfo, kindTable, knownKinds, checkedKinds, policyKinds, isPolicyKind, type KindInfo, type KindEdition } from './kindTable';

/** Every projectcalico.org/v3 kind we recognise (Enterprise-only kinds included). */
export const calicoKinds: readonly string[] = knownKinds;

/** Walks field specs along a path; numeric segments step into list items. */
function walk(kind: string, path: (string | number)[], family?: string): { field?: FieldSpec; fields?: FieldSpec[] } | undefined {
  let fields = rootFields(kind, family);
  if (!fields) return undefined;
  let field: FieldSpec | undefined;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (!field || field.type !== 'list') return undefined;
      if (field.items) {
        field = field.items;
        fields = field.fields;
      } else fields = field.fields;
      continue;
    }
    if (field?.type === 'map') {
      field = field.items;
      fields = field?.fields;
      continue;
    }
    const next = fields?.find((f) => f.name === seg);
    if (!next) return undefined;
    field = next;
    fields = next.type === 'list' && next.items ? undefined : next.fields;
  }
  return { field, fields };
}

/** Keys allowed in the map at `path` (e.g. ['spec','ingress',0] → the Rule fields). */
export function fieldsAt(kind: string, path: (string | number)[], family?: string): FieldSpec[] | undefined {
  const r = walk(kind, path, family);
  if (!r) return undefined;
  if (path.length === 0) return r.fields;
  const f = r.field;
  if (!f) return r.fields;
  if (f.type === 'object') return f.fields;
  // A list-of-object path that ends at the list names the item's fields only after an index.
  if (typeof path[path.length - 1] === 'number' && f.type === 'list') return f.fields;
  if (typeof path[path.length - 1] === 'number' && f.fields) return f.fields;
  return undefined;
}

/** The field at `path` (list indices are skipped: ['spec','ingress',0,'action'] → the `action` field). */
export function fieldAt(kind: string, path: (string | number)[], family?: string): FieldSpec | undefined {
  if (path.length === 0) return undefined;
  return walk(kind, path, family)?.field;
}

/** Field names closest to `name` (for "did you mean"): case-insensitive match first, then edit distance ≤ 2. */
export function suggestField(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const ci = candidates.find((c) => c.toLowerCase() === lower);
  if (ci) return ci;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  const limit = name.length <= 4 ? 1 : 2;
  return bestDistance <= limit ? best : undefined;
}

export { editDistance, levenshtein } from './editDistance';
