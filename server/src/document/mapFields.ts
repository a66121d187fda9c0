// Reads several fields of a mapping in one pass (checks that run for every rule would otherwise scan it per field).
import { isScalar, type YAMLMap } from 'yaml';

/**
 * For each of `names`, the value node of the first pair with that key — what `map.get(name, true)` returns —
 * written to `out` at the name's index (undefined when absent or valueless). Returns `out`.
 */
export function readFields(map: YAMLMap, names: readonly string[], out: unknown[]): unknown[] {
  out.length = names.length;
  out.fill(undefined);
  // The first pair of a name wins even when it has no value, as in `YAMLMap.get`.
  let seen = 0;
  const items = map.items;
  for (let i = 0; i < items.length; i++) {
    const key = items[i].key;
    if (!isScalar(key) || typeof key.value !== 'string') continue;
    const at = names.indexOf(key.value);
    if (at < 0 || seen & (1 << at)) continue;
    seen |= 1 << at;
    out[at] = items[i].value ?? undefined;
  }
  return out;
}
